import type { AnalysisInput, AnalysisMetric, ArmStatistics } from '../src/domain/analysis-types';

/** mulberry32: a tiny deterministic PRNG for benchmark data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

function binary(rand: () => number, variantId: string, n: number, p: number): ArmStatistics {
  const sum = Math.min(n, Math.max(0, Math.round(n * p + gaussian(rand) * Math.sqrt(n * p * (1 - p)))));
  return { variantId, n, sum, sumSq: sum, sumX: null, sumXSq: null, sumXY: null };
}

function continuous(rand: () => number, variantId: string, n: number, mean: number, sd: number): ArmStatistics {
  const m = mean + (gaussian(rand) * sd) / Math.sqrt(n);
  const v = sd * sd * (1 + gaussian(rand) * Math.sqrt(2 / (n - 1)));
  const sum = m * n;
  return { variantId, n, sum, sumSq: v * (n - 1) + (sum * sum) / n, sumX: null, sumXSq: null, sumXY: null };
}

/**
 * `count` concluded two-arm experiments with five metrics each (2 success, 2 NIM guardrails,
 * 1 deterioration-only), with sample sizes and true effects spread so every category occurs.
 */
export function* benchInputs(count: number, seed = 42): Generator<AnalysisInput> {
  const rand = prng(seed);
  const day = 86_400_000;
  for (let i = 0; i < count; i += 1) {
    const n = Math.round(2000 + rand() * 250000);
    const lift = rand() < 0.15 ? 0.08 : rand() < 0.1 ? -0.08 : 0;
    const arms = ['c', 't'];
    const metric = (
      id: string,
      role: AnalysisMetric['role'],
      results: ArmStatistics[],
      extra: Partial<AnalysisMetric> = {},
    ): AnalysisMetric => ({
      id,
      metricKey: id,
      name: id,
      role,
      type: 'BINARY',
      preferredDirection: 'INCREASE',
      mde: null,
      mdeScale: null,
      nim: null,
      nimScale: null,
      results,
      preExposureResults: [],
      externalResults: [],
      ...extra,
    });
    const metrics: AnalysisMetric[] = [
      metric(
        's1',
        'SUCCESS',
        arms.map((v, k) => binary(rand, v, n, 0.1 * (k === 1 ? 1 + lift : 1))),
        { mde: 0.05, mdeScale: 'RELATIVE' },
      ),
      metric(
        's2',
        'SUCCESS',
        arms.map((v) => binary(rand, v, n, 0.3)),
        { mde: 0.05, mdeScale: 'RELATIVE' },
      ),
      metric(
        'g1',
        'GUARDRAIL',
        arms.map((v) => binary(rand, v, n, 0.5)),
        { nim: 0.02, nimScale: 'RELATIVE' },
      ),
      metric(
        'g2',
        'GUARDRAIL',
        arms.map((v) => continuous(rand, v, n, 10, 4)),
        { type: 'CONTINUOUS', nim: 0.02, nimScale: 'RELATIVE' },
      ),
      metric(
        'd1',
        'DETERIORATION',
        arms.map((v) => continuous(rand, v, n, 200, 50)),
        { type: 'CONTINUOUS', preferredDirection: 'DECREASE' },
      ),
    ];
    const start = Date.UTC(2025, 0, 1) + (i % 600) * day;
    yield {
      kind: 'AB_TEST',
      status: 'CONCLUDED',
      countsTowardEwl: true,
      startedAt: new Date(start),
      endedAt: new Date(start + 14 * day),
      concludedAt: new Date(start + 16 * day),
      alpha: 0.05,
      power: 0.8,
      powerBudgetMode: 'SIMPLE',
      deteriorationAlphaMode: 'PER_TEST',
      analysisMode: 'FIXED_HORIZON',
      plannedSampleSize: null,
      variants: [
        { id: 'c', key: 'control', isControl: true, plannedWeight: 1, units: n, multiExposedUnits: 0 },
        {
          id: 't',
          key: 'treatment',
          isControl: false,
          plannedWeight: 1,
          units: Math.round(n * (rand() < 0.05 ? 1.05 : 1)),
          multiExposedUnits: 0,
        },
      ],
      metrics,
      reportedChecks: [],
    };
  }
}
