import { loadAnalysisInputs } from '../../../src/db/queries/analysis-input-reads';
import { seedDemoData } from '../../../src/db/seed/seed';
import { analyseExperiment } from '../../../src/domain/analyse-experiment';
import { STALE_STOPPED_DAYS } from '../../../src/domain/ruleset';
import { useTestApp } from '../helpers';

/**
 * OrgNode.metricInsight and metricInsight against a brute-force recomputation in plain TypeScript:
 * experiments and owners read with simple SELECTs, ancestry walked through `parent_id`, each
 * experiment analysed with the full engine (detail on) at the seed's classification instant, the
 * conclusion date and the 30-day rule written out, and the DerSimonian-Laird model and shrinkage
 * written out in loops (docs/meta-analysis.md). It shares no SQL with metric-effect-reads.ts.
 */
const t = useTestApp();
const ANCHOR = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const Z = 1.959963984540054;
const TOLERANCE = 1e-9;

interface RefArm {
  experimentId: string;
  experimentKey: string;
  variantKey: string;
  owner: string;
  kind: string;
  tags: string[];
  concludedOn: Date | null;
  role: string;
  effect: number;
  stdErr: number;
  better: boolean;
  worse: boolean;
  shipped: boolean;
}

interface Reference {
  arms: Map<string, RefArm[]>; // by metric key, every analysed arm of a VALID in-scope experiment
  parentOf: Map<string, string | null>;
  idOfKey: Map<string, string>;
}

let ref: Reference;

async function loadReference(): Promise<Reference> {
  const nodes: Array<{ id: string; key: string; parent_id: string | null }> = await t.dataSource.query(
    'SELECT id, key, parent_id FROM org_node',
  );
  const experiments: Array<{
    id: string;
    key: string;
    owner_node_id: string;
    kind: string;
    tags: string[];
    status: string;
    counts_toward_ewl: boolean;
    ended_at: Date | null;
    concluded_at: Date | null;
  }> = await t.dataSource.query(
    'SELECT id, key, owner_node_id, kind, tags, status, counts_toward_ewl, ended_at, concluded_at FROM experiment',
  );
  const variants: Array<{ id: string; key: string }> = await t.dataSource.query('SELECT id, key FROM variant');
  const ships: Array<{ experiment_id: string; shipped_variant_id: string }> = await t.dataSource.query(
    "SELECT experiment_id, shipped_variant_id FROM decision WHERE is_current AND kind = 'SHIP' AND shipped_variant_id IS NOT NULL",
  );
  const shippedVariant = new Map(ships.map((d) => [d.experiment_id, d.shipped_variant_id]));
  const variantKey = new Map(variants.map((v) => [v.id, v.key]));
  const inputs = await loadAnalysisInputs(
    t.dataSource.manager,
    experiments.map((e) => e.id),
  );
  const arms = new Map<string, RefArm[]>();
  for (const e of experiments) {
    const analysis = analyseExperiment(inputs.get(e.id)!, { asOf: ANCHOR });
    if (analysis.validity !== 'VALID' || !e.counts_toward_ewl) continue;
    for (const arm of analysis.arms) {
      for (const m of arm.metrics) {
        if (m.dataStatus !== 'OK' || m.diffRel === null || m.stdErrRel === null || !(m.stdErrRel > 0)) continue;
        const list = arms.get(m.metricKey) ?? [];
        list.push({
          experimentId: e.id,
          experimentKey: e.key,
          variantKey: variantKey.get(arm.variantId)!,
          owner: e.owner_node_id,
          kind: e.kind,
          tags: e.tags,
          concludedOn: conclusionDate(e),
          role: m.role,
          effect: m.diffRel,
          stdErr: m.stdErrRel,
          better: m.superior === true,
          worse: m.deteriorated,
          shipped: shippedVariant.get(e.id) === arm.variantId,
        });
        arms.set(m.metricKey, list);
      }
    }
  }
  return {
    arms,
    parentOf: new Map(nodes.map((n) => [n.id, n.parent_id])),
    idOfKey: new Map(nodes.map((n) => [n.key, n.id])),
  };
}

/** The conclusion date as a function of the reader's instant (docs/ewl-rules.md §6.4). */
function conclusionDate(e: { status: string; ended_at: Date | null; concluded_at: Date | null }) {
  if (e.status === 'CONCLUDED' || e.status === 'ARCHIVED') return e.concluded_at ? new Date(e.concluded_at) : null;
  if (e.status === 'STOPPED') return e.concluded_at ? new Date(e.concluded_at) : null;
  return null;
}

