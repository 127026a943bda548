import { type WebhookDispatcherOptions, WebhookDispatcher } from '../../../src/app/webhook/webhook-dispatcher';
import { claimDueDeliveries, recordGivenUp } from '../../../src/db/queries/webhook-delivery-writes';
import { verifyWebhookSignature } from '../../../src/domain/webhooks';
import { createKey } from '../fixtures/auth-fixtures';
import { type CreatedSubscription } from '../fixtures/event-fixtures';
import { type ReceivedRequest, startReceiver, type TestReceiver, waitFor } from '../fixtures/webhook-receiver';
import { buildExperiment, buildMetrics, buildOrgTree, mutate, transition } from '../fixtures/write-fixtures';
import { operation, useTestApp } from '../helpers';

// Deliveries through the dispatcher to a local receiver (docs/events.md): signed, at least once,
// retried with back-off (short here: WEBHOOK_RETRY_BASE_MS-style settings), given up and disabled.

const t = useTestApp();
const CREATE = operation('mutation-create-webhook-subscription');
const DELIVERIES = operation('query-webhook-deliveries');

const running: WebhookDispatcher[] = [];
let receiver: TestReceiver | undefined;

function startDispatcher(overrides: Partial<WebhookDispatcherOptions> = {}): WebhookDispatcher {
  const dispatcher = new WebhookDispatcher({
    dataSource: t.dataSource,
    intervalMs: 20,
    timeoutMs: 2000,
    retry: { baseMs: 20, maxMs: 100, maxAttempts: 10 },
    ...overrides,
  });
  running.push(dispatcher);
  dispatcher.start();
  return dispatcher;
}

async function subscribe(input: Record<string, unknown>, token?: string): Promise<CreatedSubscription> {
  const variables = { input: { eventTypes: ['EXPERIMENT_STATUS_CHANGED'], ...input } };
  const result = token === undefined ? await t.exec(CREATE, variables) : await t.post(CREATE, variables, token);
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return (result.data as { createWebhookSubscription: CreatedSubscription }).createWebhookSubscription;
}

interface LoggedDelivery {
  id: string;
  status: string;
  attempts: number;
  lastHttpStatus: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  event: { id: string; type: string; experimentKey: string; ownerNodeKey: string };
}

async function deliveries(subscriptionId: string): Promise<LoggedDelivery[]> {
  const result = await t.exec<{ webhookDeliveries: LoggedDelivery[] }>(DELIVERIES, { subscriptionId });
  return result.data!.webhookDeliveries;
}

const bodyOf = (r: ReceivedRequest) => JSON.parse(r.body) as { id: string; type: string; experiment: { key: string } };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  await t.truncateAll();
  await buildOrgTree(t);
  await buildMetrics(t);
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((d) => d.stop()));
  await receiver?.close();
  receiver = undefined;
});

