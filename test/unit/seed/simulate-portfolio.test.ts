import type { MetricResult } from '../../../src/domain/experiment';
import { sampleRatioTest } from '../../../src/db/seed/numerics';
import { type ExperimentBundle } from '../../../src/db/seed/records';
import { simulatePortfolio } from '../../../src/db/seed/simulate-portfolio';

const ANCHOR = new Date('2026-03-01T00:00:00Z');
const DAY = 86_400_000;
const collect = (seed: number, experiments = 500) => {
  const portfolio = simulatePortfolio({ seed, anchor: ANCHOR, experiments });
  return { portfolio, bundles: [...portfolio.experimentBundles()] };
};
const share = (items: readonly unknown[], total: number) => items.length / total;

describe('simulatePortfolio', () => {
  const { portfolio, bundles } = collect(20_260_101);
  const concluded = bundles.filter((b) => b.experiment.concludedAt !== null);
  const started = bundles.filter((b) => b.experiment.startedAt !== null);
  const results = bundles.flatMap((b) => b.metricResults);

  it('returns deep-equal output for the same params and different output for another seed', () => {
    const plain = (run: ReturnType<typeof collect>) => ({
      orgNodes: run.portfolio.orgNodes,
      closure: run.portfolio.orgNodeClosure,
      metrics: run.portfolio.metrics,
      bundles: run.bundles,
    });
    const again = collect(20_260_101, 60);
    expect(plain(collect(20_260_101, 60))).toEqual(plain(again));
    expect(JSON.stringify(collect(20_260_101, 60).bundles)).toBe(JSON.stringify(again.bundles));
    const other = collect(7, 60);
    expect(other.bundles.map((b) => b.experiment.id)).not.toEqual(again.bundles.map((b) => b.experiment.id));
    expect(other.bundles.map((b) => b.experiment.title)).not.toEqual(again.bundles.map((b) => b.experiment.title));
  });

  it('builds one company, 4 departments and 20 teams with a complete closure table', () => {
    const kinds = portfolio.orgNodes.map((n) => n.kind);
    expect(kinds.filter((k) => k === 'company')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'department')).toHaveLength(4);
    expect(kinds.filter((k) => k === 'team')).toHaveLength(20);
    const depth = (id: string): number => {
      const parent = portfolio.orgNodes.find((n) => n.id === id)!.parentId;
      return parent === null ? 0 : 1 + depth(parent);
    };
    expect(portfolio.orgNodeClosure).toHaveLength(portfolio.orgNodes.reduce((acc, n) => acc + depth(n.id) + 1, 0));
    for (const node of portfolio.orgNodes)
      expect(portfolio.orgNodeClosure).toContainEqual({ ancestorId: node.id, descendantId: node.id, depth: 0 });
  });

  it('scales the tree with its parameters', () => {
    const big = simulatePortfolio({
      seed: 1,
      anchor: ANCHOR,
      companies: 2,
      departmentsPerCompany: 6,
      teamsPerDepartment: 7,
      experiments: 0,
    });
    expect(big.orgNodes).toHaveLength(2 + 12 + 84);
    expect(new Set(big.orgNodes.map((n) => n.key)).size).toBe(98);
    expect([...big.experimentBundles()]).toHaveLength(0);
  });

  it('generates 500 experiments with 2–3 arms, 2–6 metrics and every role, kind and status', () => {
    expect(bundles).toHaveLength(500);
    expect(new Set(bundles.map((b) => b.experiment.key)).size).toBe(500);
    for (const b of bundles) {
      expect(b.variants.length).toBeGreaterThanOrEqual(2);
      expect(b.variants.length).toBeLessThanOrEqual(3);
      expect(b.variants.filter((v) => v.isControl)).toHaveLength(1);
      expect(b.experimentMetrics.length).toBeGreaterThanOrEqual(2);
      expect(b.experimentMetrics.length).toBeLessThanOrEqual(6);
      expect(b.hypotheses.length).toBeGreaterThanOrEqual(1);
    }
    const roles = new Set(bundles.flatMap((b) => b.experimentMetrics.map((m) => m.role)));
    expect([...roles].sort()).toEqual(['DETERIORATION', 'GUARDRAIL', 'SUCCESS']);
    expect(new Set(bundles.map((b) => b.experiment.kind)).size).toBe(5);
    expect(new Set(bundles.map((b) => b.experiment.status)).size).toBe(5);
    expect(portfolio.metrics.length).toBeGreaterThanOrEqual(15);
    expect(
      share(
        bundles.filter((b) => b.experiment.status === 'RUNNING'),
        500,
      ),
    ).toBeGreaterThan(0.03);
    expect(
      share(
        bundles.filter((b) => b.experiment.status === 'RUNNING'),
        500,
      ),
    ).toBeLessThan(0.09);
    expect(bundles.filter((b) => b.experiment.restartOfId !== null).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps every date inside the two years before the anchor and in lifecycle order', () => {
    for (const { experiment: e } of bundles) {
      const times = [e.createdAt, e.startedAt, e.endedAt, e.concludedAt]
        .filter((d): d is Date => d !== null)
        .map((d) => d.getTime());
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(Math.max(...times)).toBeLessThanOrEqual(ANCHOR.getTime());
      expect(Math.min(...times)).toBeGreaterThan(ANCHOR.getTime() - 760 * DAY);
    }
    const staleStops = bundles.filter(
      (b) => b.experiment.status === 'STOPPED' && b.experiment.endedAt!.getTime() < ANCHOR.getTime() - 30 * DAY,
    );
    expect(staleStops.length).toBeGreaterThan(0);
  });

  it('draws results that satisfy the sufficient-statistics rules', () => {
    const check = (r: MetricResult) => {
      expect(r.n).toBeGreaterThanOrEqual(0);
      expect(Number.isInteger(r.n)).toBe(true);
      if (r.metricType === 'BINARY') {
        expect(Number.isInteger(r.sum)).toBe(true);
        expect(r.sum).toBeGreaterThanOrEqual(0);
        expect(r.sum).toBeLessThanOrEqual(r.n);
        expect([r.sumX, r.sumXSq, r.sumXY]).toEqual([null, null, null]);
        return;
      }
      const tolerance = (x: number) => 1e-9 * Math.max(1, Math.abs(x));
      const centred = (sumSq: number, sum: number) => sumSq - (r.n > 0 ? (sum * sum) / r.n : 0);
      expect(centred(r.sumSq!, r.sum)).toBeGreaterThanOrEqual(-tolerance(r.sumSq!));
      if (r.metricType === 'RATIO') {
        const vx = centred(r.sumXSq!, r.sumX!);
        const vy = centred(r.sumSq!, r.sum);
        const cxy = r.sumXY! - (r.n > 0 ? (r.sumX! * r.sum) / r.n : 0);
        expect(vx).toBeGreaterThanOrEqual(-tolerance(r.sumXSq!));
        expect(vx * vy - cxy * cxy).toBeGreaterThanOrEqual(-tolerance(vx * vy));
      }
    };
    expect(results.length).toBeGreaterThan(2000);
    results.forEach(check);
    expect(new Set(results.map((r) => r.metricType)).size).toBe(3);
    expect(results.some((r) => r.period === 'PRE_EXPOSURE')).toBe(true);
  });

  it('never gives a metric more units than its variant', () => {
    for (const b of bundles) {
      const units = new Map(b.variants.map((v) => [v.id, v.units ?? 0]));
      for (const r of b.metricResults) expect(r.n).toBeLessThanOrEqual(units.get(r.variantId)!);
      for (const v of b.variants)
        if (v.multiExposedUnits !== null) expect(v.multiExposedUnits).toBeLessThanOrEqual(v.units!);
    }
  });

  it('breaks the split (SRM p < 0.001) in 4–9 % of started experiments and empties an arm in a few', () => {
    const srm = started.filter(
      (b) =>
        sampleRatioTest(
          b.variants.map((v) => v.units!),
          b.variants.map((v) => v.plannedWeight),
        ).pValue < 0.001,
    );
    expect(share(srm, started.length)).toBeGreaterThanOrEqual(0.04);
    expect(share(srm, started.length)).toBeLessThanOrEqual(0.09);
    expect(started.filter((b) => b.variants.some((v) => v.units === 0)).length).toBeGreaterThanOrEqual(1);
  });

  it('sizes most concluded experiments for their MDEs and leaves a fifth to a third too small', () => {
    const adequate = concluded.filter((b) => b.truth.totalUnits >= b.truth.requiredUnits);
    const tooSmall = concluded.filter((b) => b.truth.totalUnits < 0.55 * b.truth.requiredUnits);
    expect(share(adequate, concluded.length)).toBeGreaterThan(0.5);
    expect(share(adequate, concluded.length)).toBeLessThan(0.75);
    expect(share(tooSmall, concluded.length)).toBeGreaterThan(0.2);
    expect(share(tooSmall, concluded.length)).toBeLessThan(0.45);
  });

  it('reads like a real programme: learning rate near 64 % and win rate near 12 % of concluded A/B tests', () => {
    const ab = concluded.filter((b) => b.experiment.kind === 'AB_TEST');
    const learning = ab.filter((b) => ['WIN', 'REGRESSION', 'NEUTRAL', 'INFRA_SAFE'].includes(b.truth.observed!));
    const wins = ab.filter((b) => b.truth.observed === 'WIN');
    expect(share(learning, ab.length)).toBeGreaterThan(0.55);
    expect(share(learning, ab.length)).toBeLessThan(0.75);
    expect(share(wins, ab.length)).toBeGreaterThan(0.07);
    expect(share(wins, ab.length)).toBeLessThan(0.18);
  });

  it('records at most one current decision per experiment, the latest one, and leaves some debt', () => {
    const decided = (b: ExperimentBundle) => b.decisions.length > 0;
    for (const b of bundles.filter(decided)) {
      expect(b.decisions.filter((d) => d.isCurrent)).toHaveLength(1);
      const latest = Math.max(...b.decisions.map((d) => d.decidedAt.getTime()));
      expect(b.decisions.find((d) => d.isCurrent)!.decidedAt.getTime()).toBe(latest);
      expect(b.experiment.status === 'DRAFT' || b.experiment.status === 'RUNNING').toBe(false);
      for (const d of b.decisions) if (d.shippedVariantId !== null) expect(['SHIP', 'SHIP_INFRA']).toContain(d.kind);
    }
    const debt = share(
      concluded.filter((b) => !decided(b)),
      concluded.length,
    );
    expect(debt).toBeGreaterThan(0.03);
    expect(debt).toBeLessThan(0.14);
    expect(bundles.some((b) => b.decisions.length === 2)).toBe(true);
    const inconsistent = bundles.filter(
      (b) => b.decisions.some((d) => d.isCurrent && d.kind === 'SHIP') && b.truth.observed === 'REGRESSION',
    );
    expect(inconsistent.length).toBeGreaterThan(0);
  });

  it('writes learnings for about 60 % of concluded experiments, some linked to two experiments', () => {
    const learned = concluded.filter((b) => b.learnings.length > 0);
    expect(share(learned, concluded.length)).toBeGreaterThan(0.5);
    expect(share(learned, concluded.length)).toBeLessThan(0.7);
    expect(bundles.some((b) => b.learningExperiments.length === 2)).toBe(true);
    expect(bundles.some((b) => b.learningHypotheses.length > 0)).toBe(true);
    expect(new Set(bundles.flatMap((b) => b.learnings.map((l) => l.kind))).size).toBeGreaterThanOrEqual(5);
  });

  it('groups the same experiments into chunks', () => {
    const small = simulatePortfolio({ seed: 3, anchor: ANCHOR, experiments: 25 });
    const chunks = [...small.chunks(10)];
    expect(chunks.map((c) => c.experiments.length)).toEqual([10, 10, 5]);
    const bundlesOfSmall = [...small.experimentBundles()];
    expect(chunks.flatMap((c) => c.metricResults)).toEqual(bundlesOfSmall.flatMap((b) => b.metricResults));
  });

  it('rejects invalid parameters', () => {
    expect(() => simulatePortfolio({ seed: 1, anchor: ANCHOR, experiments: -1 })).toThrow(
      /experiments must be an integer/,
    );
    expect(() => simulatePortfolio({ seed: 1, anchor: new Date('nope') })).toThrow(/anchor/);
  });
});
