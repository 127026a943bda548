import { useTestApp } from '../helpers';
import { createKey } from '../fixtures/auth-fixtures';
import { buildExperiment, buildMetrics, buildOrgTree, transition } from '../fixtures/write-fixtures';

/**
 * Experiment.history as each caller sees it (issue #9 §9, rule in domain/audit-visibility.ts):
 * anonymous readers get null; callers without admin see other API keys' writes without the key's
 * name and idempotency key, their own whole; admin sees everything; a key limited to an org
 * subtree also sees no restarted run outside it in the recorded states.
 */
const t = useTestApp({ allowAnonymousReads: true });

type Entry = {
  operation: string;
  principalKind: string;
  apiKeyId: string | null;
  apiKeyName: string | null;
  idempotencyKey: string | null;
  after: { experiment?: { restart_of_id: string | null } } | null;
};
type History = { experiment: { key: string; history: { edges: Array<{ node: Entry }> } | null } | null };

const HISTORY = `query ($key: String!) { experiment(key: $key) { key history(first: 50) { edges { node {
  operation principalKind apiKeyId apiKeyName idempotencyKey after } } } } }`;
const DECIDE = `mutation ($input: RecordDecisionInput!, $key: String) { recordDecision(input: $input, idempotencyKey: $key) { id } }`;

const keys: Record<string, { token: string; id: string }> = {};
const ids: Record<string, string> = {};

const history = async (key: string, token?: string) => {
  const result = await t.post<History>(HISTORY, { key }, token);
  expect(result.errors).toBeUndefined();
  return result.data!.experiment!.history;
};
const decisions = (entries: Array<{ node: Entry }>) =>
  entries.map((e) => e.node).filter((n) => n.operation === 'recordDecision');

beforeAll(async () => {
  await t.truncateAll();
  await buildOrgTree(t);
  await buildMetrics(t);
  keys.bot = await createKey(t, { scopes: ['read', 'write:decisions'], name: 'ci results bot' });
  keys.team = await createKey(t, { scopes: ['read', 'write:decisions'], name: 'ranking team' });
  keys.admin = await createKey(t, { scopes: ['admin'], name: 'root' });
  keys.limited = await createKey(t, { scopes: ['read'], orgNodeKey: 'search', name: 'search reader' });
  ids.out = (await buildExperiment(t, { key: 'exp-out', ownerNodeKey: 'onboarding', hypothesis: null })).id;
  ids.main = (
    await buildExperiment(t, { key: 'exp-main', ownerNodeKey: 'ranking', hypothesis: null, restartOfId: ids.out })
  ).id;
  await transition(t, ids.main, 'RUNNING', '2025-01-01T00:00:00.000Z');
  for (const [who, idempotencyKey, kind] of [
    ['bot', 'bot-secret-key', 'ITERATE'],
    ['team', 'team-key', 'ABANDON'],
  ] as const) {
    const input = { experimentKey: 'exp-main', kind, decidedBy: who };
    const result = await t.post(DECIDE, { input, key: idempotencyKey }, keys[who]!.token);
    expect(result.errors).toBeUndefined();
  }
});

describe('Experiment.history', () => {
  it('is null for an anonymous caller, without an error, while the rest of the experiment is answered', async () => {
    const result = await t.post<History>(HISTORY, { key: 'exp-main' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.experiment).toEqual({ key: 'exp-main', history: null });
  });

  it("shows a key without admin its own writes whole, and other keys' writes without their name and idempotency key", async () => {
    const entries = decisions((await history('exp-main', keys.team!.token))!.edges);
    expect(entries.map(({ after: _after, ...rest }) => rest)).toEqual([
      {
        operation: 'recordDecision',
        principalKind: 'API_KEY',
        apiKeyId: keys.team!.id,
        apiKeyName: 'ranking team',
        idempotencyKey: 'team-key',
      },
      {
        operation: 'recordDecision',
        principalKind: 'API_KEY',
        apiKeyId: keys.bot!.id,
        apiKeyName: null,
        idempotencyKey: null,
      },
    ]);
    // In-process writers (tests, the seed, scripts) are not API keys: their name stays.
    const nodes = (await history('exp-main', keys.team!.token))!.edges.map((e) => e.node);
    const created = nodes.find((n) => n.operation === 'createExperiment')!;
    expect(created).toMatchObject({ principalKind: 'INTERNAL', apiKeyName: 'internal' });
    const text = JSON.stringify(await history('exp-main', keys.team!.token));
    expect(text).not.toContain('ci results bot');
    expect(text).not.toContain('bot-secret-key');
  });

  it('shows a key with admin every entry whole', async () => {
    const entries = decisions((await history('exp-main', keys.admin!.token))!.edges);
    expect(entries.map((e) => [e.apiKeyName, e.idempotencyKey])).toEqual([
      ['ranking team', 'team-key'],
      ['ci results bot', 'bot-secret-key'],
    ]);
  });

  it('hides, for a key limited to an org subtree, the id of a restarted run outside it in the recorded states', async () => {
    const restartOf = (entries: Array<{ node: Entry }>) =>
      entries.map((e) => e.node).find((n) => n.operation === 'createExperiment')!.after!.experiment!.restart_of_id;
    expect(restartOf((await history('exp-main', keys.limited!.token))!.edges)).toBeNull();
    expect(restartOf((await history('exp-main', keys.admin!.token))!.edges)).toBe(ids.out);
    expect(JSON.stringify(await history('exp-main', keys.limited!.token))).not.toContain(ids.out!);
    const limitedDecisions = decisions((await history('exp-main', keys.limited!.token))!.edges);
    expect(limitedDecisions.map((e) => [e.apiKeyName, e.idempotencyKey])).toEqual([
      [null, null],
      [null, null],
    ]);
  });
});
