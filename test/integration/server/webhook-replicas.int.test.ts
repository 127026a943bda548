import http from 'node:http';
import { type AddressInfo } from 'node:net';
import {
  createKeyWithCli,
  createProcessDatabase,
  type DatabaseEnv,
  killServerProcess,
  type ProcessDatabase,
  type ServerProcess,
  startServerProcess,
} from '../fixtures/server-process';
import { waitFor } from '../fixtures/webhook-receiver';
import { experimentInput } from '../fixtures/write-fixtures';
import { type GraphQLResult, operation } from '../helpers';

// Webhooks across real server processes (docs/events.md): a delivery in flight when the server is
// killed (SIGKILL: no drain) is sent after a restart, on both databases; and, on PostgreSQL, two
// server processes deliver each of 200 events exactly once (several processes need PostgreSQL: the
// embedded database belongs to one process).

/**
 * The dispatchers' settings: a 5 s request limit (a loaded machine answers slowly; a timed-out
 * request would be sent again, which at-least-once allows but this count forbids), so a claim's
 * lease is 2 × 5 s + 5 s.
 */
const WEBHOOK_ENV = {
  WEBHOOK_DISPATCH_INTERVAL_MS: '50',
  WEBHOOK_TIMEOUT_MS: '5000',
  WEBHOOK_RETRY_BASE_MS: '50',
  WEBHOOK_RETRY_MAX_MS: '200',
};
const POSTGRES = process.env.TEST_DATABASE_MODE === 'postgres';

interface Received {
  readonly eventId: string;
  readonly attempt: string;
}

/** A receiver answering 204 after `delayMs`, or never answering the requests `hang(n)` picks. */
async function startReceiver(options: { delayMs?: number; hang?: (n: number) => boolean } = {}) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push({
        eventId: String(req.headers['x-ewl-event-id']),
        attempt: String(req.headers['x-ewl-delivery-attempt']),
      });
      if (options.hang?.(received.length)) return;
      setTimeout(() => res.writeHead(204).end(), options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('webhooks across server processes', () => {
  let db: ProcessDatabase;
  let database: DatabaseEnv;
  const servers: ServerProcess[] = [];
  let token = '';

  async function post<T = Record<string, unknown>>(
    server: ServerProcess,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<T> {
    const response = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const result = (await response.json()) as GraphQLResult<T>;
    if (result.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(result.errors)}`);
    return result.data!;
  }
  const mutate = async (server: ServerProcess, file: string, input: Record<string, unknown>) =>
    Object.values(await post(server, operation(file), { input }))[0] as { id: string };
  const subscribe = async (server: ServerProcess, url: string) =>
    (
      await post<{ createWebhookSubscription: { subscription: { id: string } } }>(
        server,
        operation('mutation-create-webhook-subscription'),
        { input: { url, eventTypes: ['EXPERIMENT_STATUS_CHANGED'] } },
      )
    ).createWebhookSubscription.subscription.id;
  /** waitFor, failing with what the servers logged (their warnings name failed deliveries). */
  const waitForServers = async (condition: () => boolean, what: () => string, timeoutMs: number) => {
    try {
      await waitFor(condition, 'it', timeoutMs);
    } catch {
      const logs = servers.map((s, i) => `server ${i}:\n${s.output.slice(-4000)}`).join('\n');
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}\n${logs}`);
    }
  };
  const deliveries = async (server: ServerProcess, subscriptionId: string) =>
    (
      await post<{ webhookDeliveries: Array<{ status: string; attempts: number }> }>(
        server,
        `query D($id: ID!) { webhookDeliveries(subscriptionId: $id, first: 100) { status attempts } }`,
        { id: subscriptionId },
      )
    ).webhookDeliveries;

  beforeAll(async () => {
    db = await createProcessDatabase('ewl-webhooks');
    database = db.env;
    const count = POSTGRES ? 2 : 1;
    servers.push(
      ...(await Promise.all(Array.from({ length: count }, () => startServerProcess(database, WEBHOOK_ENV)))),
    );
    token = await createKeyWithCli(database, 'admin');
    await mutate(servers[0]!, 'mutation-create-org-node', { key: 'acme', name: 'Acme', kind: 'company' });
    for (const key of ['conv', 'revenue', 'ctr'])
      await mutate(servers[0]!, 'mutation-create-metric', {
        key,
        name: key,
        type: key === 'conv' ? 'BINARY' : key === 'ctr' ? 'RATIO' : 'CONTINUOUS',
        preferredDirection: 'INCREASE',
      });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map(killServerProcess));
    await db?.drop();
  });

  // Registered on PostgreSQL only, as replicas.int.test.ts registers its replicas.
  if (POSTGRES)
    it('two server processes deliver each of 200 events exactly once', async () => {
      const receiver = await startReceiver({ delayMs: 5 });
      try {
        const subscription = await subscribe(servers[0]!, receiver.url);
        // Four writers at a time, alternating between the two servers.
        for (let i = 0; i < 200; i += 4)
          await Promise.all(
            [i, i + 1, i + 2, i + 3].map((j) =>
              mutate(
                servers[j % 2]!,
                'mutation-create-experiment',
                experimentInput({ key: `exp-${j}`, ownerNodeKey: 'acme', hypothesis: null }),
              ),
            ),
          );
        await waitForServers(
          () => receiver.received.length >= 200,
          () => `200 deliveries (${receiver.received.length} received)`,
          180_000,
        );
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const ids = receiver.received.map((r) => r.eventId);
        expect(ids).toHaveLength(200);
        expect(new Set(ids).size).toBe(200);
        expect(receiver.received.every((r) => r.attempt === '1')).toBe(true);
        const logged = await deliveries(servers[1]!, subscription);
        expect(logged).toHaveLength(100);
        expect(logged.every((d) => d.status === 'DELIVERED' && d.attempts === 1)).toBe(true);
        await mutate(servers[0]!, 'mutation-delete-webhook-subscription', { id: subscription });
      } finally {
        await receiver.close();
      }
    }, 420_000);

  it('delivers after a restart what was in flight when every server process was killed', async () => {
    // The first request is never answered: the processes die while it runs, its claim unrecorded.
    const receiver = await startReceiver({ hang: (n) => n === 1 });
    try {
      const subscription = await subscribe(servers[0]!, receiver.url);
      await mutate(
        servers.at(-1)!,
        'mutation-create-experiment',
        experimentInput({ key: 'in-flight', ownerNodeKey: 'acme', hypothesis: null }),
      );
      await waitForServers(
        () => receiver.received.length === 1,
        () => 'the attempt in flight',
        60_000,
      );
      await Promise.all(servers.splice(0).map(killServerProcess));

      servers.push(await startServerProcess(database, WEBHOOK_ENV));
      await waitForServers(
        () => receiver.received.length === 2,
        () => 'the delivery after the restart',
        120_000,
      );
      expect(receiver.received[1]).toEqual({ eventId: receiver.received[0]!.eventId, attempt: '2' });
      await waitFor(
        async () => (await deliveries(servers[0]!, subscription))[0]?.status === 'DELIVERED',
        'the delivery recorded',
      );
      expect(await deliveries(servers[0]!, subscription)).toEqual([{ status: 'DELIVERED', attempts: 2 }]);
    } finally {
      await receiver.close();
    }
  }, 300_000);
});
