import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { WebhookDispatcher } from '../../../src/app/webhook/webhook-dispatcher';
import { signWebhookPayload } from '../../../src/domain/webhooks';
import { type CreatedSubscription } from '../fixtures/event-fixtures';
import { startReceiver, waitFor } from '../fixtures/webhook-receiver';
import { buildExperiment, buildMetrics, buildOrgTree, mutate } from '../fixtures/write-fixtures';
import { operation, useTestApp } from '../helpers';

// examples/webhook-receiver.mjs, run by plain `node` as its comment says, against real deliveries.

const t = useTestApp();
const ROOT = path.resolve(__dirname, '../../..');
let child: ChildProcess | undefined;
let output = '';

afterEach(() => {
  child?.kill();
  child = undefined;
});

/** Starts the example on `port` with `secret` and waits until it listens. */
async function startExample(secret: string, port: number): Promise<void> {
  output = '';
  child = spawn(process.execPath, ['examples/webhook-receiver.mjs'], {
    cwd: ROOT,
    env: { ...process.env, WEBHOOK_SECRET: secret, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await waitFor(() => output.includes('Listening on'), `the example to listen:\n${output}`);
}

describe('examples/webhook-receiver.mjs', () => {
  it('verifies real deliveries, refuses a changed body and handles a redelivered event once', async () => {
    await t.truncateAll();
    await buildOrgTree(t);
    await buildMetrics(t);
    const probe = await startReceiver();
    const port = probe.port;
    await probe.close();
    const url = `http://127.0.0.1:${port}/`;
    const created = await t.exec<{ createWebhookSubscription: CreatedSubscription }>(
      operation('mutation-create-webhook-subscription'),
      { input: { url, eventTypes: ['EXPERIMENT_STATUS_CHANGED'] } },
    );
    const { secret, subscription } = created.data!.createWebhookSubscription;
    await startExample(secret!, port);

    await buildExperiment(t);
    const dispatcher = new WebhookDispatcher({
      dataSource: t.dataSource,
      intervalMs: 20,
      timeoutMs: 2000,
      retry: { baseMs: 20, maxMs: 100, maxAttempts: 3 },
    });
    expect(await dispatcher.deliverBatch()).toBe(1);
    await waitFor(() => output.includes('verified experiment.status_changed exp-1'), `the verified line:\n${output}`);
    const [delivery] = await t.dataSource.query(
      'SELECT id, status, last_http_status FROM webhook_delivery WHERE subscription_id = $1',
      [subscription.id],
    );
    expect(delivery).toMatchObject({ status: 'DELIVERED', last_http_status: 204 });

    // A body changed after signing is refused with 400.
    const body = JSON.stringify({ id: 'x', type: 'decision.recorded', experiment: { key: 'k' } });
    const header = signWebhookPayload({ secret: secret!, timestamp: Math.floor(Date.now() / 1000), body });
    const tampered = await fetch(url, {
      method: 'POST',
      headers: { 'x-ewl-signature': header },
      body: body.replace('"k"', '"other"'),
    });
    expect(tampered.status).toBe(400);
    await waitFor(() => output.includes('refused signature mismatch'), `the refused line:\n${output}`);

    // A redelivery of the same event is answered 2xx and handled once.
    await mutate(t, 'mutation-redeliver-webhook-delivery', { id: delivery.id });
    expect(await dispatcher.deliverBatch()).toBe(1);
    await waitFor(() => output.includes('duplicate '), `the duplicate line:\n${output}`);
    expect(output.match(/^verified /gm)).toHaveLength(1);
  });
});
