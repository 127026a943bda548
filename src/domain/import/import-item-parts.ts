import { badInput, type DomainError } from '../errors';
import {
  DECISION_KINDS,
  METRIC_ROLES,
  EFFECT_SCALES,
  RESULT_PERIODS,
  type DecisionKind,
  type ResultPeriod,
} from '../experiment';
import { validateShippedVariant } from '../rules/experiment-settings';
import { pickReference } from '../rules/keys';
import { validateMetricSettings, type MetricSettings } from '../rules/metric-settings';
import { validateEventDate } from '../rules/lifecycle-plan';
import { type SufficientStatisticsDraft } from '../rules/sufficient-statistics';
import { TEXT_LIMITS } from '../rules/field-limits';
import { validateText } from '../rules/text-fields';
import { type VariantDraft } from '../rules/variant-set';
import {
  asObject,
  assertKnownFields,
  attempt,
  fieldPath,
  indexPath,
  type JsonObject,
  nullableDate,
  nullableNumber,
  optionalArray,
  optionalEnum,
  optionalString,
  requiredBoolean,
  requiredEnum,
  requiredNumber,
  requiredString,
} from './fields';

// The list-valued parts of an import item. Variants are only shape-checked here: the set rules
// (validateVariantSet) run after omitted unit counts are merged with the stored ones.

/** A catalogue reference by id or by key. */
export type Reference = { readonly id: string } | { readonly key: string };

export interface ImportMetricDraft extends MetricSettings {
  readonly field: string;
  readonly metric: Reference;
}

export interface ImportResultDraft extends SufficientStatisticsDraft {
  readonly field: string;
  readonly metric: Reference;
  readonly variant: Reference;
  readonly period: ResultPeriod;
}

export interface ImportDecisionDraft {
  readonly field: string;
  readonly kind: DecisionKind;
  readonly shippedVariantKey: string | null;
  readonly rationale: string;
  readonly decidedBy: string;
  readonly decidedAt: Date;
}

const VARIANT_FIELDS: ReadonlySet<string> = new Set([
  'key',
  'name',
  'isControl',
  'plannedWeight',
  'units',
  'multiExposedUnits',
]);
const METRIC_FIELDS: ReadonlySet<string> = new Set([
  'metricId',
  'metricKey',
  'role',
  'mde',
  'mdeScale',
  'nim',
  'nimScale',
]);
const RESULT_FIELDS: ReadonlySet<string> = new Set([
  'metricId',
  'metricKey',
  'variantId',
  'variantKey',
  'period',
  'n',
  'sum',
  'sumSq',
  'sumX',
  'sumXSq',
  'sumXY',
]);
const DECISION_FIELDS: ReadonlySet<string> = new Set([
  'kind',
  'shippedVariantKey',
  'rationale',
  'decidedBy',
  'decidedAt',
]);
const HYPOTHESIS_FIELDS: ReadonlySet<string> = new Set(['statement', 'rationale']);

/** Reads an entry of a list as an object with known fields only. */
function entry(value: unknown, field: string, known: ReadonlySet<string>): JsonObject {
  const o = asObject(field, value);
  assertKnownFields(o, field, known);
  return o;
}

export function parseHypothesis(o: JsonObject, base: string): { statement: string; rationale: string } | undefined {
  const raw = o.hypothesis;
  if (raw === undefined || raw === null) return undefined;
  const field = fieldPath(base, 'hypothesis');
  const h = entry(raw, field, HYPOTHESIS_FIELDS);
  return {
    statement: validateText(
      fieldPath(field, 'statement'),
      requiredString(h, field, 'statement'),
      TEXT_LIMITS.hypothesis.statement,
    ),
    rationale: validateText(
      fieldPath(field, 'rationale'),
      optionalString(h, field, 'rationale') ?? '',
      TEXT_LIMITS.hypothesis.rationale,
    ),
  };
}

/** Variants as given; `units` and `multiExposedUnits` stay undefined when omitted (kept on update). */
export function parseVariants(o: JsonObject, base: string): VariantDraft[] | undefined {
  const raw = optionalArray(o, base, 'variants', 1000);
  if (raw === undefined) return undefined;
  const field = fieldPath(base, 'variants');
  return raw.map((value, i) => {
    const at = indexPath(field, i);
    const v = entry(value, at, VARIANT_FIELDS);
    return {
      key: requiredString(v, at, 'key'),
      name: requiredString(v, at, 'name'),
      isControl: requiredBoolean(v, at, 'isControl'),
      plannedWeight: requiredNumber(v, at, 'plannedWeight'),
      units: nullableNumber(v, at, 'units'),
      multiExposedUnits: nullableNumber(v, at, 'multiExposedUnits'),
    };
  });
}