function stoppedRuleDate(arm: RefArm, e: { ended: Date | null }, asOf: Date): Date | null {
  if (arm.concludedOn) return arm.concludedOn;
  if (e.ended && asOf.getTime() - e.ended.getTime() > STALE_STOPPED_DAYS * DAY) return e.ended;
  return null;
}

function isUnder(owner: string, nodeId: string): boolean {
  for (let n: string | null | undefined = owner; n; n = ref.parentOf.get(n)) if (n === nodeId) return true;
  return false;
}

interface RefQuery {
  metricKey: string;
  nodeId: string | null;
  scope: 'OWN' | 'SUBTREE';
  from: Date | null;
  to: Date;
  now: Date;
  filter?: (arm: RefArm) => boolean;
  edges: number[];
}

let endedOf: Map<string, { ended: Date | null; status: string }>;

/** The expected view. */
function referenceInsight(q: RefQuery) {
  const asOf = q.to.getTime() < q.now.getTime() ? q.to : q.now;
  const arms = (ref.arms.get(q.metricKey) ?? []).filter((a) => {
    if (q.nodeId !== null && !(q.scope === 'OWN' ? a.owner === q.nodeId : isUnder(a.owner, q.nodeId))) return false;
    if (q.filter && !q.filter(a)) return false;
    const e = endedOf.get(a.experimentId)!;
    const on = e.status === 'STOPPED' ? stoppedRuleDate(a, e, asOf) : a.concludedOn;
    return on !== null && on.getTime() < q.to.getTime() && (q.from === null || on.getTime() >= q.from.getTime());
  });
  const k = arms.length;
  let model: null | { k: number; mean: number; meanStdErr: number; tau2: number; q: number; i2: number } = null;
  if (k >= 5) {
    const w = arms.map((a) => 1 / (a.stdErr * a.stdErr));
    const sw = w.reduce((s, x) => s + x, 0);
    const fe = arms.reduce((s, a, i) => s + w[i]! * a.effect, 0) / sw;
    const qq = arms.reduce((s, a, i) => s + w[i]! * (a.effect - fe) ** 2, 0);
    const tau2 = Math.max(0, (qq - (k - 1)) / (sw - w.reduce((s, x) => s + x * x, 0) / sw));
    const ws = arms.map((a) => 1 / (a.stdErr * a.stdErr + tau2));
    const sws = ws.reduce((s, x) => s + x, 0);
    model = {
      k,
      mean: arms.reduce((s, a, i) => s + ws[i]! * a.effect, 0) / sws,
      meanStdErr: 1 / Math.sqrt(sws),
      tau2,
      q: qq,
      i2: qq > 0 ? Math.max(0, (qq - (k - 1)) / qq) : 0,
    };
  }
  const histogram = [...q.edges, Number.POSITIVE_INFINITY].map((upper, i) => {
    const lower = i === 0 ? Number.NEGATIVE_INFINITY : q.edges[i - 1]!;
    return {
      lower: Number.isFinite(lower) ? lower : null,
      upper: Number.isFinite(upper) ? upper : null,
      count: arms.filter((a) => a.effect >= lower && a.effect < upper).length,
    };
  });
  const experimentsOf = (list: RefArm[]) => new Set(list.map((a) => a.experimentId)).size;
  return {
    experiments: experimentsOf(arms),
    arms: k,
    byRole: ['SUCCESS', 'GUARDRAIL', 'DETERIORATION'].map((role) => {
      const of = arms.filter((a) => a.role === role);
      return { role, experiments: experimentsOf(of), arms: of.length };
    }),
    betterArms: arms.filter((a) => a.better).length,
    worseArms: arms.filter((a) => a.worse).length,
    histogram,
    model,
    effects: arms.map((a) => {
      const shrunk = model
        ? (() => {
            const b = (a.stdErr * a.stdErr) / (a.stdErr * a.stdErr + model.tau2);
            return {
              effect: model.mean + (1 - b) * (a.effect - model.mean),
              stdDev: Math.sqrt((1 - b) * a.stdErr ** 2),
            };
          })()
        : null;
      return {
        key: `${a.experimentKey}/${a.variantKey}`,
        effect: a.effect,
        stdErr: a.stdErr,
        better: a.better,
        worse: a.worse,
        role: a.role,
        shipped: a.shipped,
        shrunk,
      };
    }),
  };
}

