import {
  computeMinRuntimeCheck,
  computeMultipleExposureCheck,
  computeSrmCheck,
  computeValidityStatus,
} from '../../../src/domain/validity';
import type { AnalysisInput } from '../../../src/domain/analysis-types';
import { ASOF, binaryMetric, experiment, reported, variants, withPreExposure } from './fixtures/analysis-builders';

describe('computeSrmCheck', () => {
  // docs/ewl-rules.md §10 vectors (computed with SciPy), quoted to 3-4 significant digits: relative tolerance 1e-3.
  it.each([
    [[5000, 5200], [1, 1], 0.04767, 'PASS'],
    [[10000, 10500], [1, 1], 0.000479, 'FAIL'],
    [[8900, 1100], [0.9, 0.1], 0.000858, 'FAIL'],
    [[3300, 3350, 3550], [1, 1, 1], 0.00582, 'WARN'],
  ])('classifies counts %j with weights %j as p = %p (%s)', (units, weights, p, status) => {
    const check = computeSrmCheck({ variants: variants(units, weights) });
    expect(Math.abs(check.pValue! - p) / p).toBeLessThan(1e-3);
    expect(check.status).toBe(status);
    expect(check.severity).toBe('BLOCKING');
  });

  it('is NOT_ENOUGH_DATA when an arm has fewer than 8 units', () => {
    expect(computeSrmCheck({ variants: variants([7, 30]) }).status).toBe('NOT_ENOUGH_DATA');
  });

  it('is NOT_RUN when unit counts are missing', () => {
    expect(computeSrmCheck({ variants: variants([100, null]) }).status).toBe('NOT_RUN');
  });

  it('uses a what-if threshold', () => {
    expect(computeSrmCheck({ variants: variants([5000, 5200]) }, 0.05).status).toBe('FAIL');
  });
});

describe('computeMultipleExposureCheck', () => {
  it.each([
    [
      [
        { units: 1000, multi: 20 },
        { units: 1000, multi: 5 },
      ],
      'WARN',
    ],
    [
      [
        { units: 100, multi: 4 },
        { units: 100, multi: 5 },
      ],
      'PASS',
    ],
    [
      [
        { units: 10000, multi: 50 },
        { units: 10000, multi: 50 },
      ],
      'PASS',
    ],
  ])('warns above 1 %% once at least 10 units are multi-exposed: %j -> %s', (arms, status) => {
    const vs = variants(arms.map((a) => a.units)).map((v, i) => ({ ...v, multiExposedUnits: arms[i]!.multi }));
    expect(computeMultipleExposureCheck({ variants: vs }).status).toBe(status);
  });
});

describe('computeMinRuntimeCheck', () => {
  it('warns (never blocks) when traffic ran for less than 7 days', () => {
    const check = computeMinRuntimeCheck({ startedAt: new Date('2026-01-01'), endedAt: new Date('2026-01-04') }, ASOF);
    expect([check.status, check.severity, check.observed]).toEqual(['WARN', 'WARNING', 3]);
  });
});

describe('computeValidityStatus', () => {
  it('is VALID when every blocking check passes and lists all computed checks', () => {
    const result = computeValidityStatus(experiment(), { asOf: ASOF });
    expect(result.validity).toBe('VALID');
    expect(result.checks.map((c) => c.type)).toEqual([
      'SRM',
      'NO_TRAFFIC',
      'MULTIPLE_EXPOSURE',
      'PRE_EXPOSURE_BIAS',
      'MIN_RUNTIME',
    ]);
  });

  it('lists every failing blocking check as a reason', () => {
    const result = computeValidityStatus(
      experiment({ variants: variants([10000, 10500]), reportedChecks: [reported()] }),
      { asOf: ASOF },
    );
    expect(result.validity).toBe('INVALID');
    expect(result.reasons.map((r) => r.code)).toEqual(['SRM_FAILED', 'REPORTED_CHECK_FAILED']);
  });

  it('never lets a WARN change validity', () => {
    const result = computeValidityStatus(
      experiment({ variants: variants([3300, 3350, 3550]), reportedChecks: [reported({ status: 'WARN' })] }),
      { asOf: ASOF },
    );
    expect(result.validity).toBe('VALID');
  });
});

