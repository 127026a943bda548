import { seedDemoData } from '../../../src/db/seed/seed';
import { DEFAULT_EFFECT_HISTOGRAM_EDGES } from '../../../src/domain/metric-insight';
import { seriesPeriods } from '../../../src/domain/stats-window';
import { mulberry32 } from '../../unit/domain/fixtures/random';
import { useTestApp } from '../helpers';
import {
  buildMetricInsight,
  readEligibleArms,
  shippedImpactOf,
  shippedImpactSeries,
  sortEffects,
} from './metric-insight-per-arm';

/**
 * The metric view aggregates in SQL (metric-insight-sql.ts) and fits its model from sums. Here it
 * is held to the per-arm computation it replaced (metric-insight-per-arm.ts: every eligible arm
 * read as a row, the view built in TypeScript) on random effects: every stored effect and
 * standard error is redrawn from a seeded generator, one metric's effects made alike (τ² = 0),
 * and every node's view compared, with pages in both orders and directions and a quarterly
 * series. Numbers agree to 1e-12 relative (on the scale of a relative effect, 1e-3, near 0).
 */
const t = useTestApp();
const ANCHOR = new Date('2026-06-01T00:00:00Z');
const FROM = new Date('2025-01-01T00:00:00Z');
const TO = new Date('2026-05-01T00:00:00Z');
const TOLERANCE = 1e-12;

const close = (got: number | null, want: number | null) =>
  got === null || want === null ? got === want : Math.abs(got - want) <= TOLERANCE * Math.max(Math.abs(want), 1e-3);

let metrics: Array<{ id: string; key: string }>;
let nodes: Array<{ id: string; key: string }>;

beforeAll(async () => {
  await t.truncateAll();
  await seedDemoData(t.dataSource, { anchor: ANCHOR, experiments: 200, classifiedAt: ANCHOR });
  metrics = await t.dataSource.query(`SELECT m.id, m.key FROM metric m
    WHERE EXISTS (SELECT 1 FROM experiment_metric_effect f WHERE f.metric_id = m.id) ORDER BY m.key`);
  nodes = await t.dataSource.query('SELECT id, key FROM org_node ORDER BY key');
  const rows: Array<{ experiment_metric_id: string; variant_id: string; metric_id: string }> = await t.dataSource.query(
    'SELECT experiment_metric_id, variant_id, metric_id FROM experiment_metric_effect ORDER BY experiment_metric_id, variant_id',
  );
  const uniform = mulberry32(20261205);
  const alike = metrics[0]!.id;
  const drawn = rows.map((r) => {
    const stdErr = 0.001 + uniform() * 0.03;
    // The first metric's effects hardly differ (Q < k - 1: τ² = 0); the others spread widely.
    const effect = r.metric_id === alike ? 0.004 + (uniform() - 0.5) * 1e-5 : (uniform() - 0.45) * 0.12;
    return { ...r, effect, stdErr };
  });
  await t.dataSource.query(
    `UPDATE experiment_metric_effect f SET effect = u.effect, std_err = u.std_err
       FROM unnest($1::uuid[], $2::uuid[], $3::float8[], $4::float8[]) AS u(experiment_metric_id, variant_id, effect, std_err)
      WHERE f.experiment_metric_id = u.experiment_metric_id AND f.variant_id = u.variant_id`,
    [
      drawn.map((d) => d.experiment_metric_id),
      drawn.map((d) => d.variant_id),
      drawn.map((d) => d.effect),
      drawn.map((d) => d.stdErr),
    ],
  );
});

const VIEW = `experiments arms byRole { role experiments arms } betterArms worseArms histogram { lower upper count }
  model { k fixedMean q tau2 tau mean meanStdErr i2 meanInterval { lower upper } } modelUnavailableReason
  raw: effects(orderBy: RAW_EFFECT, direction: ASC, first: 7, offset: 2) { ...arm }
  shrunk: effects(orderBy: SHRUNK_EFFECT, direction: DESC, first: 9) { ...arm }
  shippedImpact { ...impact }
  shippedImpactSeries(bucket: QUARTER) { periodStart impact { ...impact } }`;
