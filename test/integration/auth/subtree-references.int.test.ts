import { type GraphQLResult, snapshotDatabase, useTestApp } from '../helpers';
import { createKey, refusal } from '../fixtures/auth-fixtures';
import { buildExperiment, buildMetrics, buildOrgTree } from '../fixtures/write-fixtures';

/**
 * What a key limited to org node `search` (tree: acme > (search > ranking, growth > onboarding))
 * learns about experiments outside through references (issue #9 §9): `restartOfId` is null like
 * `restartOf`, and a key, or a source and external id, taken outside is refused exactly as one
 * taken inside (CONFLICT DUPLICATE_KEY), naming neither the other experiment nor its owner.
 */
const t = useTestApp({ allowAnonymousReads: false });
let limited = '';
let unlimited = '';
const ids: Record<string, string> = {};
const VARIANTS = [
  { key: 'c', name: 'C', isControl: true, plannedWeight: 1 },
  { key: 't', name: 'T', isControl: false, plannedWeight: 1 },
];
/** What must never reach the limited key about the experiment outside. */
const secrets = () => [ids['exp-out']!, 'Outside secret title', 'onboarding', ids.onboarding!];

beforeAll(async () => {
  await t.truncateAll();
  Object.assign(ids, await buildOrgTree(t));
  await buildMetrics(t);
  const experiment = async (key: string, overrides: Record<string, unknown>) =>
    (ids[key] = (await buildExperiment(t, { key, hypothesis: null, ...overrides })).id);
  await experiment('exp-out', {
    ownerNodeKey: 'onboarding',
    title: 'Outside secret title',
    externalSource: 'jira',
    externalId: 'OUT-1',
  });
  await experiment('exp-in', { ownerNodeKey: 'ranking', externalSource: 'jira', externalId: 'IN-1' });
  await experiment('exp-in-restart-out', { ownerNodeKey: 'ranking', restartOfId: ids['exp-out'] });
  await experiment('exp-in-restart-in', { ownerNodeKey: 'search', restartOfId: ids['exp-in'] });
  limited = (await createKey(t, { scopes: ['read', 'write:catalogue'], orgNodeKey: 'search', name: 'search team' }))
    .token;
  unlimited = (await createKey(t, { scopes: ['read', 'write:catalogue'], name: 'everyone' })).token;
});

/** The errors of a result with `ref` replaced, so that answers about two references can be compared. */
const normalised = (result: GraphQLResult<unknown>, ref: string) =>
  JSON.parse(
    JSON.stringify(result.errors ?? [])
      .split(ref)
      .join('<REF>'),
  );
const expectNoSecrets = (result: unknown) => {
  for (const secret of secrets()) expect(JSON.stringify(result)).not.toContain(secret);
};

describe('Experiment.restartOfId', () => {
  it("is null when the restarted run lies outside the key's subtree, like restartOf; the id otherwise", async () => {
    const q = `{ a: experiment(key: "exp-in-restart-out") { restartOfId restartOf { key } }
      b: experiment(key: "exp-in-restart-in") { restartOfId } }`;
    const seen = await t.post(q, undefined, limited);
    expect(seen.data).toEqual({ a: { restartOfId: null, restartOf: null }, b: { restartOfId: ids['exp-in'] } });
    expect((await t.post(q, undefined, unlimited)).data).toEqual({
      a: { restartOfId: ids['exp-out'], restartOf: { key: 'exp-out' } },
      b: { restartOfId: ids['exp-in'] },
    });
  });

  it('is null in lists too', async () => {
    const q = `{ experiments(first: 50) { edges { node { key restartOfId } } } }`;
    type Page = { experiments: { edges: Array<{ node: { key: string; restartOfId: string | null } }> } };
    const result = await t.post<Page>(q, undefined, limited);
    expect(Object.fromEntries(result.data!.experiments.edges.map((e) => [e.node.key, e.node.restartOfId]))).toEqual({
      'exp-in': null,
      'exp-in-restart-out': null,
      'exp-in-restart-in': ids['exp-in'],
    });
    expectNoSecrets(result);
  });
});