describe('computeValidityStatus rules (docs/ewl-rules.md §4, §3.9, §3.10)', () => {
  const flatPre = () =>
    withPreExposure(
      binaryMetric([
        [10000, 1000],
        [10000, 1000],
      ]),
      [
        [10000, 1000],
        [10000, 1000],
      ],
    );
  // Pre-period 10 % vs 12 % on 10,000 per arm: z ≈ 4.5, two-sided p ≈ 7e-6 < 0.001.
  const biasedPre = () =>
    withPreExposure(
      binaryMetric([
        [10000, 1000],
        [10000, 1000],
      ]),
      [
        [10000, 1000],
        [10000, 1200],
      ],
    );
  type Row = [string, Partial<AnalysisInput>, string, string[]];
  const rows: Row[] = [
    ['is VALID when every blocking check passes', {}, 'VALID', []],
    ['is INVALID when sample-ratio p < 0.001', { variants: variants([10000, 10500]) }, 'INVALID', ['SRM_FAILED']],
    [
      'is INVALID when sample-ratio p < 0.001 over 3 arms with unequal weights',
      { variants: variants([5000, 2500, 2800], [2, 1, 1]) },
      'INVALID',
      ['SRM_FAILED'],
    ],
    [
      'is VALID when sample-ratio p is in the WARN band [0.001, 0.01)',
      { variants: variants([3300, 3350, 3550]) },
      'VALID',
      [],
    ],
    ['is VALID when an arm has fewer than 8 units (SRM NOT_ENOUGH_DATA)', { variants: variants([7, 30]) }, 'VALID', []],
    [
      'is INVALID with NO_TRAFFIC when an arm has 0 units',
      { variants: variants([10000, 0]) },
      'INVALID',
      ['NO_TRAFFIC'],
    ],
    ['is INVALID with NO_TRAFFIC when no arm has units', { variants: variants([0, 0]) }, 'INVALID', ['NO_TRAFFIC']],
    [
      'is UNKNOWN with MISSING_HEALTH_DATA when unit counts are missing',
      { variants: variants([10000, null]) },
      'UNKNOWN',
      ['MISSING_HEALTH_DATA'],
    ],
    [
      'is UNKNOWN with MISSING_HEALTH_DATA when there is a single variant',
      { variants: variants([10000]) },
      'UNKNOWN',
      ['MISSING_HEALTH_DATA'],
    ],
    [
      'is INVALID when a reported BLOCKING check FAILs',
      { reportedChecks: [reported()] },
      'INVALID',
      ['REPORTED_CHECK_FAILED'],
    ],
    [
      'is VALID when a reported WARNING check FAILs',
      { reportedChecks: [reported({ severity: 'WARNING' })] },
      'VALID',
      [],
    ],
    [
      'is VALID when a reported BLOCKING check only WARNs',
      { reportedChecks: [reported({ status: 'WARN' })] },
      'VALID',
      [],
    ],
    [
      'is VALID when a reported BLOCKING check is NOT_RUN (only SRM decides UNKNOWN)',
      { reportedChecks: [reported({ status: 'NOT_RUN' })] },
      'VALID',
      [],
    ],
    [
      'is VALID when a reported BLOCKING check is NOT_ENOUGH_DATA',
      { reportedChecks: [reported({ status: 'NOT_ENOUGH_DATA' })] },
      'VALID',
      [],
    ],
    [
      'is VALID when a reported MIN_RUNTIME check FAILs as BLOCKING (min runtime never blocks)',
      { reportedChecks: [reported({ type: 'MIN_RUNTIME' })] },
      'VALID',
      [],
    ],
    [
      'is VALID when the computed MIN_RUNTIME check warns (3 days)',
      { endedAt: new Date('2026-01-04T00:00:00Z') },
      'VALID',
      [],
    ],
    [
      'is VALID when multiple exposure warns above 1 %',
      { variants: variants([1000, 1000]).map((v) => ({ ...v, multiExposedUnits: 20 })) },
      'VALID',
      [],
    ],
    ['is VALID when pre-exposure bias p < 0.001 (WARN only)', { metrics: [biasedPre()] }, 'VALID', []],
    [
      'is INVALID when a reported PRE_EXPOSURE_BIAS quality test FAILs as BLOCKING',
      { reportedChecks: [reported({ type: 'PRE_EXPOSURE_BIAS' })] },
      'INVALID',
      ['REPORTED_CHECK_FAILED'],
    ],
    [
      'is INVALID, not UNKNOWN, when units are missing and a reported blocking check fails',
      { variants: variants([null, null]), reportedChecks: [reported()] },
      'INVALID',
      ['REPORTED_CHECK_FAILED'],
    ],
    [
      'lists every failing blocking check (SRM and two reported)',
      {
        variants: variants([10000, 10500]),
        reportedChecks: [reported(), reported({ id: 'hc2', type: 'MULTIPLE_EXPOSURE' })],
      },
      'INVALID',
      ['SRM_FAILED', 'REPORTED_CHECK_FAILED', 'REPORTED_CHECK_FAILED'],
    ],
  ];
  it.each(rows)('%s', (_name, overrides, validity, reasons) => {
    const result = computeValidityStatus(experiment({ metrics: [flatPre()], ...overrides }), { asOf: ASOF });
    expect(result.validity).toBe(validity);
    expect(result.reasons.map((r) => r.code)).toEqual(reasons);
  });

  it.each([
    ['PASS', [flatPre()]],
    ['WARN', [biasedPre()]],
    [
      'NOT_RUN',
      [
        binaryMetric([
          [10000, 1000],
          [10000, 1000],
        ]),
      ],
    ],
  ])('reports PRE_EXPOSURE_BIAS as %s with severity WARNING', (status, metrics) => {
    const check = computeValidityStatus(experiment({ metrics }), { asOf: ASOF }).checks.find(
      (c) => c.type === 'PRE_EXPOSURE_BIAS',
    )!;
    expect([check.status, check.severity]).toEqual([status, 'WARNING']);
  });

  it('shows a reported MIN_RUNTIME check with severity WARNING whatever was recorded', () => {
    const result = computeValidityStatus(experiment({ reportedChecks: [reported({ type: 'MIN_RUNTIME' })] }), {
      asOf: ASOF,
    });
    expect(result.checks.find((c) => c.source === 'REPORTED')!.severity).toBe('WARNING');
  });

  it.each([
    [0.0005, 'WARN'],
    [0.001, 'FAIL'],
    [0.01, 'FAIL'],
  ])('applies a what-if SRM threshold %p to p = 0.000858 (status %s)', (srmThreshold, status) => {
    expect(computeSrmCheck({ variants: variants([8900, 1100], [0.9, 0.1]) }, srmThreshold).status).toBe(status);
  });

  it.each([
    ['RUNNING for 3 days so far', 'NOT_ENOUGH_DATA', { startedAt: new Date('2026-05-29T00:00:00Z'), endedAt: null }],
    [
      'ended after exactly 7 days',
      'PASS',
      { startedAt: new Date('2026-01-01T00:00:00Z'), endedAt: new Date('2026-01-08T00:00:00Z') },
    ],
    ['never started', 'NOT_RUN', { startedAt: null, endedAt: null }],
  ])('rates MIN_RUNTIME when %s as %s (never blocking)', (_name, status, dates) => {
    const check = computeMinRuntimeCheck(dates, ASOF);
    expect([check.status, check.severity]).toEqual([status, 'WARNING']);
  });
});