const FRAGMENTS = `fragment arm on MetricArmEffect { experimentKey variantKey role effect stdErr better worse
    interval { lower upper } shrunk { effect stdDev shrinkage interval { lower upper } } }
  fragment impact on ShippedImpact { experiments arms naiveSum shrunkSum shrunkStdDev shrunkInterval { lower upper } ratio }`;

type Obj = Record<string, unknown>;

/** Differences between two answers: numbers to the tolerance, everything else exactly. */
function differences(path: string, got: unknown, want: unknown, out: string[]): void {
  if (got instanceof Date) differences(path, got.toISOString(), want, out);
  else if (typeof want === 'number' || typeof got === 'number') {
    if (!close(got as number | null, want as number | null)) out.push(`${path}: ${String(got)} != ${String(want)}`);
  } else if (Array.isArray(want) && Array.isArray(got)) {
    if (got.length !== want.length) out.push(`${path}: ${got.length} items, not ${want.length}`);
    else want.forEach((w, i) => differences(`${path}[${i}]`, got[i], w, out));
  } else if (want !== null && typeof want === 'object' && got !== null && typeof got === 'object') {
    for (const key of Object.keys(want)) differences(`${path}.${key}`, (got as Obj)[key], (want as Obj)[key], out);
  } else if (got !== want) out.push(`${path}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
}

/** The expected view of a node (or the portfolio), from the per-arm computation. */
async function expectedView(metricId: string, nodeId: string | null) {
  const rows = (await readEligibleArms(t.dataSource, metricId, nodeId, TO)).filter(
    (r) => r.concludedOn.getTime() >= FROM.getTime(),
  );
  const view = buildMetricInsight(rows, DEFAULT_EFFECT_HISTOGRAM_EDGES);
  const arm = (a: (typeof view.effects)[number]) => ({
    experimentKey: a.experimentKey,
    variantKey: a.variantKey,
    role: a.role,
    effect: a.effect,
    stdErr: a.stdErr,
    better: a.better,
    worse: a.worse,
    interval: { lower: a.lower, upper: a.upper },
    shrunk: a.shrunk
      ? {
          effect: a.shrunk.estimate,
          stdDev: a.shrunk.stdDev,
          shrinkage: a.shrunk.factor,
          interval: { lower: a.shrunk.lower, upper: a.shrunk.upper },
        }
      : null,
  });
  const impact = (i: ReturnType<typeof shippedImpactOf>) => ({
    experiments: i.experiments,
    arms: i.arms,
    naiveSum: i.naiveSum,
    shrunkSum: i.shrunkSum,
    shrunkStdDev: i.shrunkStdDev,
    shrunkInterval: i.shrunkLower === null ? null : { lower: i.shrunkLower, upper: i.shrunkUpper },
    ratio: i.ratio,
  });
  const bound = (x: number) => (Number.isFinite(x) ? x : null);
  const model = view.model;
  return {
    experiments: view.experiments,
    arms: view.arms,
    byRole: view.byRole,
    betterArms: view.better,
    worseArms: view.worse,
    histogram: view.histogram.map((b) => ({ lower: bound(b.lower), upper: bound(b.upper), count: b.count })),
    model: model && {
      k: model.k,
      fixedMean: model.fixedMean,
      q: model.q,
      tau2: model.tau2,
      tau: model.tau,
      mean: model.mean,
      meanStdErr: model.meanStdErr,
      i2: model.i2,
      meanInterval: { lower: model.meanLower, upper: model.meanUpper },
    },
    modelUnavailableReason: view.modelUnavailableReason,
    raw: sortEffects(view.effects, 'RAW_EFFECT', 'ASC').slice(2, 9).map(arm),
    shrunk: sortEffects(view.effects, 'SHRUNK_EFFECT', 'DESC').slice(0, 9).map(arm),
    shippedImpact: impact(shippedImpactOf(view.effects)),
    shippedImpactSeries: shippedImpactSeries(view.effects, seriesPeriods({ from: FROM, to: TO }, 'QUARTER', TO)).map(
      (p) => ({ periodStart: p.periodStart.toISOString(), impact: impact(p.impact) }),
    ),
  };
}

describe('the aggregate metric view against the per-arm computation, on random effects', () => {
  it('equals it for every node and metric, and for the portfolio', async () => {
    const lines: string[] = [];
    let withModel = 0;
    let tauZero = 0;
    for (const metric of metrics) {
      const result = await t.exec<{
        orgNodes: Array<{ id: string; key: string; metricInsight: Obj }>;
        metricInsight: Obj;
      }>(
        `query ($m: String!, $from: DateTime, $to: DateTime) {
          orgNodes { id key metricInsight(metricKey: $m, from: $from, to: $to) { ${VIEW} } }
          metricInsight(metricKey: $m, from: $from, to: $to) { ${VIEW} } } ${FRAGMENTS}`,
        { m: metric.key, from: FROM.toISOString(), to: TO.toISOString() },
      );
      expect(result.errors).toBeUndefined();
      for (const node of result.data!.orgNodes) {
        const want = await expectedView(metric.id, node.id);
        if (want.model) withModel += 1;
        if (want.model?.tau2 === 0) tauZero += 1;
        differences(`${metric.key} ${node.key}`, node.metricInsight, want, lines);
      }
      differences(`${metric.key} portfolio`, result.data!.metricInsight, await expectedView(metric.id, null), lines);
    }
    expect(lines).toEqual([]);
    // Not vacuous: many views have a model, some with τ² = 0.
    expect(withModel).toBeGreaterThan(10);
    expect(tauZero).toBeGreaterThan(0);
    expect(nodes.length).toBeGreaterThan(5);
  });
});

describe('the arms of a subtree, by probing its classifications or by scanning the metric', () => {
  // A statement whose groups' subtrees hold at least a tenth of the org nodes scans the metric's effects
  // (metric-insight-sql.ts, WIDE_SUBTREES); a smaller one probes the subtree's classifications.
  it('gives every node alone the view of the per-arm computation, through either way', async () => {
    const sizes: Array<{ id: string; key: string; size: number }> = await t.dataSource.query(
      `SELECT n.id, n.key, (SELECT count(*)::int FROM org_node_closure oc WHERE oc.ancestor_id = n.id) AS size
         FROM org_node n ORDER BY n.key`,
    );
    const wide = sizes.filter((n) => n.size * 10 >= sizes.length);
    expect(wide.length).toBeGreaterThan(0);
    expect(sizes.length - wide.length).toBeGreaterThan(0);
    const lines: string[] = [];
    for (const metric of metrics.slice(0, 3)) {
      for (const node of sizes) {
        const result = await t.exec<{ orgNode: { metricInsight: Obj } }>(
          `query ($id: ID!, $m: String!, $from: DateTime, $to: DateTime) {
            orgNode(id: $id) { metricInsight(metricKey: $m, from: $from, to: $to) { ${VIEW} } } } ${FRAGMENTS}`,
          { id: node.id, m: metric.key, from: FROM.toISOString(), to: TO.toISOString() },
        );
        expect(result.errors).toBeUndefined();
        differences(
          `${metric.key} ${node.key}`,
          result.data!.orgNode.metricInsight,
          await expectedView(metric.id, node.id),
          lines,
        );
      }
    }
    expect(lines).toEqual([]);
  });
});

describe('metricInsight statement count', () => {
  it('answers every node with its pages, impact and series in one statement per argument set', async () => {
    const [a, b] = metrics;
    const one = await t.execCounting(
      `query ($m: String!) { orgNodes { key metricInsight(metricKey: $m) { ${VIEW} } } } ${FRAGMENTS}`,
      { m: a!.key },
    );
    expect(one.result.errors).toBeUndefined();
    // orgNodes, the metric by key, every node's view with its two pages and its series.
    expect(one.statements).toBe(3);
    const two = await t.execCounting(
      `query ($a: String!, $b: String!) { orgNodes { key
         x: metricInsight(metricKey: $a) { arms shippedImpact { arms } }
         y: metricInsight(metricKey: $b) { arms effects(first: 3) { effect } }
         children { key metricInsight(metricKey: $b) { arms effects(first: 3) { effect } } } } }`,
      { a: a!.key, b: b!.key },
    );
    expect(two.result.errors).toBeUndefined();
    // orgNodes, the two metrics (one batch), one view statement per argument set (x and y; the
    // children are nodes of the tree, so their views, with y's arguments, come from y's batch), children.
    expect(two.statements).toBe(5);
  });
});
