import { DomainError } from '../../../../src/domain/errors';
import { validateUnitCounts, validateVariantSet, type VariantDraft } from '../../../../src/domain/rules/variant-set';

const v = (overrides: Partial<VariantDraft> = {}): VariantDraft => ({
  key: 'b',
  name: 'B',
  isControl: false,
  plannedWeight: 1,
  ...overrides,
});
const control = v({ key: 'a', name: 'A', isControl: true });

function reasonOf(fn: () => unknown): { reason: string | undefined; field: string | undefined } {
  try {
    fn();
  } catch (e) {
    return { reason: (e as DomainError).reason, field: (e as DomainError).details.field };
  }
  throw new Error('expected a DomainError');
}

describe('validateVariantSet', () => {
  it('accepts a control and a treatment, trimming names', () => {
    expect(
      validateVariantSet('input.variants', [control, v({ name: '  B  ', units: 10, multiExposedUnits: 1 })])[1],
    ).toMatchObject({ name: 'B', units: 10, multiExposedUnits: 1 });
  });

  it.each<[string, VariantDraft[], string, string]>([
    ['two controls', [control, v({ isControl: true })], 'TWO_CONTROLS', 'input.variants'],
    ['no control', [v({ key: 'a' }), v()], 'NO_CONTROL', 'input.variants'],
    ['a single variant', [control], 'INVALID_VALUE', 'input.variants'],
    [
      '27 variants',
      [control, ...Array.from({ length: 26 }, (_, i) => v({ key: `t${i}` }))],
      'INVALID_VALUE',
      'input.variants',
    ],
    ['duplicate keys', [control, v(), v()], 'DUPLICATE_KEY', 'input.variants[2].key'],
    ['a malformed key', [control, v({ key: 'has space' })], 'INVALID_VALUE', 'input.variants[1].key'],
    ['a zero weight', [control, v({ plannedWeight: 0 })], 'INVALID_VALUE', 'input.variants[1].plannedWeight'],
    ['a negative weight', [control, v({ plannedWeight: -2 })], 'INVALID_VALUE', 'input.variants[1].plannedWeight'],
    [
      'an infinite weight',
      [control, v({ plannedWeight: Number.POSITIVE_INFINITY })],
      'INVALID_VALUE',
      'input.variants[1].plannedWeight',
    ],
    ['a NaN weight', [control, v({ plannedWeight: Number.NaN })], 'INVALID_VALUE', 'input.variants[1].plannedWeight'],
    ['a blank name', [control, v({ name: ' ' })], 'INVALID_VALUE', 'input.variants[1].name'],
    ['negative units', [control, v({ units: -1 })], 'INVALID_VALUE', 'input.variants[1].units'],
  ])('refuses %s', (_label, variants, reason, field) => {
    expect(reasonOf(() => validateVariantSet('input.variants', variants))).toEqual({ reason, field });
  });
});

describe('validateUnitCounts', () => {
  it.each([
    [10, 2, { units: 10, multiExposedUnits: 2 }],
    [null, 2, { units: null, multiExposedUnits: 2 }],
    [undefined, undefined, { units: null, multiExposedUnits: null }],
  ])('accepts units %p with multiExposedUnits %p', (units, multi, expected) => {
    expect(validateUnitCounts('input.units[0]', units, multi)).toEqual(expected);
  });

  it.each([
    [-1, null, 'input.units[0].units'],
    [1.5, null, 'input.units[0].units'],
    [5, 6, 'input.units[0].multiExposedUnits'],
    [5, -1, 'input.units[0].multiExposedUnits'],
  ])('refuses units %p with multiExposedUnits %p', (units, multi, field) => {
    expect(reasonOf(() => validateUnitCounts('input.units[0]', units, multi)).field).toBe(field);
  });
});
