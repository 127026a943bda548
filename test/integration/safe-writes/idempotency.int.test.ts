import { purgeIdempotencyKeys } from '../../../src/db/queries/idempotency-writes';
import { expectError, snapshotDatabase, useTestApp } from '../helpers';
import { createKey, secretOf } from '../fixtures/auth-fixtures';
import { buildRunningExperiment } from '../fixtures/write-fixtures';

const t = useTestApp();

const DECIDE = `mutation ($input: RecordDecisionInput!, $key: String) {
  recordDecision(input: $input, idempotencyKey: $key) { id kind decidedAt rationale isCurrent } }`;

interface Decided {
  recordDecision: { id: string; kind: string; decidedAt: string; rationale: string; isCurrent: boolean };
}

const decisionCount = async (experimentId: string) =>
  (await t.dataSource.query('SELECT count(*)::int AS n FROM decision WHERE experiment_id = $1', [experimentId]))[0]
    .n as number;

describe('idempotency keys', () => {
  let experimentId: string;
  beforeEach(async () => {
    await t.truncateAll();
    experimentId = (await buildRunningExperiment(t)).experiment.id;
  });

  it('20 concurrent identical recordDecision calls with one key make exactly one decision and all get the same answer', async () => {
    const input = { experimentId, kind: 'ITERATE', decidedBy: 'pipeline', rationale: 'retry storm' };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.exec<Decided>(DECIDE, { input, key: 'decision-2026-11-24-a' })),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    const answers = results.map((r) => JSON.stringify(r.data));
    expect(new Set(answers).size).toBe(1);
    expect(await decisionCount(experimentId)).toBe(1);
    expect(
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE operation = 'recordDecision'`))[0].n,
    ).toBe(1);
  });

  it('replays the first response (dates included) to a later retry without writing again', async () => {
    const input = { experimentId, kind: 'ITERATE', decidedBy: 'pipeline' };
    const first = await t.exec<Decided>(DECIDE, { input, key: 'k-1' });
    const before = await snapshotDatabase(t.dataSource);
    const again = await t.exec<Decided>(DECIDE, { input, key: 'k-1' });
    expect(again).toEqual(first);
    expect(await snapshotDatabase(t.dataSource)).toEqual(before);
  });

  it('refuses the same key with another input (CONFLICT IDEMPOTENCY_KEY_REUSED) and changes nothing', async () => {
    await t.exec<Decided>(DECIDE, { input: { experimentId, kind: 'ITERATE', decidedBy: 'a' }, key: 'k-2' });
    const before = await snapshotDatabase(t.dataSource);
    const reused = await t.exec(DECIDE, { input: { experimentId, kind: 'ABANDON', decidedBy: 'a' }, key: 'k-2' });
    expect(expectError(reused, 'CONFLICT', 'IDEMPOTENCY_KEY_REUSED').extensions).toMatchObject({
      field: 'idempotencyKey',
      value: 'k-2',
    });
    // The key is bound to the operation too.
    const other = await t.exec(
      `mutation ($key: String) { createMetric(input: { key: "m-x", name: "m", type: BINARY, preferredDirection: INCREASE }, idempotencyKey: $key) { id } }`,
      { key: 'k-2' },
    );
    expectError(other, 'CONFLICT', 'IDEMPOTENCY_KEY_REUSED');
    expect(await snapshotDatabase(t.dataSource)).toEqual(before);
  });

  it('does not use up the key of a write that failed', async () => {
    const failed = await t.exec(DECIDE, {
      input: { experimentId, kind: 'ITERATE', decidedBy: 'a', shippedVariantKey: 'treatment' },
      key: 'k-3',
    });
    expectError(failed, 'BAD_USER_INPUT');
    const ok = await t.exec<Decided>(DECIDE, { input: { experimentId, kind: 'ITERATE', decidedBy: 'a' }, key: 'k-3' });
    expect(ok.errors).toBeUndefined();
    expect(await decisionCount(experimentId)).toBe(1);
  });

  it('scopes keys to the calling API key: the same key from two keys makes two writes', async () => {
    const a = await createKey(t, { scopes: ['write:decisions'], name: 'pipeline a' });
    const b = await createKey(t, { scopes: ['write:decisions'], name: 'pipeline b' });
    const input = { experimentId, kind: 'ITERATE', decidedBy: 'pipeline' };
    const first = await t.post<Decided>(DECIDE, { input, key: 'shared' }, a.token);
    const second = await t.post<Decided>(DECIDE, { input, key: 'shared' }, b.token);
    const replay = await t.post<Decided>(DECIDE, { input, key: 'shared' }, a.token);
    expect([first.errors, second.errors, replay.errors]).toEqual([undefined, undefined, undefined]);
    expect(second.data!.recordDecision.id).not.toBe(first.data!.recordDecision.id);
    expect(replay.data).toEqual(first.data);
    expect(await decisionCount(experimentId)).toBe(2);
  });

  it('replays createApiKey with the same key and a null token: the secret is never stored or shown twice', async () => {
    const q = `mutation ($key: String) { createApiKey(input: { name: "ci", scopes: [READ] }, idempotencyKey: $key) { token apiKey { id name } } }`;
    const first = await t.exec<{ createApiKey: { token: string | null; apiKey: { id: string } } }>(q, {
      key: 'new-key-1',
    });
    const again = await t.exec<{ createApiKey: { token: string | null; apiKey: { id: string } } }>(q, {
      key: 'new-key-1',
    });
    expect(first.data!.createApiKey.token).toMatch(/^ewl_/);
    expect(again.data!.createApiKey).toEqual({ token: null, apiKey: first.data!.createApiKey.apiKey });
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM api_key WHERE name = 'ci'`))[0].n).toBe(1);
    const stored = (
      await t.dataSource.query(`SELECT response::text AS r FROM idempotency_key WHERE key = 'new-key-1'`)
    )[0].r as string;
    expect(stored).not.toContain(secretOf(first.data!.createApiKey.token!));
    expect(stored).not.toMatch(/secret/i);
  });

  it('refuses a malformed key with BAD_USER_INPUT naming idempotencyKey', async () => {
    for (const key of ['', 'has space', 'x'.repeat(201)]) {
      const result = await t.exec(DECIDE, { input: { experimentId, kind: 'ITERATE', decidedBy: 'a' }, key });
      expect(expectError(result, 'BAD_USER_INPUT').extensions?.field).toBe('idempotencyKey');
    }
    expect(await decisionCount(experimentId)).toBe(0);
  });

  it('keeps keys at least 24 hours and purges them after 48', async () => {
    await t.exec<Decided>(DECIDE, { input: { experimentId, kind: 'ITERATE', decidedBy: 'a' }, key: 'old' });
    const now = Date.now();
    expect(await purgeIdempotencyKeys(t.dataSource, new Date(now + 24 * 3_600_000))).toBe(0);
    expect(await purgeIdempotencyKeys(t.dataSource, new Date(now + 49 * 3_600_000))).toBe(1);
  });
});
