import { badInput, DomainError } from '../errors';
import { TEXT_LIMITS } from './field-limits';
import { validateKey } from './keys';
import { validateText } from './text-fields';

/** An experiment has at least this many arms (a control and one treatment). */
export const MIN_VARIANTS = 2;
/** And at most this many, far above any real multi-arm test. */
export const MAX_VARIANTS = 26;

export interface VariantDraft {
  readonly key: string;
  readonly name: string;
  readonly isControl: boolean;
  readonly plannedWeight: number;
  readonly units?: number | null;
  readonly multiExposedUnits?: number | null;
}

/**
 * Checks a count of randomisation units: null/undefined (unknown) or a non-negative safe integer.
 * @throws DomainError BAD_USER_INPUT naming `field`.
 */
export function validateCount(field: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isSafeInteger(value) || value < 0) throw badInput(field, value, 'an integer >= 0');
  return value;
}

/**
 * Checks an arm's unit counts: both non-negative integers and multiExposedUnits <= units.
 * @throws DomainError BAD_USER_INPUT naming the field.
 */
export function validateUnitCounts(
  field: string,
  units: number | null | undefined,
  multiExposedUnits: number | null | undefined,
) {
  const u = validateCount(`${field}.units`, units);
  const m = validateCount(`${field}.multiExposedUnits`, multiExposedUnits);
  if (u !== null && m !== null && m > u) throw badInput(`${field}.multiExposedUnits`, m, `at most units (${u})`);
  return { units: u, multiExposedUnits: m };
}

/**
 * The variant set of an experiment (docs/ewl-rules.md §2.4): 2-26 arms, keys in key format and unique,
 * exactly one control, planned weights finite and > 0, unit counts as in validateUnitCounts.
 * Names are trimmed.
 * @throws DomainError BAD_USER_INPUT with reason TWO_CONTROLS / NO_CONTROL / DUPLICATE_KEY or
 * INVALID_VALUE, naming e.g. `input.variants[1].plannedWeight`.
 */
export function validateVariantSet(field: string, variants: readonly VariantDraft[]): VariantDraft[] {
  if (variants.length < MIN_VARIANTS || variants.length > MAX_VARIANTS) {
    throw badInput(
      field,
      `${variants.length} variants`,
      `${MIN_VARIANTS} to ${MAX_VARIANTS} variants (a control and at least one treatment)`,
    );
  }
  const seen = new Map<string, number>();
  const result = variants.map((variant, index) => {
    const at = `${field}[${index}]`;
    const key = validateKey(`${at}.key`, variant.key);
    const first = seen.get(key);
    if (first !== undefined) {
      throw badInput(
        `${at}.key`,
        key,
        `a key unique within the experiment (also used by ${field}[${first}])`,
        'DUPLICATE_KEY',
      );
    }
    seen.set(key, index);
    if (!Number.isFinite(variant.plannedWeight) || variant.plannedWeight <= 0) {
      throw badInput(`${at}.plannedWeight`, variant.plannedWeight, 'a finite number > 0');
    }
    return {
      ...variant,
      key,
      name: validateText(`${at}.name`, variant.name, TEXT_LIMITS.variant.name),
      ...validateUnitCounts(at, variant.units, variant.multiExposedUnits),
    };
  });
  const controls = result.flatMap((v, i) => (v.isControl ? [i] : []));
  if (controls.length !== 1) {
    const reason = controls.length === 0 ? 'NO_CONTROL' : 'TWO_CONTROLS';
    const got =
      controls.length === 0 ? 'no control' : `controls at ${controls.map((i) => `${field}[${i}]`).join(', ')}`;
    throw new DomainError(
      'BAD_USER_INPUT',
      `Invalid ${field}: got ${got}, expected exactly one variant with isControl: true`,
      {
        reason,
        details: { field, value: got, allowed: 'exactly one variant with isControl: true' },
      },
    );
  }
  return result;
}