describe('the webhook dispatcher', () => {
  it('delivers an event once, signed with the subscription secret, and logs the delivery', async () => {
    receiver = await startReceiver();
    const { secret, subscription } = await subscribe({ url: receiver.url });
    await buildExperiment(t);
    startDispatcher();
    await waitFor(() => receiver!.requests.length >= 1, 'the delivery');
    await pause(300);
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    const body = JSON.parse(request!.body);
    expect(body).toEqual({
      id: expect.any(String),
      type: 'experiment.status_changed',
      occurredAt: expect.any(String),
      experiment: { id: expect.any(String), key: 'exp-1' },
      orgNode: { id: expect.any(String), key: 'ranking' },
      data: { from: null, to: 'DRAFT', cause: 'CREATED' },
    });
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-ewl-event-id': body.id,
      'x-ewl-event-type': 'experiment.status_changed',
      'x-ewl-delivery-attempt': '1',
    });
    const header = request!.headers['x-ewl-signature'] as string;
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret: secret!, header, body: request!.body, now: new Date() }).valid).toBe(true);

    await waitFor(async () => (await deliveries(subscription.id))[0]?.status === 'DELIVERED', 'the log');
    const [logged] = await deliveries(subscription.id);
    expect(logged).toMatchObject({
      id: request!.headers['x-ewl-delivery-id'],
      status: 'DELIVERED',
      attempts: 1,
      lastHttpStatus: 200,
      lastError: null,
      event: { id: body.id, type: 'EXPERIMENT_STATUS_CHANGED', experimentKey: 'exp-1', ownerNodeKey: 'ranking' },
    });
    expect(logged!.lastLatencyMs).toBeGreaterThanOrEqual(0);
  });

  it('makes a wrong signature detectable: another secret or a changed body fails verification', async () => {
    receiver = await startReceiver();
    const { secret } = await subscribe({ url: receiver.url });
    await buildExperiment(t);
    startDispatcher();
    await waitFor(() => receiver!.requests.length >= 1, 'the delivery');
    const [request] = receiver.requests;
    const header = request!.headers['x-ewl-signature'] as string;
    const now = new Date();
    expect(verifyWebhookSignature({ secret: `${secret!.slice(0, -1)}x`, header, body: request!.body, now })).toEqual({
      valid: false,
      reason: 'SIGNATURE_MISMATCH',
    });
    const tampered = request!.body.replace('"DRAFT"', '"RUNNING"');
    expect(verifyWebhookSignature({ secret: secret!, header, body: tampered, now })).toEqual({
      valid: false,
      reason: 'SIGNATURE_MISMATCH',
    });
  });

  it('retries a receiver that fails twice and delivers on the third attempt', async () => {
    receiver = await startReceiver((n) => (n <= 2 ? 500 : 204));
    const { subscription } = await subscribe({ url: receiver.url });
    await buildExperiment(t);
    startDispatcher();
    await waitFor(() => receiver!.requests.length >= 3, 'three attempts');
    await pause(300);
    expect(receiver.requests).toHaveLength(3);
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
    expect(receiver.requests.map((r) => r.headers['x-ewl-delivery-attempt'])).toEqual(['1', '2', '3']);
    await waitFor(async () => (await deliveries(subscription.id))[0]?.status === 'DELIVERED', 'the log');
    expect((await deliveries(subscription.id))[0]).toMatchObject({ attempts: 3, lastHttpStatus: 204, lastError: null });
  });

  it('delivers to a receiver that was down for longer once it is back', async () => {
    const probe = await startReceiver();
    const port = probe.port;
    await probe.close();
    const { subscription } = await subscribe({ url: `http://127.0.0.1:${port}/hooks` });
    await buildExperiment(t);
    startDispatcher({ retry: { baseMs: 20, maxMs: 60, maxAttempts: 100 } });
    await waitFor(async () => ((await deliveries(subscription.id))[0]?.attempts ?? 0) >= 4, 'failed attempts');
    const [failing] = await deliveries(subscription.id);
    expect(failing).toMatchObject({ status: 'PENDING', lastHttpStatus: null, lastError: 'ECONNREFUSED' });
    receiver = await startReceiver(() => 200, port);
    await waitFor(() => receiver!.requests.length >= 1, 'the delivery after the receiver came back');
    await waitFor(async () => (await deliveries(subscription.id))[0]?.status === 'DELIVERED', 'the log');
    expect(receiver.requests).toHaveLength(1);
  });

  it('delivers a delivery whose claim was lost (a crashed dispatcher) once its lease expires', async () => {
    receiver = await startReceiver();
    const { subscription } = await subscribe({ url: receiver.url });
    await buildExperiment(t);
    // A dispatcher claims the delivery and dies before sending it.
    const now = new Date();
    const claimed = await claimDueDeliveries(t.dataSource, {
      now,
      lockedUntil: new Date(now.getTime() + 2000),
      leaseId: '00000000-0000-4000-8000-00000000dead',
      limit: 10,
    });
    expect(claimed).toHaveLength(1);
    startDispatcher();
    await pause(500);
    expect(receiver.requests).toHaveLength(0);
    await waitFor(() => receiver!.requests.length >= 1, 'the delivery after the lease');
    await waitFor(async () => (await deliveries(subscription.id))[0]?.status === 'DELIVERED', 'the log');
    expect((await deliveries(subscription.id))[0]).toMatchObject({ attempts: 2 });
  });

  it('disables a subscription when two of its deliveries are given up at the same time', async () => {
    // On PostgreSQL the two outcomes run on two connections at once; each must count the other's failure.
    const { subscription } = await subscribe({ url: 'http://127.0.0.1:9/hooks' });
    const experiment = await buildExperiment(t);
    await transition(t, experiment.id, 'RUNNING', '2025-01-01T00:00:00.000Z');
    const now = new Date();
    const leaseId = '00000000-0000-4000-8000-0000000000aa';
    const claimed = await claimDueDeliveries(t.dataSource, {
      now,
      lockedUntil: new Date(now.getTime() + 60_000),
      leaseId,
      limit: 10,
    });
    expect(claimed).toHaveLength(2);
    const outcome = { leaseId, at: now, httpStatus: 503, latencyMs: 1, error: 'HTTP 503' };
    const disabled = await Promise.all(
      claimed.map((d) => recordGivenUp(t.dataSource, { ...outcome, deliveryId: d.deliveryId }, 2)),
    );
    expect(disabled.sort()).toEqual([false, true]);
    const [state] = await t.dataSource.query(
      'SELECT enabled, consecutive_failures FROM webhook_subscription WHERE id = $1',
      [subscription.id],
    );
    expect(state).toEqual({ enabled: false, consecutive_failures: 2 });
  });

  it('gives a delivery up after the last attempt, disables the subscription, and a redelivery takes it back', async () => {
    receiver = await startReceiver(() => 503);
    const { subscription } = await subscribe({ url: receiver.url, eventTypes: ['EXPERIMENT_STATUS_CHANGED'] });
    const experiment = await buildExperiment(t);
    await transition(t, experiment.id, 'RUNNING', '2025-01-01T00:00:00.000Z');
    startDispatcher({ retry: { baseMs: 10, maxMs: 20, maxAttempts: 2 }, disableAfter: 2 });
    const failed = async () => (await deliveries(subscription.id)).filter((d) => d.status === 'FAILED');
    await waitFor(async () => (await failed()).length === 2, 'two deliveries given up');
    expect(receiver.requests).toHaveLength(4);
    expect((await failed())[0]).toMatchObject({ attempts: 2, lastHttpStatus: 503, lastError: 'HTTP 503' });
    const [state] = await t.dataSource.query(
      'SELECT enabled, consecutive_failures, disabled_at FROM webhook_subscription WHERE id = $1',
      [subscription.id],
    );
    expect(state).toMatchObject({ enabled: false, consecutive_failures: 2, disabled_at: expect.any(Date) });

    // Disabled: new events queue nothing for it.
    await transition(t, experiment.id, 'STOPPED', '2025-01-15T00:00:00.000Z');
    expect(await deliveries(subscription.id)).toHaveLength(2);

    receiver.respond = () => 200;
    const [oldest] = (await failed()).slice(-1);
    const redelivered = await mutate<{ status: string; attempts: number }>(t, 'mutation-redeliver-webhook-delivery', {
      id: oldest!.id,
    });
    expect(redelivered).toMatchObject({ status: 'PENDING', attempts: 0 });
    await waitFor(() => receiver!.requests.length === 5, 'the redelivery');
    await waitFor(async () => (await failed()).length === 1, 'the redelivery logged');
    const [after] = await t.dataSource.query(
      'SELECT enabled, consecutive_failures, disabled_at FROM webhook_subscription WHERE id = $1',
      [subscription.id],
    );
    expect(after).toEqual({ enabled: true, consecutive_failures: 0, disabled_at: null });
  });

  it('never delivers the events outside the subtree of a limited key’s subscription', async () => {
    receiver = await startReceiver();
    const { token } = await createKey(t, { scopes: ['webhooks'], orgNodeKey: 'search' });
    await subscribe({ url: receiver.url, orgNodeKey: 'search' }, token);
    await buildExperiment(t, { key: 'in-ranking', ownerNodeKey: 'ranking' });
    await buildExperiment(t, { key: 'in-onboarding', ownerNodeKey: 'onboarding' });
    await buildExperiment(t, { key: 'in-search', ownerNodeKey: 'search' });
    startDispatcher();
    await waitFor(() => receiver!.requests.length >= 2, 'the deliveries');
    await pause(300);
    expect(receiver.requests.map((r) => bodyOf(r).experiment.key).sort()).toEqual(['in-ranking', 'in-search']);
  });

  it('lets two dispatchers share the work: each event is delivered exactly once', async () => {
    receiver = await startReceiver();
    await subscribe({ url: receiver.url, eventTypes: ['EXPERIMENT_STATUS_CHANGED', 'EXPERIMENT_CATEGORY_CHANGED'] });
    for (let i = 0; i < 15; i++) await buildExperiment(t, { key: `exp-${i}` });
    const [{ queued }] = await t.dataSource.query('SELECT count(*)::int AS queued FROM webhook_delivery');
    expect(queued).toBe(30);
    startDispatcher({ batchSize: 3 });
    startDispatcher({ batchSize: 3 });
    await waitFor(() => receiver!.requests.length >= 30, 'thirty deliveries');
    await pause(300);
    const ids = receiver.requests.map((r) => bodyOf(r).id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });
});