/** Metrics with their settings checked (validateMetricSettings) and their catalogue reference picked. */
export function parseMetrics(o: JsonObject, base: string): ImportMetricDraft[] | undefined {
  const raw = optionalArray(o, base, 'metrics', 1000);
  if (raw === undefined) return undefined;
  const field = fieldPath(base, 'metrics');
  return raw.map((value, i) => {
    const at = indexPath(field, i);
    const m = entry(value, at, METRIC_FIELDS);
    const metric = pickReference(
      { id: fieldPath(at, 'metricId'), key: fieldPath(at, 'metricKey') },
      { id: optionalString(m, at, 'metricId'), key: optionalString(m, at, 'metricKey') },
      true,
    )!;
    const settings = validateMetricSettings(at, {
      role: requiredEnum(m, at, 'role', METRIC_ROLES),
      mde: nullableNumber(m, at, 'mde'),
      mdeScale: optionalEnum(m, at, 'mdeScale', EFFECT_SCALES),
      nim: nullableNumber(m, at, 'nim'),
      nimScale: optionalEnum(m, at, 'nimScale', EFFECT_SCALES),
    });
    return {
      field: at,
      metric,
      role: settings.role,
      mde: settings.mde,
      mdeScale: settings.mdeScale,
      nim: settings.nim,
      nimScale: settings.nimScale,
    };
  });
}

/**
 * Results with their references picked and their sums typed; the statistics rules need the metric
 * type and run when the item is planned. A bad entry is recorded in `errors` and left out.
 */
export function parseResults(raw: readonly unknown[], field: string, errors: DomainError[]): ImportResultDraft[] {
  const out: ImportResultDraft[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    const at = indexPath(field, i);
    const parsed = attempt(errors, () => {
      const r = entry(raw[i], at, RESULT_FIELDS);
      return {
        field: at,
        metric: pickReference(
          { id: fieldPath(at, 'metricId'), key: fieldPath(at, 'metricKey') },
          { id: optionalString(r, at, 'metricId'), key: optionalString(r, at, 'metricKey') },
          true,
        )!,
        variant: pickReference(
          { id: fieldPath(at, 'variantId'), key: fieldPath(at, 'variantKey') },
          { id: optionalString(r, at, 'variantId'), key: optionalString(r, at, 'variantKey') },
          true,
        )!,
        period: optionalEnum(r, at, 'period', RESULT_PERIODS) ?? 'EXPOSURE',
        n: requiredNumber(r, at, 'n'),
        sum: requiredNumber(r, at, 'sum'),
        sumSq: nullableNumber(r, at, 'sumSq') ?? null,
        sumX: nullableNumber(r, at, 'sumX') ?? null,
        sumXSq: nullableNumber(r, at, 'sumXSq') ?? null,
        sumXY: nullableNumber(r, at, 'sumXY') ?? null,
      };
    });
    if (parsed !== undefined) out.push(parsed);
  }
  return out;
}

/**
 * Decisions with every field checked as recordDecision does, except that `decidedAt` is required:
 * it identifies the decision on a re-import (with kind and decidedBy), so it cannot default to now.
 */
export function parseDecisions(
  raw: readonly unknown[],
  field: string,
  now: Date,
  errors: DomainError[],
): ImportDecisionDraft[] {
  const out: ImportDecisionDraft[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    const at = indexPath(field, i);
    const parsed = attempt(errors, () => {
      const d = entry(raw[i], at, DECISION_FIELDS);
      const kind = requiredEnum(d, at, 'kind', DECISION_KINDS);
      const shippedVariantKey = optionalString(d, at, 'shippedVariantKey') ?? null;
      validateShippedVariant(fieldPath(at, 'shippedVariantKey'), kind, shippedVariantKey);
      const decidedAt = nullableDate(d, at, 'decidedAt');
      if (decidedAt == null)
        throw badInput(
          fieldPath(at, 'decidedAt'),
          null,
          'a date-time (required: with kind and decidedBy it identifies the decision on a re-import)',
        );
      return {
        field: at,
        kind,
        shippedVariantKey,
        rationale: validateText(
          fieldPath(at, 'rationale'),
          optionalString(d, at, 'rationale') ?? '',
          TEXT_LIMITS.decision.rationale,
        ),
        decidedBy: validateText(
          fieldPath(at, 'decidedBy'),
          requiredString(d, at, 'decidedBy'),
          TEXT_LIMITS.decision.decidedBy,
        ),
        decidedAt: validateEventDate(fieldPath(at, 'decidedAt'), decidedAt, now),
      };
    });
    if (parsed !== undefined) out.push(parsed);
  }
  return out;
}
