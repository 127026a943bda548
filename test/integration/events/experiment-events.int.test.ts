import { appendEvents } from '../../../src/db/queries/event-writes';
import { createKey, refusal } from '../fixtures/auth-fixtures';
import { buildExperiment, buildMetrics, buildOrgTree, transition } from '../fixtures/write-fixtures';
import { connectClient, eventually, type LiveSubscription, subscribe } from '../fixtures/ws-client';
import { type GraphQLResult, useTestApp } from '../helpers';

// The live subscription experimentEvents over graphql-ws (docs/events.md "Live subscriptions"),
// with a real WebSocket client against the real HTTP server: what arrives, filters, access exactly
// as for queries, the operation limits, and the per-connection and per-process limits.

const t = useTestApp({ allowAnonymousReads: false, subscriptionLimits: { maxConnections: 4 } });

const EVENTS = `subscription Events($orgNodeKey: String, $types: [EventType!]) {
  experimentEvents(orgNodeKey: $orgNodeKey, types: $types) { id type occurredAt experimentKey ownerNodeKey payload }
}`;

interface Event {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly experimentKey: string;
  readonly ownerNodeKey: string;
  readonly payload: Record<string, unknown>;
}
type Live = LiveSubscription<{ experimentEvents: Event }>;

const clients: Array<ReturnType<typeof connectClient>> = [];
async function client(token?: string) {
  const c = connectClient(await t.httpUrl(), token);
  clients.push(c);
  return c;
}
/** Subscribes and waits until the feed listens for it (its start snapshot read). */
async function listen(token: string | undefined, variables: Record<string, unknown> = {}): Promise<Live> {
  const before = t.app.eventFeed.size;
  const live: Live = subscribe(await client(token), EVENTS, variables);
  await eventually(
    () => t.app.eventFeed.size > before || live.ended !== undefined || live.results.length > 0,
    'the subscription',
  );
  if (live.ended !== undefined || live.results.length > 0) throw new Error(`refused: ${JSON.stringify(live)}`);
  return live;
}
/** Subscribes and waits for the refusal: one result with errors, then complete. */
async function refused(token: string | undefined, variables: Record<string, unknown> = {}, query = EVENTS) {
  const live = subscribe(await client(token), query, variables);
  await live.until((s) => s.ended !== undefined);
  return live;
}
const received = (live: Live) => live.results.map((r) => r.data!.experimentEvents);
const outbox = async (): Promise<Array<Pick<Event, 'id' | 'type' | 'experimentKey' | 'ownerNodeKey'>>> =>
  (await t.dataSource.query(`SELECT id, type, experiment_key, owner_node_key FROM outbox_event ORDER BY xid, seq`)).map(
    (r: Record<string, string>) => ({
      id: r.id,
      type: r.type!.replace('.', '_').toUpperCase(),
      experimentKey: r.experiment_key,
      ownerNodeKey: r.owner_node_key,
    }),
  );

let readToken = '';
beforeAll(async () => {
  await t.truncateAll();
  await buildOrgTree(t);
  await buildMetrics(t);
  readToken = (await createKey(t, { scopes: ['read'] })).token;
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await eventually(() => t.app.subscriptions.connections === 0 && t.app.eventFeed.size === 0, 'the sockets to close');
});