describe('the decision-overdue scheduler', () => {
  const DAY = 86_400_000;

  it('emits experiment.decision_overdue once per experiment and threshold, for concluded experiments without a decision', async () => {
    receiver = await startReceiver();
    const overdue = await subscribe({
      url: receiver.url,
      orgNodeKey: 'search',
      eventTypes: ['EXPERIMENT_DECISION_OVERDUE'],
      decisionOverdueDays: 14,
    });
    const conclude = async (key: string, ownerNodeKey: string, concludedDaysAgo: number) => {
      const experiment = await buildExperiment(t, { key, ownerNodeKey });
      const at = (days: number) => new Date(Date.now() - days * DAY).toISOString();
      await transition(t, experiment.id, 'RUNNING', at(concludedDaysAgo + 20));
      await transition(t, experiment.id, 'STOPPED', at(concludedDaysAgo + 2));
      await transition(t, experiment.id, 'CONCLUDED', at(concludedDaysAgo));
      return experiment;
    };
    await conclude('late', 'ranking', 20);
    await conclude('recent', 'ranking', 5);
    await conclude('elsewhere', 'onboarding', 30);
    const decided = await conclude('decided', 'search', 40);
    await mutate(t, 'mutation-record-decision', { experimentId: decided.id, kind: 'ABANDON', decidedBy: 'Ada' });

    const dispatcher = new WebhookDispatcher({
      dataSource: t.dataSource,
      intervalMs: 20,
      timeoutMs: 2000,
      retry: { baseMs: 20, maxMs: 100, maxAttempts: 3 },
    });
    expect(await dispatcher.scanDecisionOverdue()).toBe(1);
    expect(await dispatcher.scanDecisionOverdue()).toBe(0);
    await dispatcher.deliverBatch();
    expect(receiver.requests.map((r) => JSON.parse(r.body))).toEqual([
      expect.objectContaining({
        type: 'experiment.decision_overdue',
        experiment: expect.objectContaining({ key: 'late' }),
        data: { days: 14, concludedAt: expect.any(String), category: expect.any(String) },
      }),
    ]);
    // Ten days later, `recent` is overdue too.
    expect(await dispatcher.scanDecisionOverdue(new Date(Date.now() + 10 * DAY))).toBe(1);
    expect((await deliveries(overdue.subscription.id)).map((d) => d.event.experimentKey)).toEqual(['recent', 'late']);
  });
});