describe('key collisions with an experiment outside the subtree', () => {
  const CREATE = 'mutation ($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }';
  const create = (input: Record<string, unknown>) =>
    t.post(CREATE, { input: { title: 'New', ownerNodeKey: 'ranking', variants: VARIANTS, ...input } }, limited);

  it('createExperiment: a key taken outside is refused as a key taken inside, naming neither experiment, writing nothing', async () => {
    const before = await snapshotDatabase(t.dataSource);
    const outside = await create({ key: 'exp-out' });
    expect(refusal(outside)).toEqual({ code: 'CONFLICT', reason: 'DUPLICATE_KEY' });
    expect(normalised(outside, 'exp-out')).toEqual(normalised(await create({ key: 'exp-in' }), 'exp-in'));
    expectNoSecrets(outside);
    expect(await snapshotDatabase(t.dataSource)).toEqual(before);
  });

  it('createExperiment: a source and external id taken outside is refused exactly as one taken inside', async () => {
    const outside = await create({ key: 'exp-new-1', externalSource: 'jira', externalId: 'OUT-1' });
    expect(refusal(outside)).toEqual({ code: 'CONFLICT', reason: 'DUPLICATE_KEY' });
    const inside = await create({ key: 'exp-new-1', externalSource: 'jira', externalId: 'IN-1' });
    expect(normalised(outside, 'OUT-1')).toEqual(normalised(inside, 'IN-1'));
    expectNoSecrets(outside);
  });

  const IMPORT = `mutation ($input: ImportExperimentsInput!) {
    importExperiments(input: $input) {
      created updated failed items { outcome errors { code reason field message } experiment { id key title } } } }`;
  type Item = { outcome: string; errors: unknown[]; experiment: unknown };
  type Imported = { importExperiments: { created: number; updated: number; failed: number; items: Item[] } };
  const importItem = (item: Record<string, unknown>) => {
    const items = [{ title: 'Imported', ownerNodeKey: 'ranking', variants: VARIANTS, ...item }];
    return t.post<Imported>(IMPORT, { input: { source: 'jira', items } }, limited);
  };

  it('importExperiments: a new item whose key is taken outside fails exactly as one whose key is taken inside', async () => {
    const before = await snapshotDatabase(t.dataSource);
    const outside = await importItem({ externalId: 'NEW-1', key: 'exp-out' });
    expect(outside.data!.importExperiments).toMatchObject({
      created: 0,
      failed: 1,
      items: [{ outcome: 'FAILED', experiment: null, errors: [{ code: 'CONFLICT', reason: 'DUPLICATE_KEY' }] }],
    });
    expect(JSON.parse(JSON.stringify(outside.data).split('exp-out').join('<REF>'))).toEqual(
      JSON.parse(
        JSON.stringify((await importItem({ externalId: 'NEW-1', key: 'exp-in' })).data)
          .split('exp-in')
          .join('<REF>'),
      ),
    );
    expectNoSecrets(outside);
    expect(await snapshotDatabase(t.dataSource)).toEqual(before);
  });

  it('importExperiments: an item whose source and external id belong to one outside fails as a conflict, showing nothing', async () => {
    const before = await snapshotDatabase(t.dataSource);
    const outside = await importItem({ externalId: 'OUT-1' });
    expect(outside.data!.importExperiments).toMatchObject({
      created: 0,
      updated: 0,
      failed: 1,
      items: [{ outcome: 'FAILED', experiment: null, errors: [{ code: 'CONFLICT', reason: 'DUPLICATE_KEY' }] }],
    });
    expectNoSecrets(outside);
    expect(await snapshotDatabase(t.dataSource)).toEqual(before);
  });
});