describe('experimentEvents', () => {
  it('delivers the events committed after it started, in commit order, as webhooks describe them', async () => {
    await buildExperiment(t, { key: 'before' });
    const live = await listen(readToken);
    const { id } = await buildExperiment(t, { key: 'after' });
    await transition(t, id, 'RUNNING', '2025-01-01T00:00:00.000Z');
    const expected = (await outbox()).filter((e) => e.experimentKey === 'after');
    expect(expected.map((e) => e.type)).toEqual([
      'EXPERIMENT_STATUS_CHANGED',
      'EXPERIMENT_CATEGORY_CHANGED',
      'EXPERIMENT_STATUS_CHANGED',
    ]);
    await live.until((s) => s.results.length >= expected.length);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      received(live).map(({ id, type, experimentKey, ownerNodeKey }) => ({ id, type, experimentKey, ownerNodeKey })),
    ).toEqual(expected);
    expect(received(live)[2]).toMatchObject({
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      payload: { from: 'DRAFT', to: 'RUNNING', cause: 'STATUS_CHANGED' },
    });
    expect(live.results.every((r) => r.errors === undefined)).toBe(true);
  });

  // Several connections with transactions open at once need PostgreSQL (the embedded database runs one at a time).
  if (process.env.TEST_DATABASE_MODE === 'postgres')
    it('holds back events of later transactions while an earlier one runs, then delivers both in transaction order', async () => {
      const { id: heldId } = await buildExperiment(t, { key: 'held', hypothesis: null });
      const live = await listen(readToken, { types: ['LEARNING_ADDED', 'EXPERIMENT_STATUS_CHANGED'] });
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await appendEvents(
          runner.manager,
          [{ type: 'learning.added', experimentId: heldId, payload: { held: true } }],
          new Date(),
        );
        // Committed while the held transaction runs: it drew a larger seq and a larger xid.
        await buildExperiment(t, { key: 'later', hypothesis: null });
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(live.results).toEqual([]);
        await runner.commitTransaction();
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
      await live.until((s) => s.results.length >= 2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received(live).map((e) => `${e.experimentKey} ${e.type}`)).toEqual([
        'held LEARNING_ADDED',
        'later EXPERIMENT_STATUS_CHANGED',
      ]);
    });

  it('delivers only the types asked for', async () => {
    const live = await listen(readToken, { types: ['EXPERIMENT_STATUS_CHANGED'] });
    const { id } = await buildExperiment(t, { key: 'typed' });
    await transition(t, id, 'RUNNING', '2025-01-01T00:00:00.000Z');
    await live.until((s) => s.results.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received(live).map((e) => `${e.experimentKey} ${e.type} ${String(e.payload.to)}`)).toEqual([
      'typed EXPERIMENT_STATUS_CHANGED DRAFT',
      'typed EXPERIMENT_STATUS_CHANGED RUNNING',
    ]);
  });

  it('refuses an empty types list as BAD_USER_INPUT naming the argument', async () => {
    const live = await refused(readToken, { types: [] });
    expect(refusal(live.results[0]!)).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE' });
    expect(live.results[0]!.errors![0]!.extensions).toMatchObject({ field: 'types' });
    expect(live.ended).toEqual({ kind: 'complete' });
  });

  it('delivers a subtree key only the events of its subtree, with or without orgNodeKey', async () => {
    const { token } = await createKey(t, { scopes: ['read'], orgNodeKey: 'search' });
    const whole = await listen(token);
    const ranking = await listen(token, { orgNodeKey: 'ranking' });
    await buildExperiment(t, { key: 'outside', ownerNodeKey: 'onboarding' });
    await buildExperiment(t, { key: 'in-search', ownerNodeKey: 'search' });
    await buildExperiment(t, { key: 'in-ranking', ownerNodeKey: 'ranking' });
    await whole.until((s) => s.results.some((r) => r.data?.experimentEvents.experimentKey === 'in-ranking'));
    await ranking.until((s) => s.results.some((r) => r.data?.experimentEvents.experimentKey === 'in-ranking'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([...new Set(received(whole).map((e) => e.experimentKey))]).toEqual(['in-search', 'in-ranking']);
    expect([...new Set(received(ranking).map((e) => e.experimentKey))]).toEqual(['in-ranking']);
  });

  it.each([
    ['a node beside its subtree', 'growth'],
    ['a node above its subtree', 'acme'],
  ])('refuses a subtree key a subscription to %s (FORBIDDEN OUTSIDE_KEY_SUBTREE)', async (_what, orgNodeKey) => {
    const { token } = await createKey(t, { scopes: ['read'], orgNodeKey: 'search' });
    const live = await refused(token, { orgNodeKey });
    expect(refusal(live.results[0]!)).toEqual({ code: 'FORBIDDEN', reason: 'OUTSIDE_KEY_SUBTREE' });
    expect(live.results[0]!.errors![0]!).toMatchObject({
      path: ['experimentEvents'],
      extensions: { field: 'orgNodeKey' },
    });
  });

  it('answers NOT_FOUND for an unknown orgNodeKey', async () => {
    const live = await refused(readToken, { orgNodeKey: 'nope' });
    expect(refusal(live.results[0]!)).toEqual({ code: 'NOT_FOUND', reason: 'UNKNOWN_ID' });
  });

  it.each([
    ['no key (anonymous reads off)', undefined, { code: 'UNAUTHENTICATED', reason: 'MISSING_API_KEY' }],
    [
      'an unknown key',
      'ewl_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      { code: 'UNAUTHENTICATED', reason: 'INVALID_API_KEY' },
    ],
  ])('refuses %s with the coded error a query gets', async (_what, token, expected) => {
    const live = await refused(token);
    expect(refusal(live.results[0]!)).toEqual(expected);
    expect(live.results[0]!.errors![0]!.path).toEqual(['experimentEvents']);
  });

  it('refuses a key without the read scope (FORBIDDEN MISSING_SCOPE naming it)', async () => {
    const { token } = await createKey(t, { scopes: ['webhooks'] });
    const live = await refused(token);
    expect(refusal(live.results[0]!)).toEqual({ code: 'FORBIDDEN', reason: 'MISSING_SCOPE' });
    expect(live.results[0]!.errors![0]!.extensions).toMatchObject({
      field: 'Subscription.experimentEvents',
      allowed: 'read',
    });
  });

  it('ends the subscription of a key revoked while it listens with UNAUTHENTICATED REVOKED_API_KEY', async () => {
    const { token, prefix } = await createKey(t, { scopes: ['read'] });
    const live = await listen(token);
    const revoked = await t.exec(`mutation { revokeApiKey(input: { idOrPrefix: "${prefix}" }) { id } }`);
    expect(revoked.errors).toBeUndefined();
    await live.until((s) => s.ended !== undefined, 15_000);
    expect(live.ended).toMatchObject({
      kind: 'error',
      errors: [{ extensions: { code: 'UNAUTHENTICATED', reason: 'REVOKED_API_KEY' } }],
    });
  });
});

describe('the WebSocket at /graphql', () => {
  const errorsOf = (live: LiveSubscription) => (live.ended as { errors: GraphQLResult['errors'] }).errors!;

  it('refuses a document over the operation limits with QUERY_TOO_COMPLEX, as over HTTP', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(' ');
    const tooMany = await refused(readToken, {}, `subscription { experimentEvents { ${aliases} } }`);
    expect(errorsOf(tooMany)[0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: 30 });
    const http = await t.post(
      `query { metrics { ${Array.from({ length: 31 }, (_, i) => `a${i}: key`).join(' ')} } }`,
      {},
      readToken,
    );
    expect(http.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: 30 });
    const tokens = await refused(readToken, {}, `subscription { experimentEvents { ${'id '.repeat(5000)} } }`);
    expect(errorsOf(tokens)[0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: 5000 });
  });

  it('refuses invalid documents and other operations with coded errors', async () => {
    const invalid = await refused(readToken, {}, 'subscription { experimentEvents { nope } }');
    expect(errorsOf(invalid)[0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    const unparsable = await refused(readToken, {}, 'subscription {');
    expect(errorsOf(unparsable)[0]!.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
    const query = await refused(readToken, {}, '{ metrics { key } }');
    expect(errorsOf(query)[0]!.extensions).toEqual({ code: 'OPERATION_NOT_SUBSCRIPTION' });
    const badVariable = await refused(readToken, { types: ['NOPE'] });
    expect(errorsOf(badVariable)[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'types[0]' });
  });

  it('refuses an 11th subscription on one connection with TOO_MANY_SUBSCRIPTIONS', async () => {
    const c = await client(readToken);
    const open = Array.from({ length: 10 }, () => subscribe(c, EVENTS));
    await eventually(() => t.app.eventFeed.size === 10, 'ten subscriptions');
    const eleventh = subscribe(c, EVENTS);
    await eleventh.until((s) => s.ended !== undefined);
    expect(errorsOf(eleventh)[0]!.extensions).toEqual({ code: 'TOO_MANY_SUBSCRIPTIONS', max: 10 });
    expect(open.every((s) => s.ended === undefined)).toBe(true);
  });

  it('refuses a connection over the process limit with HTTP 503 before the upgrade', async () => {
    for (let i = 0; i < 4; i++) await listen(readToken);
    const fifth = subscribe(await client(readToken), EVENTS);
    await fifth.until((s) => s.ended !== undefined);
    expect((fifth.ended as { errors: { message: string } }).errors.message).toContain('503');
    expect(t.app.subscriptions.connections).toBe(4);
  });

  it('refuses a browser page of an origin that CORS does not allow (403), and accepts its own origin', async () => {
    const url = (await t.httpUrl()).replace(/^http/, 'ws');
    const { default: WebSocket } = await import('ws');
    const status = (origin: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, 'graphql-transport-ws', { origin });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
      });
    expect(await status('https://evil.example.com')).toBe(403);
    expect(await status(new URL(await t.httpUrl()).origin)).toBe(101);
  });
});
