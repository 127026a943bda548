import { useTestApp } from '../helpers';
import { buildExperiment, buildMetrics, buildOrgTree, mutate, transition } from '../fixtures/write-fixtures';
import { STATS_FRAGMENT } from './rollup-reference';

const t = useTestApp();

const UNITS = [
  { variantKey: 'control', units: 20000 },
  { variantKey: 'treatment', units: 20000 },
];
const results = (treatmentConversions: number) => [
  { metricKey: 'conv', variantKey: 'control', n: 20000, sum: 2000 },
  { metricKey: 'conv', variantKey: 'treatment', n: 20000, sum: treatmentConversions },
  { metricKey: 'revenue', variantKey: 'control', n: 20000, sum: 100000, sumSq: 900000 },
  { metricKey: 'revenue', variantKey: 'treatment', n: 20000, sum: 101000, sumSq: 910000 },
];

const NODE_STATS = `query ($key: String!, $to: DateTime, $asOf: DateTime, $scope: StatsScope!) {
  orgNode(key: $key) { stats(scope: $scope, to: $to, asOf: $asOf) { ...Stats }
    statsSeries(bucket: MONTH, scope: $scope, to: $to, asOf: $asOf) { periodStart stats { ...Stats } } } } ${STATS_FRAGMENT}`;
const EXPERIMENT = `query ($key: String!, $asOf: DateTime) { experiment(key: $key, asOf: $asOf) {
  key decision { kind } decisions { kind isCurrent } ewlCategory validity classification { category provisionalCategory recommendation }
  classificationHistory { fromCategory category cause } } }`;

const pause = () => new Promise((resolve) => setTimeout(resolve, 15));

async function nodeStats(key: string, scope: string, vars: { to?: Date; asOf?: Date }) {
  const result = await t.exec(NODE_STATS, {
    key,
    scope,
    to: vars.to?.toISOString() ?? null,
    asOf: vars.asOf?.toISOString() ?? null,
  });
  expect(result.errors).toBeUndefined();
  return result.data!;
}

async function experimentAt(key: string, asOf?: Date) {
  const result = await t.exec(EXPERIMENT, { key, asOf: asOf?.toISOString() ?? null });
  expect(result.errors).toBeUndefined();
  return (result.data as { experiment: unknown }).experiment;
}

describe('as of a past instant', () => {
  let t1: Date;
  let statsAtT1: Record<string, unknown>;
  let experimentsAtT1: Record<string, unknown>;

  // Two experiments written through the API; at T1 the live answers (to = T1) are recorded; then
  // A's numbers change its category and new decisions supersede its SHIP, B concludes, C appears.
  beforeAll(async () => {
    await t.truncateAll();
    await buildOrgTree(t);
    await buildMetrics(t);
    const a = await buildExperiment(t, { key: 'exp-a', ownerNodeKey: 'ranking' });
    const b = await buildExperiment(t, { key: 'exp-b', ownerNodeKey: 'onboarding' });
    await transition(t, a.id, 'RUNNING', '2026-01-05T00:00:00.000Z');
    await transition(t, b.id, 'RUNNING', '2026-01-10T00:00:00.000Z');
    await mutate(t, 'mutation-record-results', { experimentId: a.id, units: UNITS, results: results(2300) });
    await transition(t, a.id, 'STOPPED', '2026-02-01T00:00:00.000Z');
    await transition(t, a.id, 'CONCLUDED', '2026-02-03T00:00:00.000Z');
    await mutate(t, 'mutation-record-decision', {
      experimentId: a.id,
      kind: 'SHIP',
      decidedBy: 'pm',
      decidedAt: '2026-02-05T00:00:00.000Z',
    });
    await pause();
    t1 = new Date();
    statsAtT1 = {};
    for (const key of ['acme', 'search', 'ranking', 'growth', 'onboarding']) {
      for (const scope of ['OWN', 'SUBTREE']) statsAtT1[`${key}/${scope}`] = await nodeStats(key, scope, { to: t1 });
    }
    experimentsAtT1 = { a: await experimentAt('exp-a'), b: await experimentAt('exp-b') };
    await pause();
    await mutate(t, 'mutation-record-results', { experimentId: a.id, units: UNITS, results: results(2000) });
    await mutate(t, 'mutation-record-decision', {
      experimentId: a.id,
      kind: 'ITERATE',
      decidedBy: 'pm',
      decidedAt: '2026-02-04T00:00:00.000Z',
    });
    await mutate(t, 'mutation-record-decision', { experimentId: a.id, kind: 'ABANDON', decidedBy: 'pm' });
    await mutate(t, 'mutation-record-results', { experimentId: b.id, units: UNITS, results: results(2010) });
    await transition(t, b.id, 'STOPPED', '2026-02-10T00:00:00.000Z');
    await transition(t, b.id, 'CONCLUDED', '2026-02-11T00:00:00.000Z');
    const c = await buildExperiment(t, { key: 'exp-c', ownerNodeKey: 'ranking' });
    await transition(t, c.id, 'RUNNING', '2026-02-12T00:00:00.000Z');
  });

  it('answers OrgNode.stats and statsSeries as they stood, for OWN and SUBTREE', async () => {
    for (const key of ['acme', 'search', 'ranking', 'growth', 'onboarding']) {
      for (const scope of ['OWN', 'SUBTREE']) {
        expect([key, scope, await nodeStats(key, scope, { asOf: t1 })]).toEqual([
          key,
          scope,
          statsAtT1[`${key}/${scope}`],
        ]);
      }
    }
    // ... and the present differs (the story did change the numbers).
    expect(await nodeStats('acme', 'SUBTREE', {})).not.toEqual(statsAtT1['acme/SUBTREE']);
  });

  it('answers experiment(key, asOf) with the decisions and classification as they stood', async () => {
    expect(await experimentAt('exp-a', t1)).toEqual(experimentsAtT1.a);
    expect(await experimentAt('exp-b', t1)).toEqual(experimentsAtT1.b);
    const now = (await experimentAt('exp-a')) as { decision: { kind: string }; decisions: unknown[] };
    expect(now.decision.kind).toBe('ABANDON');
    expect(now.decisions).toHaveLength(3);
    expect(experimentsAtT1.a).toMatchObject({
      decision: { kind: 'SHIP' },
      decisions: [{ kind: 'SHIP', isCurrent: true }],
    });
  });

  it('returns null for an experiment created after the instant', async () => {
    expect(await experimentAt('exp-c', t1)).toBeNull();
    expect(await experimentAt('exp-c')).not.toBeNull();
  });

  it('refuses an instant in the future with BAD_USER_INPUT naming asOf', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const experiment = await t.exec(EXPERIMENT, { key: 'exp-a', asOf: future });
    expect(experiment.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    const stats = await t.exec(NODE_STATS, { key: 'acme', scope: 'SUBTREE', to: null, asOf: future });
    expect(stats.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
  });
});
