import { sqlCounter } from '../../../src/db/data-source';
import { type GraphQLResult, snapshotDatabase, useTestApp } from '../helpers';
import { createKey, refusal } from '../fixtures/auth-fixtures';
import { buildExperiment, buildMetrics, buildOrgTree, mutate, transition } from '../fixtures/write-fixtures';

/**
 * runCommand's replay check (issue #9 §9): a key limited to org node `search` (tree: acme >
 * (search > ranking, growth > onboarding)) replays an idempotency key after what the stored
 * response shows left its subtree. The replay answers what a fresh request would (NOT_FOUND as for
 * a missing reference; FORBIDDEN for an org node, since the tree stays visible), writes nothing,
 * and replays the stored answer again once the entity is back inside.
 */
const t = useTestApp({ allowAnonymousReads: false });
const SCOPES = ['read', 'write:results', 'write:decisions', 'write:catalogue'];
const MISSING = '00000000-0000-4000-8000-000000000000';
let limited = '';
const ids: Record<string, string> = {};

const VARIANTS = [
  { key: 'control', name: 'Control', isControl: true, plannedWeight: 1 },
  { key: 'treatment', name: 'Treatment', isControl: false, plannedWeight: 1 },
];

const DECIDE = `mutation ($input: RecordDecisionInput!, $key: String) {
  recordDecision(input: $input, idempotencyKey: $key) { id experimentId kind decidedBy } }`;
const CREATE = `mutation ($input: CreateExperimentInput!, $key: String) {
  createExperiment(input: $input, idempotencyKey: $key) { id key title ownerNodeId } }`;
const UPDATE = `mutation ($input: UpdateExperimentInput!, $key: String) {
  updateExperiment(input: $input, idempotencyKey: $key) { id title owner { key } } }`;
const ADD_LEARNING = `mutation ($input: AddLearningInput!, $key: String) {
  addLearning(input: $input, idempotencyKey: $key) { id summary experiments { key } } }`;
const UPDATE_HYPOTHESIS = `mutation ($input: UpdateHypothesisInput!, $key: String) {
  updateHypothesis(input: $input, idempotencyKey: $key) { id statement } }`;
const UPDATE_NODE = `mutation ($input: UpdateOrgNodeInput!, $key: String) {
  updateOrgNode(input: $input, idempotencyKey: $key) { id key name } }`;
const IMPORT = `mutation ($input: ImportExperimentsInput!, $key: String) {
  importExperiments(input: $input, idempotencyKey: $key) { created failed items { outcome experiment { key title } } } }`;

/** Moves an experiment to another owner as an unlimited caller. */
const moveExperiment = (id: string, ownerNodeKey: string) =>
  mutate(t, 'mutation-update-experiment', { id, ownerNodeKey });
const send = <T = Record<string, unknown>>(query: string, input: Record<string, unknown>, key: string) =>
  t.post<T>(query, { input, key }, limited);
/** The errors of a result with `ref` replaced, so that answers about two references can be compared. */
const normalised = (result: GraphQLResult<unknown>, ref: string) =>
  JSON.parse(
    JSON.stringify(result.errors ?? [])
      .split(ref)
      .join('<REF>'),
  );
const stripStatus = <T extends { status: number }>(r: T) => ({ ...r, status: undefined });

beforeAll(async () => {
  await t.truncateAll();
  Object.assign(ids, await buildOrgTree(t));
  await buildMetrics(t);
  limited = (await createKey(t, { scopes: SCOPES, orgNodeKey: 'search', name: 'search team' })).token;
});

