import {
  createKeyWithCli,
  createProcessDatabase,
  type DatabaseEnv,
  killServerProcess,
  type ProcessDatabase,
  type ServerProcess,
  startServerProcess,
} from '../fixtures/server-process';
import { experimentInput } from '../fixtures/write-fixtures';
import { connectClient, type LiveSubscription, subscribe } from '../fixtures/ws-client';
import { type GraphQLResult, operation } from '../helpers';

// Live subscriptions against real server processes (src/server/main.ts; docs/events.md "Live
// subscriptions"): on PostgreSQL, events committed through another server process, by concurrent
// writers, each reach a subscriber exactly once; on the embedded database (one process owns it),
// the server's own writes do. Then SIGTERM closes the subscriber's socket with 1001 (Going away)
// and the process exits.

const POSTGRES = process.env.TEST_DATABASE_MODE === 'postgres';
const SERVER_ENV = { EVENT_FEED_INTERVAL_MS: '50', WEBHOOK_DISPATCH_INTERVAL_MS: '0', REQUEST_TIMEOUT_MS: '30000' };
const EVENTS = 'subscription { experimentEvents(types: [EXPERIMENT_STATUS_CHANGED]) { id experimentKey type } }';

type Live = LiveSubscription<{ experimentEvents: { id: string; experimentKey: string; type: string } }>;

describe('live subscriptions across server processes', () => {
  let db: ProcessDatabase;
  let database: DatabaseEnv;
  const servers: ServerProcess[] = [];
  let token = '';

  async function create(server: ServerProcess, key: string): Promise<void> {
    const response = await fetch(`${server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: operation('mutation-create-experiment'),
        variables: { input: experimentInput({ key, ownerNodeKey: 'acme', hypothesis: null }) },
      }),
    });
    const result = (await response.json()) as GraphQLResult;
    if (result.errors) throw new Error(`createExperiment ${key}: ${JSON.stringify(result.errors)}`);
  }
  const keysOf = (live: Live) => live.results.map((r) => r.data!.experimentEvents.experimentKey);

  beforeAll(async () => {
    db = await createProcessDatabase('ewl-live');
    database = db.env;
    servers.push(await startServerProcess(database, SERVER_ENV));
    if (POSTGRES) servers.push(await startServerProcess(database, SERVER_ENV));
    token = await createKeyWithCli(database, 'admin');
    const response = await fetch(`${servers[0]!.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: operation('mutation-create-org-node'),
        variables: { input: { key: 'acme', name: 'Acme', kind: 'company' } },
      }),
    });
    expect(((await response.json()) as GraphQLResult).errors).toBeUndefined();
    for (const key of ['conv', 'revenue', 'ctr']) {
      const metric = await fetch(`${servers[0]!.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: operation('mutation-create-metric'),
          variables: {
            input: {
              key,
              name: key,
              type: key === 'conv' ? 'BINARY' : key === 'ctr' ? 'RATIO' : 'CONTINUOUS',
              preferredDirection: 'INCREASE',
            },
          },
        }),
      });
      expect(((await metric.json()) as GraphQLResult).errors).toBeUndefined();
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map(killServerProcess));
    await db?.drop();
  });

  it('delivers events committed by another process (or the same, embedded) exactly once, then closes with 1001 at SIGTERM', async () => {
    const listener = servers[0]!;
    const writers = POSTGRES ? [servers[1]!, servers[0]!] : [servers[0]!];
    const closed: number[] = [];
    const client = connectClient(`${listener.baseUrl}/graphql`, token, (code) => closed.push(code));
    const live: Live = subscribe(client, EVENTS);
    // The subscription listens once the server has read its start snapshot: until a probe's event
    // arrives, each probe may have committed before that.
    let probes = 0;
    const started = Date.now();
    while (!live.results.some((r) => r.data?.experimentEvents.experimentKey.startsWith('probe-'))) {
      if (live.ended !== undefined) throw new Error(`subscription ended: ${JSON.stringify(live)}`);
      if (Date.now() - started > 60_000) throw new Error(`no probe arrived after ${probes}\n${listener.output}`);
      await create(writers[0]!, `probe-${probes++}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const keys = Array.from({ length: 24 }, (_, i) => `exp-${i}`);
    // Concurrent writers on every process: their transactions commit in another order than they draw their seq.
    for (let i = 0; i < keys.length; i += 4)
      await Promise.all(keys.slice(i, i + 4).map((key, j) => create(writers[j % writers.length]!, key)));
    await live.until((s) => keys.every((key) => keysOf(s).includes(key)), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const received = keysOf(live).filter((key) => !key.startsWith('probe-'));
    expect([...received].sort()).toEqual([...keys].sort());
    expect(new Set(live.results.map((r) => r.data!.experimentEvents.id)).size).toBe(live.results.length);
    expect(live.results.every((r) => r.errors === undefined)).toBe(true);

    const exited = new Promise<number | null>((resolve) => listener.child.once('exit', (code) => resolve(code)));
    listener.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(closed).toContain(1001);
    await client.dispose();
  }, 180_000);
});