/** The expected shipped impact of a reference view: sums over its shipped arms. */
function referenceImpact(view: ReturnType<typeof referenceInsight>) {
  const shipped = view.effects.filter((e) => e.shipped);
  const naiveSum = shipped.reduce((s, e) => s + e.effect, 0);
  if (!view.model) return { arms: shipped.length, naiveSum, shrunkSum: null, shrunkStdDev: null, ratio: null };
  const shrunkSum = shipped.reduce((s, e) => s + e.shrunk!.effect, 0);
  const shrunkStdDev = Math.sqrt(shipped.reduce((s, e) => s + e.shrunk!.stdDev ** 2, 0));
  return {
    arms: shipped.length,
    naiveSum,
    shrunkSum,
    shrunkStdDev,
    ratio: naiveSum !== 0 ? shrunkSum / naiveSum : null,
  };
}

const viewOf = (first: number) => `experiments arms byRole { role experiments arms } betterArms worseArms
  histogram { lower upper count } model { k mean meanStdErr tau tau2 q i2 meanInterval { lower upper } } modelUnavailableReason
  effects(first: ${first}, orderBy: RAW_EFFECT, direction: ASC) { experimentKey variantKey role effect stdErr better worse
    interval { lower upper } shrunk { effect stdDev shrinkage interval { lower upper } } }`;
const VIEW = viewOf(100);

type View = {
  experiments: number;
  arms: number;
  byRole: unknown[];
  betterArms: number;
  worseArms: number;
  histogram: unknown[];
  model: null | { k: number; mean: number; meanStdErr: number; tau: number; tau2: number; q: number; i2: number };
  modelUnavailableReason: string | null;
  effects: Array<{
    experimentKey: string;
    variantKey: string;
    role: string;
    effect: number;
    stdErr: number;
    better: boolean;
    worse: boolean;
    interval: { lower: number; upper: number };
    shrunk: null | { effect: number; stdDev: number; shrinkage: number; interval: { lower: number; upper: number } };
  }>;
};

const close = (actual: number, expected: number) =>
  Math.abs(actual - expected) <= TOLERANCE * Math.max(Math.abs(expected), 1e-12);

/** Differences between a view and the reference, as readable lines (empty when equal). */
function diffView(label: string, got: View, want: ReturnType<typeof referenceInsight>, first = 100): string[] {
  const out: string[] = [];
  for (const f of ['experiments', 'arms', 'betterArms', 'worseArms'] as const)
    if (got[f] !== want[f]) out.push(`${label}: ${f} ${got[f]} != ${want[f]}`);
  if (JSON.stringify(got.byRole) !== JSON.stringify(want.byRole)) out.push(`${label}: byRole differs`);
  if (JSON.stringify(got.histogram) !== JSON.stringify(want.histogram)) out.push(`${label}: histogram differs`);
  if ((got.model === null) !== (want.model === null)) out.push(`${label}: model presence differs`);
  if (got.model && want.model) {
    for (const f of ['mean', 'meanStdErr', 'tau2', 'q', 'i2'] as const)
      if (!close(got.model[f], want.model[f])) out.push(`${label}: model.${f} ${got.model[f]} != ${want.model[f]}`);
    if (got.model.k !== want.model.k) out.push(`${label}: model.k`);
    if (!close(got.model.tau, Math.sqrt(want.model.tau2))) out.push(`${label}: model.tau`);
  }
  if (got.modelUnavailableReason !== (want.model ? null : 'TOO_FEW_ARMS')) out.push(`${label}: modelUnavailableReason`);
  const wanted = [...want.effects].sort((a, b) => a.effect - b.effect).slice(0, first);
  const byKey = new Map(wanted.map((w) => [w.key, w]));
  if (got.effects.length !== wanted.length)
    out.push(`${label}: ${got.effects.length} effects listed, not ${wanted.length}`);
  got.effects.forEach((g, i) => {
    const w = byKey.get(`${g.experimentKey}/${g.variantKey}`);
    if (!w) return void out.push(`${label}: unexpected arm ${g.experimentKey}/${g.variantKey}`);
    if (i > 0 && g.effect < got.effects[i - 1]!.effect) out.push(`${label}: effects not ascending at ${i}`);
    if (
      !close(g.effect, w.effect) ||
      !close(g.stdErr, w.stdErr) ||
      g.better !== w.better ||
      g.worse !== w.worse ||
      g.role !== w.role
    )
      out.push(`${label}: arm ${w.key} differs`);
    if (!close(g.interval.upper - g.effect, Z * w.stdErr)) out.push(`${label}: arm ${w.key} interval`);
    if ((g.shrunk === null) !== (w.shrunk === null)) out.push(`${label}: arm ${w.key} shrunk presence`);
    if (g.shrunk && w.shrunk && (!close(g.shrunk.effect, w.shrunk.effect) || !close(g.shrunk.stdDev, w.shrunk.stdDev)))
      out.push(`${label}: arm ${w.key} shrunk ${g.shrunk.effect} != ${w.shrunk.effect}`);
  });
  return out;
}