describe('runCommand: replays for a key limited to an org subtree', () => {
  it('recordDecision: once the experiment moved out, the replay is NOT_FOUND as a missing key; back inside, it replays', async () => {
    const id = (await buildExperiment(t, { key: 'exp-decide', ownerNodeKey: 'ranking', hypothesis: null, metrics: [] }))
      .id;
    await transition(t, id, 'RUNNING', '2025-01-01T00:00:00.000Z');
    const input = { experimentKey: 'exp-decide', kind: 'ITERATE', decidedBy: 'ann' };
    const first = await send(DECIDE, input, 'decide-1');
    expect(first.errors).toBeUndefined();
    expect(stripStatus(await send(DECIDE, input, 'decide-1'))).toEqual(stripStatus(first));

    await moveExperiment(id, 'onboarding');
    const before = await snapshotDatabase(t.dataSource);
    const replay = await send(DECIDE, input, 'decide-1');
    expect(refusal(replay)).toEqual({ code: 'NOT_FOUND', reason: 'UNKNOWN_ID' });
    expect(replay.data).toBeNull();
    const missing = await send(DECIDE, { ...input, experimentKey: 'no-such-key' }, 'decide-missing');
    expect(normalised(replay, 'exp-decide')).toEqual(normalised(missing, 'no-such-key'));
    expect(JSON.stringify(replay)).not.toContain((first.data as { recordDecision: { id: string } }).recordDecision.id);
    expect(await snapshotDatabase(t.dataSource)).toEqual(before);

    await moveExperiment(id, 'ranking');
    expect(stripStatus(await send(DECIDE, input, 'decide-1'))).toEqual(stripStatus(first));
  });

  it("updateExperiment: once the experiment's team left the subtree, the replay is NOT_FOUND and shows no current state", async () => {
    const id = (await buildExperiment(t, { key: 'exp-update', ownerNodeKey: 'ranking', hypothesis: null, metrics: [] }))
      .id;
    const input = { id, title: 'Renamed by search' };
    expect((await send(UPDATE, input, 'update-1')).errors).toBeUndefined();
    await mutate(t, 'mutation-update-experiment', { id, title: 'Secret new title' });
    await mutate(t, 'mutation-move-org-node', { id: ids.ranking, newParentId: ids.growth });
    try {
      const replay = await send(UPDATE, input, 'update-1');
      expect(refusal(replay)).toEqual({ code: 'NOT_FOUND', reason: 'UNKNOWN_ID' });
      expect(JSON.stringify(replay)).not.toContain('Secret new title');
      const missing = await send(UPDATE, { id: MISSING, title: 'Renamed by search' }, 'update-missing');
      expect(normalised(replay, id)).toEqual(normalised(missing, MISSING));
    } finally {
      await mutate(t, 'mutation-move-org-node', { id: ids.ranking, newParentId: ids.search });
    }
  });

  it('createExperiment: after the new experiment moved out, the replay is NOT_FOUND for its id; back inside it replays', async () => {
    const input = { key: 'exp-created', title: 'Made by search', ownerNodeKey: 'ranking', variants: VARIANTS };
    const first = await send<{ createExperiment: { id: string } }>(CREATE, input, 'create-1');
    const id = first.data!.createExperiment.id;
    await moveExperiment(id, 'growth');
    const replay = await send(CREATE, input, 'create-1');
    expect(refusal(replay)).toEqual({ code: 'NOT_FOUND', reason: 'UNKNOWN_ID' });
    expect(replay.errors![0]!.extensions).toMatchObject({ field: 'id' });
    await moveExperiment(id, 'search');
    expect(stripStatus(await send(CREATE, input, 'create-1'))).toEqual(stripStatus(first));
  });

  it('addLearning: once none of its experiments is inside, the replay is NOT_FOUND', async () => {
    const id = (await buildExperiment(t, { key: 'exp-learn', ownerNodeKey: 'ranking', hypothesis: null, metrics: [] }))
      .id;
    const input = { summary: 'Bigger is better', kind: 'WHAT_WORKS', author: 'ann', experimentKeys: ['exp-learn'] };
    expect((await send(ADD_LEARNING, input, 'learn-1')).errors).toBeUndefined();
    await moveExperiment(id, 'onboarding');
    expect(refusal(await send(ADD_LEARNING, input, 'learn-1'))).toEqual({ code: 'NOT_FOUND', reason: 'UNKNOWN_ID' });
  });

  it('updateHypothesis: after its experiment moved out, the replay is NOT_FOUND exactly as a missing hypothesis', async () => {
    const experiment = await buildExperiment(t, { key: 'exp-hyp', ownerNodeKey: 'ranking', metrics: [] });
    const [hypothesis] = await t.dataSource.query('SELECT id FROM hypothesis WHERE experiment_id = $1', [
      experiment.id,
    ]);
    const input = { id: hypothesis.id, statement: 'Sharper' };
    expect((await send(UPDATE_HYPOTHESIS, input, 'hyp-1')).errors).toBeUndefined();
    await moveExperiment(experiment.id, 'onboarding');
    const replay = await send(UPDATE_HYPOTHESIS, input, 'hyp-1');
    expect(refusal(replay)).toEqual({ code: 'NOT_FOUND', reason: 'UNKNOWN_ID' });
    const missing = await send(UPDATE_HYPOTHESIS, { ...input, id: MISSING }, 'hyp-missing');
    expect(normalised(replay, hypothesis.id)).toEqual(normalised(missing, MISSING));
  });

  it('updateOrgNode: after the node moved out of the subtree, the replay is FORBIDDEN OUTSIDE_KEY_SUBTREE, as a fresh write', async () => {
    const node = await mutate(t, 'mutation-create-org-node', {
      key: 'search-lab',
      name: 'Lab',
      kind: 'team',
      parentKey: 'search',
    });
    const input = { id: node.id, name: 'Search lab' };
    expect((await send(UPDATE_NODE, input, 'node-1')).errors).toBeUndefined();
    await mutate(t, 'mutation-move-org-node', { id: node.id, newParentId: ids.growth });
    const replay = await send(UPDATE_NODE, input, 'node-1');
    expect(refusal(replay)).toEqual({ code: 'FORBIDDEN', reason: 'OUTSIDE_KEY_SUBTREE' });
    expect(refusal(await send(UPDATE_NODE, input, 'node-fresh'))).toEqual(refusal(replay));
  });

  it('importExperiments: a replayed item whose experiment moved out shows no experiment', async () => {
    const item = { externalId: 'J-7', title: 'Imported by search', ownerNodeKey: 'ranking', variants: VARIANTS };
    const input = { source: 'jira', items: [item] };
    type Item = { outcome: string; experiment: { key: string; title: string } | null };
    type Imported = { importExperiments: { created: number; items: Item[] } };
    const first = await send<Imported>(IMPORT, input, 'import-1');
    expect(first.data!.importExperiments.items[0]).toMatchObject({
      outcome: 'CREATED',
      experiment: { key: 'jira:J-7' },
    });
    const [row] = await t.dataSource.query(`SELECT id FROM experiment WHERE key = 'jira:J-7'`);
    await mutate(t, 'mutation-update-experiment', { id: row.id, title: 'Secret', ownerNodeKey: 'onboarding' });
    const replay = await send<Imported>(IMPORT, input, 'import-1');
    expect(replay.errors).toBeUndefined();
    expect(replay.data!.importExperiments).toEqual({
      created: 1,
      failed: 0,
      items: [{ outcome: 'CREATED', experiment: null }],
    });
  });

  it('a replay costs a limited key one statement more than an unlimited key, which runs no visibility check', async () => {
    const unlimited = (await createKey(t, { scopes: SCOPES, name: 'everyone' })).token;
    const id = (await buildExperiment(t, { key: 'exp-count', ownerNodeKey: 'ranking', hypothesis: null, metrics: [] }))
      .id;
    const counter = sqlCounter(t.dataSource);
    const replayCost = async (token: string, key: string) => {
      const query = UPDATE.replace('owner { key }', '');
      const first = await t.post(query, { input: { id, title: key }, key }, token);
      const before = counter.count;
      const again = await t.post(query, { input: { id, title: key }, key }, token);
      expect(stripStatus(again)).toEqual(stripStatus(first));
      return counter.count - before;
    };
    expect(await replayCost(limited, 'count-limited')).toBe((await replayCost(unlimited, 'count-unlimited')) + 1);
  });
});
