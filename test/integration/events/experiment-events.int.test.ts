import { appendEvents } from '../../../src/db/queries/event-writes';
import { createKey, refusal } from '../fixtures/auth-fixtures';
import { buildExperiment, buildMetrics, buildOrgTree, transition } from '../fixtures/write-fixtures';
import { type LiveEvent, received, useLiveClients } from '../fixtures/live-clients';
import { useTestApp } from '../helpers';

// The live subscription experimentEvents over graphql-ws (docs/events.md "Live subscriptions"),
// with a real WebSocket client against the real HTTP server: what arrives, in which order, the
// filters, and access exactly as for queries. The socket's own checks: subscription-socket.int.test.ts.

const t = useTestApp({ allowAnonymousReads: false });
const { listen, refused } = useLiveClients(t);

const outbox = async (): Promise<Array<Pick<LiveEvent, 'id' | 'type' | 'experimentKey' | 'ownerNodeKey'>>> =>
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
