import { DomainError } from '../../../../src/domain/errors';
import type {
  DecisionKind,
  ExperimentKind,
  HealthCheckSeverity,
  HealthCheckType,
} from '../../../../src/domain/experiment';
import {
  defaultCountsTowardEwl,
  defaultHealthCheckSeverity,
  resolveHealthCheckSeverity,
  validateAlpha,
  validateExternalReference,
  validatePositiveInteger,
  validatePower,
  validateShippedVariant,
} from '../../../../src/domain/rules/experiment-settings';
import { validateExternalResult } from '../../../../src/domain/rules/external-result';

describe('validateAlpha and validatePower', () => {
  it.each([0.001, 0.05, 0.49])('accepts alpha %p', (alpha) => expect(validateAlpha('input.alpha', alpha)).toBe(alpha));
  it.each([0, -0.1, 0.5, 1, Number.NaN])('refuses alpha %p', (alpha) =>
    expect(() => validateAlpha('input.alpha', alpha)).toThrow('0 < alpha < 0.5'),
  );
  it.each([0.01, 0.8, 0.99])('accepts power %p', (power) => expect(validatePower('input.power', power)).toBe(power));
  it.each([0, 1, 1.2, Number.NaN])('refuses power %p', (power) =>
    expect(() => validatePower('input.power', power)).toThrow('0 < power < 1'),
  );
});

describe('validatePositiveInteger', () => {
  it.each([
    [null, null],
    [undefined, null],
    [1, 1],
    [10_000, 10_000],
  ])('maps %p to %p', (value, expected) => {
    expect(validatePositiveInteger('input.plannedSampleSize', value)).toBe(expected);
  });
  it.each([0, -3, 2.5])('refuses %p', (value) =>
    expect(() => validatePositiveInteger('input.plannedSampleSize', value)).toThrow(DomainError),
  );
});

describe('defaultCountsTowardEwl', () => {
  it.each<[ExperimentKind, boolean]>([
    ['AB_TEST', true],
    ['ROLLOUT', false],
    ['AA_TEST', false],
    ['CAMPAIGN', false],
    ['OTHER', false],
  ])('%s -> %p', (kind, expected) => {
    expect(defaultCountsTowardEwl(kind)).toBe(expected);
  });
});

describe('validateExternalReference', () => {
  it.each([
    [null, null, { externalSource: null, externalId: null }],
    [' gb ', '42', { externalSource: 'gb', externalId: '42' }],
    ['', '', { externalSource: null, externalId: null }],
  ])('accepts source %p and id %p', (source, id, expected) => {
    expect(validateExternalReference('input', source, id)).toEqual(expected);
  });
  it.each([
    ['gb', null, 'input.externalId'],
    [null, '42', 'input.externalSource'],
  ])('refuses source %p with id %p', (source, id, field) => {
    expect(() => validateExternalReference('input', source, id)).toThrow(field);
  });
});

describe('resolveHealthCheckSeverity', () => {
  it.each<[HealthCheckType, HealthCheckSeverity]>([
    ['SRM', 'BLOCKING'],
    ['NO_TRAFFIC', 'BLOCKING'],
    ['MULTIPLE_EXPOSURE', 'WARNING'],
    ['CUSTOM', 'WARNING'],
  ])('defaults %s to %s', (type, severity) => {
    expect(defaultHealthCheckSeverity(type)).toBe(severity);
    expect(resolveHealthCheckSeverity('input.checks[0].severity', type, null)).toBe(severity);
  });
  it('lets a CUSTOM check be BLOCKING', () =>
    expect(resolveHealthCheckSeverity('f', 'CUSTOM', 'BLOCKING')).toBe('BLOCKING'));
  it.each<HealthCheckType>(['SRM', 'NO_TRAFFIC'])('refuses a WARNING %s check', (type) => {
    expect(() => resolveHealthCheckSeverity('input.checks[0].severity', type, 'WARNING')).toThrow('always blocking');
  });
});

describe('validateShippedVariant', () => {
  it.each<[DecisionKind, string | null]>([
    ['SHIP', 'treatment'],
    ['SHIP_INFRA', 'treatment'],
    ['ABORT', null],
    ['NONE', null],
  ])('accepts %s with %p', (kind, variant) => {
    expect(() => validateShippedVariant('input.shippedVariantKey', kind, variant)).not.toThrow();
  });
  it.each<DecisionKind>(['ABORT', 'ITERATE', 'ABANDON', 'RERUN', 'NONE'])('refuses a shipped variant on %s', (kind) => {
    expect(() => validateShippedVariant('input.shippedVariantKey', kind, 'treatment')).toThrow(
      'only SHIP and SHIP_INFRA',
    );
  });
});

describe('validateExternalResult', () => {
  it('fills omitted fields with null', () => {
    expect(validateExternalResult('input.externalResults[0]', 'x', { estimateAbs: 0.1 })).toEqual({
      controlMean: null,
      estimateAbs: 0.1,
      stdErr: null,
      superior: null,
      nonInferior: null,
      deteriorated: null,
    });
  });
  it.each([
    [{ estimateAbs: Number.NaN }, 'estimateAbs'],
    [{ estimateAbs: 1, controlMean: Number.POSITIVE_INFINITY }, 'controlMean'],
    [{ estimateAbs: 1, stdErr: 0 }, 'stdErr'],
    [{ estimateAbs: 1, stdErr: -1 }, 'stdErr'],
  ])('refuses %p', (draft, field) => {
    expect(() => validateExternalResult('input.externalResults[0]', 'x', draft)).toThrow(
      `input.externalResults[0].${field}`,
    );
  });
});
