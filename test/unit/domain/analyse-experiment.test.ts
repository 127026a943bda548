import { analyseExperiment } from '../../../src/domain/analyse-experiment';
import { benchInputs } from '../../../bench/classify-inputs';
import { ASOF, binaryMetric, continuousMetric, experiment, reported, variants } from './fixtures/analysis-builders';

// Large samples: a 10 % relative lift on a 10 % base with 200k per arm is significant; a 2 % NIM
// guardrail with no true change clears at that size.
const BIG = 200_000;
const win = () =>
  binaryMetric([
    [BIG, 20_000],
    [BIG, 22_000],
  ]);
const flat = () =>
  binaryMetric([
    [BIG, 20_000],
    [BIG, 20_000],
  ]);
const flatGuardrail = () =>
  binaryMetric(
    [
      [BIG, 60_000],
      [BIG, 60_000],
    ],
    { role: 'GUARDRAIL', nim: 0.02 },
  );
const harmedGuardrail = () =>
  binaryMetric(
    [
      [BIG, 60_000],
      [BIG, 57_000],
    ],
    { role: 'GUARDRAIL', nim: 0.02 },
  );
const small = (m: [number, number][]) => binaryMetric(m);

describe('analyseExperiment', () => {
  it('reproduces the docs/ewl-rules.md §10 binary vector: superior at α_S = 0.05 with a 90 % interval', () => {
    const result = analyseExperiment(
      experiment({
        metrics: [
          binaryMetric([
            [10000, 1000],
            [10000, 1100],
          ]),
        ],
      }),
      { asOf: ASOF },
    );
    const m = result.arms[0]!.metrics[0]!;
    expect(m.diffAbs).toBeCloseTo(0.01, 12);
    expect(m.stdErr).toBeCloseTo(0.0043347, 7);
    expect(m.pValueSuperiority).toBeCloseTo(0.01053, 5);
    expect(m.ciLevel).toBeCloseTo(0.9, 12);
    expect(m.ciAbs!.lower).toBeCloseTo(0.00287, 5);
    expect(m.ciAbs!.upper).toBeCloseTo(0.01713, 5);
    expect(m.superior).toBe(true);
    expect(m.diffRel).toBeCloseTo(0.1, 12);
    expect(m.stdErrRel).toBeCloseTo(0.045475, 6);
    expect(result.category).toBe('WIN');
    expect(result.isWin).toBe(true);
    expect(result.isLearning).toBe(true);
    expect(result.recommendation).toBe('SHIP');
  });

  it('reproduces the docs/ewl-rules.md §10 guardrail vector: not cleared with lower bound −0.01053 < −0.006', () => {
    const g = binaryMetric(
      [
        [20000, 6000],
        [20000, 5940],
      ],
      { role: 'GUARDRAIL', nim: 0.02 },
    );
    const m = analyseExperiment(experiment({ metrics: [g] }), { asOf: ASOF }).arms[0]!.metrics[0]!;
    expect(m.nimAbs).toBeCloseTo(0.006, 12);
    expect(m.stdErr).toBeCloseTo(0.004576, 6);
    expect(m.pValueNonInferiority).toBeCloseTo(0.256, 3);
    expect(m.ciAbs!.lower).toBeCloseTo(-0.01053, 5);
    expect(m.nonInferior).toBe(false);
  });

  it('reproduces the docs/ewl-rules.md §10 power vector: 10,000 per arm at a 5 % MDE is underpowered (power 0.316)', () => {
    const result = analyseExperiment(
      experiment({
        metrics: [
          binaryMetric([
            [10000, 1000],
            [10000, 1000],
          ]),
        ],
      }),
      { asOf: ASOF },
    );
    const m = result.arms[0]!.metrics[0]!;
    expect(m.achievedPower).toBeCloseTo(0.316, 3);
    expect(m.isPowered).toBe(false);
    expect(m.requiredSampleSize).toEqual({ control: 45498, treatment: 45498, total: 90996 });
    expect(result.category).toBe('UNDERPOWERED');
    expect(result.subReason).toBe('BELOW_REQUIRED_SAMPLE');
  });

  it('uses β* = β/(G+1) for success sample sizes when guardrails exist (docs/ewl-rules.md §10: 72,832 per arm with G = 2)', () => {
    const metrics = [
      binaryMetric([
        [10000, 1000],
        [10000, 1000],
      ]),
      flatGuardrail(),
      flatGuardrail(),
    ];
    const arm = analyseExperiment(experiment({ metrics }), { asOf: ASOF }).arms[0]!;
    expect(arm.betaPerTest).toBeCloseTo(0.2 / 3, 12);
    expect(arm.metrics[0]!.requiredSampleSize!.treatment).toBe(72832);
  });

  it.each([
    [
      'WIN when a success metric is superior and guardrails clear',
      [win(), flatGuardrail()],
      'WIN',
      'SUCCESS_METRIC_IMPROVED',
      'SHIP',
    ],
    [
      'REGRESSION when any metric deteriorates, even with a win elsewhere',
      [win(), harmedGuardrail()],
      'REGRESSION',
      'METRIC_DETERIORATED',
      'ABORT',
    ],
    [
      'POWERED_NEUTRAL / NO_EFFECT when powered and nothing moves',
      [flat(), flatGuardrail()],
      'POWERED_NEUTRAL',
      'NO_EFFECT',
      'END',
    ],
    [
      'UNDERPOWERED / BELOW_REQUIRED_SAMPLE when small and flat',
      [
        small([
          [2000, 200],
          [2000, 200],
        ]),
      ],
      'UNDERPOWERED',
      'BELOW_REQUIRED_SAMPLE',
      'CONTINUE',
    ],
    [
      'UNDERPOWERED / MISSING_MDE when a success metric has no MDE',
      [
        binaryMetric(
          [
            [BIG, 20000],
            [BIG, 20000],
          ],
          { mde: null },
        ),
      ],
      'UNDERPOWERED',
      'MISSING_MDE',
      'CONTINUE',
    ],
    [
      'UNDERPOWERED / NO_DECISION_METRICS with only deterioration metrics',
      [
        binaryMetric(
          [
            [BIG, 20000],
            [BIG, 20000],
          ],
          { role: 'DETERIORATION' },
        ),
      ],
      'UNDERPOWERED',
      'NO_DECISION_METRICS',
      'CONTINUE',
    ],
    [
      'POWERED_NEUTRAL / INFRA_SAFE with no success metric and cleared guardrails',
      [flatGuardrail()],
      'POWERED_NEUTRAL',
      'INFRA_SAFE',
      'SHIP',
    ],
    [
      'UNDERPOWERED / NO_DATA when the treatment has no data',
      [
        binaryMetric([
          [BIG, 20000],
          [0, 0],
        ]),
      ],
      'UNDERPOWERED',
      'NO_DATA',
      'CONTINUE',
    ],
  ])('is %s', (_name, metrics, category, subReason, recommendation) => {
    const result = analyseExperiment(experiment({ metrics }), { asOf: ASOF });
    expect([result.category, result.subReason, result.recommendation]).toEqual([category, subReason, recommendation]);
  });

  it('is POWERED_NEUTRAL / GUARDRAIL_NOT_CLEARED when a success wins but a powered guardrail does not clear (A5)', () => {
    // The guardrail moves down by half its margin (δ_N = 3·SE): z = −1.5 is not a significant
    // deterioration, (s + δ_N)/SE = 1.5 does not clear non-inferiority, and power at δ_N is 0.91.
    const g = binaryMetric(
      [
        [BIG, 60_000],
        [BIG, 59_565],
      ],
      { role: 'GUARDRAIL', nim: 0.0145 },
    );
    const result = analyseExperiment(experiment({ metrics: [win(), g] }), { asOf: ASOF });
    const m = result.arms[0]!.metrics[1]!;
    expect(m.deteriorated).toBe(false);
    expect(m.nonInferior).toBe(false);
    expect(m.isPowered).toBe(true);
    expect([result.category, result.subReason]).toEqual(['POWERED_NEUTRAL', 'GUARDRAIL_NOT_CLEARED']);
  });

  it('uses a DECREASE direction: a drop in a decrease-preferred success metric is a win', () => {
    const m = binaryMetric(
      [
        [BIG, 22_000],
        [BIG, 20_000],
      ],
      { direction: 'DECREASE' },
    );
    const result = analyseExperiment(experiment({ metrics: [m] }), { asOf: ASOF });
    expect(result.arms[0]!.metrics[0]!.superior).toBe(true);
    expect(result.category).toBe('WIN');
  });

  describe('validity precedence', () => {
    it('is INVALID with SRM_FAILED when the split is broken, whatever the metrics say', () => {
      const result = analyseExperiment(experiment({ variants: variants([10000, 10500]), metrics: [win()] }), {
        asOf: ASOF,
      });
      expect(result.validity).toBe('INVALID');
      expect([result.category, result.subReason, result.recommendation]).toEqual([
        'INVALID',
        'SRM_FAILED',
        'INVESTIGATE',
      ]);
      expect(result.arms[0]!.recommendation).toBe('INVESTIGATE');
    });

    it('is INVALID with MISSING_HEALTH_DATA when unit counts are missing (validity UNKNOWN)', () => {
      const result = analyseExperiment(experiment({ variants: variants([null, null]), metrics: [win()] }), {
        asOf: ASOF,
      });
      expect(result.validity).toBe('UNKNOWN');
      expect([result.category, result.subReason]).toEqual(['INVALID', 'MISSING_HEALTH_DATA']);
    });

    it('is INVALID when a reported BLOCKING check fails, and VALID when it only warns', () => {
      const fail = analyseExperiment(experiment({ metrics: [win()], reportedChecks: [reported()] }), { asOf: ASOF });
      expect([fail.category, fail.subReason]).toEqual(['INVALID', 'REPORTED_CHECK_FAILED']);
      const warn = analyseExperiment(
        experiment({ metrics: [win()], reportedChecks: [reported({ severity: 'WARNING' })] }),
        { asOf: ASOF },
      );
      expect(warn.category).toBe('WIN');
    });

    it('is INVALID with NO_TRAFFIC when an arm has no units', () => {
      const result = analyseExperiment(experiment({ variants: variants([10000, 0]), metrics: [win()] }), {
        asOf: ASOF,
      });
      expect(result.validityReasons.map((r) => r.code)).toContain('NO_TRAFFIC');
      expect(result.category).toBe('INVALID');
    });
  });

  describe('scope and lifecycle', () => {
    it.each([
      [
        'EXCLUDED when it does not count toward EwL (its conclusion date is kept)',
        { countsTowardEwl: false },
        'EXCLUDED',
        '2026-02-01T00:00:00.000Z',
      ],
      [
        'PENDING while RUNNING, with the provisional category kept',
        { status: 'RUNNING' as const, endedAt: null, concludedAt: null },
        'PENDING',
        null,
      ],
      [
        'PENDING while STOPPED for at most 30 days',
        { status: 'STOPPED' as const, endedAt: new Date('2026-05-10T00:00:00Z'), concludedAt: null },
        'PENDING',
        null,
      ],
      [
        'concluded at endedAt when STOPPED for more than 30 days',
        { status: 'STOPPED' as const, endedAt: new Date('2026-04-01T00:00:00Z'), concludedAt: null },
        'WIN',
        '2026-04-01T00:00:00.000Z',
      ],
      ['concluded at concludedAt when CONCLUDED', {}, 'WIN', '2026-02-01T00:00:00.000Z'],
    ])('is %s', (_name, overrides, category, conclusion) => {
      const result = analyseExperiment(experiment({ metrics: [win()], ...overrides }), { asOf: ASOF });
      expect(result.category).toBe(category);
      expect(result.provisionalCategory).toBe('WIN');
      expect(result.conclusionDate?.toISOString() ?? null).toBe(conclusion);
      if (category === 'PENDING' || category === 'EXCLUDED')
        expect([result.isLearning, result.isWin]).toEqual([null, null]);
    });
  });

  describe('multi-arm', () => {
    it('divides α_S and α_D by k − 1 and takes the best arm', () => {
      const m = binaryMetric([
        [BIG, 20_000],
        [BIG, 20_000],
        [BIG, 22_000],
      ]);
      const result = analyseExperiment(experiment({ variants: variants([BIG, BIG, BIG]), metrics: [m] }), {
        asOf: ASOF,
      });
      expect(result.arms.map((a) => a.alphaSuccess)).toEqual([0.025, 0.025]);
      expect(result.arms.map((a) => a.category)).toEqual(['POWERED_NEUTRAL', 'WIN']);
      expect(result.category).toBe('WIN');
    });
  });

  describe('what-if settings', () => {
    it('changes alpha for the analysis only', () => {
      const input = experiment({
        metrics: [
          binaryMetric([
            [10000, 1000],
            [10000, 1100],
          ]),
        ],
      });
      const strict = analyseExperiment(input, { asOf: ASOF, settings: { alpha: 0.001 } });
      expect(strict.arms[0]!.metrics[0]!.superior).toBe(false);
      expect(analyseExperiment(input, { asOf: ASOF }).arms[0]!.metrics[0]!.superior).toBe(true);
    });

    it('rejects a STRICT budget that leaves no power for the powered tests', () => {
      const metrics = Array.from({ length: 6 }, () =>
        binaryMetric(
          [
            [BIG, 20000],
            [BIG, 20000],
          ],
          { role: 'DETERIORATION' },
        ),
      );
      expect(() =>
        analyseExperiment(experiment({ metrics: [flat(), ...metrics], power: 0.7 }), {
          asOf: ASOF,
          settings: { powerBudgetMode: 'STRICT', power: 0.95 },
        }),
      ).toThrow(/STRICT power budget is exhausted/);
    });
  });

  describe('degenerate data', () => {
    it('never returns NaN or Infinity', () => {
      const metrics = [
        binaryMetric([
          [100, 0],
          [100, 0],
        ]),
        continuousMetric([
          [1, 5, 0],
          [1, 5, 0],
        ]),
        binaryMetric(
          [
            [100, 0],
            [100, 3],
          ],
          { mdeScale: 'RELATIVE' },
        ),
      ];
      const result = analyseExperiment(experiment({ variants: variants([100, 100]), metrics }), { asOf: ASOF });
      const json = JSON.stringify(result, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? `BAD:${v}` : v));
      expect(json).not.toMatch(/BAD:|NaN/);
      expect(result.arms[0]!.metrics.map((m) => m.dataStatusReason ?? 'OK')).toEqual([
        'ZERO_VARIANCE',
        'INSUFFICIENT_SAMPLE',
        'OK',
      ]);
      expect(result.arms[0]!.metrics[2]!.diffRel).toBeNull();
    });
  });
});

describe('analyseExperiment with detail: false', () => {
  it('gives the same validity, categories, recommendations and relative effects as the full analysis (3,000 generated experiments)', () => {
    const asOf = new Date('2026-11-01T00:00:00Z');
    const decisionFields = (a: ReturnType<typeof analyseExperiment>) => ({
      validity: a.validity,
      category: a.category,
      provisional: a.provisionalCategory,
      sub: a.provisionalSubReason,
      recommendation: a.recommendation,
      arms: a.arms.map((arm) => [
        arm.category,
        arm.subReason,
        arm.recommendation,
        arm.powered,
        arm.metrics.map((m) => [m.superior, m.nonInferior, m.deteriorated, m.isPowered, m.diffRel, m.stdErrRel]),
      ]),
    });
    const seen = new Set<string>();
    for (const input of benchInputs(3000, 7)) {
      const full = analyseExperiment(input, { asOf });
      expect(decisionFields(analyseExperiment(input, { asOf, detail: false }))).toEqual(decisionFields(full));
      seen.add(full.category);
    }
    expect([...seen].sort()).toEqual(['INVALID', 'POWERED_NEUTRAL', 'REGRESSION', 'UNDERPOWERED', 'WIN']);
  });
});
