import { computeMinRuntimeCheck, computeMultipleExposureCheck, computeSrmCheck, computeValidityStatus } from '../../../src/domain/validity';
import { ASOF, experiment, reported, variants } from './fixtures/analysis-builders';

describe('computeSrmCheck', () => {
  // Spec §10 vectors (computed with SciPy), quoted to 3-4 significant digits: relative tolerance 1e-3.
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
    [[{ units: 1000, multi: 20 }, { units: 1000, multi: 5 }], 'WARN'],
    [[{ units: 100, multi: 4 }, { units: 100, multi: 5 }], 'PASS'],
    [[{ units: 10000, multi: 50 }, { units: 10000, multi: 50 }], 'PASS'],
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
    expect(result.checks.map((c) => c.type)).toEqual(['SRM', 'NO_TRAFFIC', 'MULTIPLE_EXPOSURE', 'PRE_EXPOSURE_BIAS', 'MIN_RUNTIME']);
  });

  it('lists every failing blocking check as a reason', () => {
    const result = computeValidityStatus(experiment({ variants: variants([10000, 10500]), reportedChecks: [reported()] }), { asOf: ASOF });
    expect(result.validity).toBe('INVALID');
    expect(result.reasons.map((r) => r.code)).toEqual(['SRM_FAILED', 'REPORTED_CHECK_FAILED']);
  });

  it('never lets a WARN change validity', () => {
    const result = computeValidityStatus(experiment({ variants: variants([3300, 3350, 3550]), reportedChecks: [reported({ status: 'WARN' })] }), { asOf: ASOF });
    expect(result.validity).toBe('VALID');
  });
});