beforeAll(async () => {
  await t.truncateAll();
  await seedDemoData(t.dataSource, { anchor: ANCHOR, experiments: 300, classifiedAt: ANCHOR });
  ref = await loadReference();
  const rows: Array<{ id: string; ended_at: Date | null; status: string }> = await t.dataSource.query(
    'SELECT id, ended_at, status FROM experiment',
  );
  endedOf = new Map(rows.map((r) => [r.id, { ended: r.ended_at ? new Date(r.ended_at) : null, status: r.status }]));
});

/** The catalogue metrics with the most eligible arms (the demo's busiest first). */
function busiestMetrics(n: number): string[] {
  return [...ref.arms.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, n)
    .map(([key]) => key);
}

const DEFAULT_EDGES = [-0.2, -0.1, -0.05, -0.02, -0.01, -0.005, 0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2];

describe('metricInsight against a brute-force recomputation', () => {
  it('the demo portfolio has several metrics with at least 5 eligible arms', () => {
    expect([...ref.arms.values()].filter((arms) => arms.length >= 5).length).toBeGreaterThanOrEqual(3);
  });

  it('OrgNode.metricInsight equals the reference for every node, SUBTREE and OWN, all time and a window', async () => {
    const window = { from: new Date('2025-09-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };
    const lines: string[] = [];
    for (const metricKey of busiestMetrics(3)) {
      const before = new Date();
      const result = await t.exec<{
        orgNodes: Array<{ id: string; key: string; all: View; own: View }>;
      }>(
        `query ($m: String!, $from: DateTime, $to: DateTime) { orgNodes { id key
          all: metricInsight(metricKey: $m) { ${viewOf(10)} }
          own: metricInsight(metricKey: $m, scope: OWN, from: $from, to: $to) { ${viewOf(10)} } } }`,
        { m: metricKey, from: window.from.toISOString(), to: window.to.toISOString() },
      );
      expect(result.errors).toBeUndefined();
      // Not vacuous: several nodes have a model (at least 5 arms).
      expect(result.data!.orgNodes.filter((node) => node.all.model !== null).length).toBeGreaterThan(3);
      for (const node of result.data!.orgNodes) {
        const all = referenceInsight({
          metricKey,
          nodeId: node.id,
          scope: 'SUBTREE',
          from: null,
          to: before,
          now: before,
          edges: DEFAULT_EDGES,
        });
        const own = referenceInsight({
          metricKey,
          nodeId: node.id,
          scope: 'OWN',
          ...window,
          now: before,
          edges: DEFAULT_EDGES,
        });
        lines.push(
          ...diffView(`${metricKey} ${node.key} SUBTREE`, node.all, all, 10),
          ...diffView(`${metricKey} ${node.key} OWN window`, node.own, own, 10),
        );
      }
    }
    expect(lines).toEqual([]);
  });

  it('a stats filter and custom histogram edges restrict and bin as the reference does', async () => {
    const [metricKey] = busiestMetrics(1);
    const root = [...ref.parentOf.entries()].find(([, parent]) => parent === null)![0];
    const before = new Date();
    const result = await t.exec<{ orgNode: { metricInsight: View } }>(
      `query ($id: ID!, $m: String!) { orgNode(id: $id) { metricInsight(metricKey: $m, filter: { kind: [AB_TEST] }, histogramEdges: [-0.05, 0, 0.05]) { ${VIEW} } } }`,
      { id: root, m: metricKey },
    );
    expect(result.errors).toBeUndefined();
    const want = referenceInsight({
      metricKey: metricKey!,
      nodeId: root,
      scope: 'SUBTREE',
      from: null,
      to: before,
      now: before,
      filter: (a) => a.kind === 'AB_TEST',
      edges: [-0.05, 0, 0.05],
    });
    expect(diffView('filtered', result.data!.orgNode.metricInsight, want)).toEqual([]);
    expect(want.arms).toBeGreaterThan(0);
  });

  it('the portfolio form equals the reference with an experiments filter', async () => {
    const [metricKey] = busiestMetrics(1);
    const tag = ref.arms.get(metricKey!)!.flatMap((a) => a.tags)[0]!;
    const before = new Date();
    const result = await t.exec<{ metricInsight: View }>(
      `query ($m: String!, $tag: String!) { metricInsight(metricKey: $m, filter: { tagsAny: [$tag] }) { ${VIEW} } }`,
      { m: metricKey, tag },
    );
    expect(result.errors).toBeUndefined();
    const want = referenceInsight({
      metricKey: metricKey!,
      nodeId: null,
      scope: 'SUBTREE',
      from: null,
      to: before,
      now: before,
      filter: (a) => a.tags.includes(tag),
      edges: DEFAULT_EDGES,
    });
    expect(diffView('portfolio', result.data!.metricInsight, want)).toEqual([]);
  });

  it('orders arms by the shrunk effect and pages them', async () => {
    const [metricKey] = busiestMetrics(1);
    const result = await t.exec<{ metricInsight: { all: View['effects']; page: View['effects'] } }>(
      `query ($m: String!) { metricInsight(metricKey: $m) {
        all: effects(orderBy: SHRUNK_EFFECT, direction: DESC, first: 100) { experimentKey variantKey shrunk { effect } }
        page: effects(orderBy: SHRUNK_EFFECT, direction: DESC, first: 3, offset: 2) { experimentKey variantKey shrunk { effect } } } }`,
      { m: metricKey },
    );
    expect(result.errors).toBeUndefined();
    const { all, page } = result.data!.metricInsight;
    for (let i = 1; i < all.length; i++) expect(all[i]!.shrunk!.effect).toBeLessThanOrEqual(all[i - 1]!.shrunk!.effect);
    expect(page).toEqual(all.slice(2, 5));
  });

  it('answers every node of the tree with one statement for the arms and one for the metric', async () => {
    const [metricKey] = busiestMetrics(1);
    const { result, statements } = await t.execCounting(
      `query ($m: String!) { orgNodes { key metricInsight(metricKey: $m) { arms model { mean } } } }`,
      { m: metricKey },
    );
    expect(result.errors).toBeUndefined();
    // orgNodes, the metric by key, the arms of every node.
    expect(statements).toBe(3);
  });

  it.each([
    [
      'edges not increasing',
      '{ metricInsight(metricKey: "M", histogramEdges: [0.1, 0]) { arms } }',
      'histogramEdges[1]',
    ],
    ['an infinite page', '{ metricInsight(metricKey: "M") { effects(first: 1000) { effect } } }', 'first'],
    ['a negative offset', '{ metricInsight(metricKey: "M") { effects(offset: -1) { effect } } }', 'offset'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_, query, field) => {
    const [metricKey] = busiestMetrics(1);
    const result = await t.exec(query.replace('"M"', JSON.stringify(metricKey)));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('shipped impact', () => {
  const IMPACT = `arms experiments naiveSum shrunkSum shrunkStdDev shrunkInterval { lower upper } ratio`;
  type Impact = {
    arms: number;
    naiveSum: number;
    shrunkSum: number | null;
    shrunkStdDev: number | null;
    shrunkInterval: { lower: number; upper: number } | null;
    ratio: number | null;
  };
  const near = (a: number | null, b: number | null) => (a === null || b === null ? a === b : close(a, b));

  it('sums the shipped arms of every node, naive and shrunk, as the reference does', async () => {
    const lines: string[] = [];
    let withShipments = 0;
    for (const metricKey of busiestMetrics(3)) {
      const before = new Date();
      const result = await t.exec<{
        orgNodes: Array<{ id: string; key: string; metricInsight: { shippedImpact: Impact } }>;
      }>(`query ($m: String!) { orgNodes { id key metricInsight(metricKey: $m) { shippedImpact { ${IMPACT} } } } }`, {
        m: metricKey,
      });
      expect(result.errors).toBeUndefined();
      for (const node of result.data!.orgNodes) {
        const view = referenceInsight({
          metricKey,
          nodeId: node.id,
          scope: 'SUBTREE',
          from: null,
          to: before,
          now: before,
          edges: DEFAULT_EDGES,
        });
        const want = referenceImpact(view);
        const got = node.metricInsight.shippedImpact;
        if (want.arms > 0 && want.shrunkSum !== null) withShipments += 1;
        if (got.arms !== want.arms || !near(got.naiveSum, want.naiveSum) || !near(got.shrunkSum, want.shrunkSum))
          lines.push(`${metricKey} ${node.key}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
        if (!near(got.shrunkStdDev, want.shrunkStdDev) || !near(got.ratio, want.ratio))
          lines.push(`${metricKey} ${node.key}: spread or ratio differs`);
        // The bound is sum + z sd: compared with the sum's scale (the difference loses digits when sd << sum).
        if (
          got.shrunkInterval &&
          want.shrunkSum !== null &&
          Math.abs(got.shrunkInterval.upper - (want.shrunkSum + Z * want.shrunkStdDev!)) >
            TOLERANCE * Math.max(Math.abs(want.shrunkSum), Z * want.shrunkStdDev!)
        )
          lines.push(`${metricKey} ${node.key}: interval`);
      }
    }
    expect(lines).toEqual([]);
    expect(withShipments).toBeGreaterThan(3);
  });

  it("shrinks the claimed impact of the shipped winners (the demo shows the winner's curse)", async () => {
    const root = [...ref.parentOf.entries()].find(([, parent]) => parent === null)![0];
    const result = await t.exec<{ orgNode: { metricInsight: { shippedImpact: Impact } } }>(
      `query ($id: ID!, $m: String!) { orgNode(id: $id) { metricInsight(metricKey: $m) { shippedImpact { ${IMPACT} } } } }`,
      { id: root, m: busiestMetrics(1)[0] },
    );
    const impact = result.data!.orgNode.metricInsight.shippedImpact;
    expect(impact.arms).toBeGreaterThan(5);
    expect(impact.ratio).not.toBeNull();
    expect(impact.ratio!).toBeLessThan(1);
  });

  it("splits the shipped impact per period, shrunk by the whole view's model", async () => {
    const [metricKey] = busiestMetrics(1);
    const root = [...ref.parentOf.entries()].find(([, parent]) => parent === null)![0];
    const from = new Date('2025-01-01T00:00:00Z');
    const to = new Date('2026-06-01T00:00:00Z');
    const result = await t.exec<{
      orgNode: {
        metricInsight: {
          shippedImpact: Impact;
          shippedImpactSeries: Array<{ periodStart: string; periodEnd: string; impact: Impact }>;
        };
      };
    }>(
      `query ($id: ID!, $m: String!, $from: DateTime, $to: DateTime) { orgNode(id: $id) { metricInsight(metricKey: $m, from: $from, to: $to) {
        shippedImpact { ${IMPACT} } shippedImpactSeries(bucket: QUARTER) { periodStart periodEnd impact { ${IMPACT} } } } } }`,
      { id: root, m: metricKey, from: from.toISOString(), to: to.toISOString() },
    );
    expect(result.errors).toBeUndefined();
    const { shippedImpact, shippedImpactSeries } = result.data!.orgNode.metricInsight;
    expect(shippedImpactSeries.map((p) => new Date(p.periodStart).toISOString())).toEqual([
      '2025-01-01T00:00:00.000Z',
      '2025-04-01T00:00:00.000Z',
      '2025-07-01T00:00:00.000Z',
      '2025-10-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
      '2026-04-01T00:00:00.000Z',
    ]);
    // The periods partition the window: their sums add up to the whole view's.
    expect(shippedImpactSeries.reduce((s, p) => s + p.impact.arms, 0)).toBe(shippedImpact.arms);
    expect(
      close(
        shippedImpactSeries.reduce((s, p) => s + p.impact.naiveSum, 0),
        shippedImpact.naiveSum,
      ),
    ).toBe(true);
    expect(
      close(
        shippedImpactSeries.reduce((s, p) => s + p.impact.shrunkSum!, 0),
        shippedImpact.shrunkSum!,
      ),
    ).toBe(true);
  });
});
