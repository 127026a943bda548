import { badInput, type DomainError } from '../errors';
import {
  DETERIORATION_ALPHA_MODES,
  EXPERIMENT_KINDS,
  EXPERIMENT_STATUSES,
  POWER_BUDGET_MODES,
  type DeteriorationAlphaMode,
  type ExperimentKind,
  type ExperimentStatus,
  type PowerBudgetMode,
} from '../experiment';
import { checkAttributeChange, type ExperimentAttribute, type ExperimentAttributes } from '../rules/experiment-plan';
import { TEXT_LIMITS } from '../rules/field-limits';
import { validateText } from '../rules/text-fields';
import { type VariantDraft } from '../rules/variant-set';
import { assertNoNulText } from '../rules/nul-text';
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
  optionalBoolean,
  optionalEnum,
  optionalNumber,
  optionalString,
  requiredString,
} from './fields';
import { parseDecisions, parseHypothesis, parseMetrics, parseResults, parseVariants } from './import-item-parts';
import { type ImportDecisionDraft, type ImportMetricDraft, type ImportResultDraft } from './import-item-parts';

export type { ImportDecisionDraft, ImportMetricDraft, ImportResultDraft };

/** Items per importExperiments call (and per CLI batch). */
export const MAX_IMPORT_ITEMS = 1000;

/** What happened to one item: written new, changed, found identical, or refused. */
export const IMPORT_OUTCOMES = ['CREATED', 'UPDATED', 'UNCHANGED', 'FAILED'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/**
 * One experiment as an import describes it, shape-checked and normalised. `undefined` means "not
 * given": the default when the experiment is created, the stored value when it is updated. `null`
 * clears the nullable planning fields.
 */
export interface ImportItemDraft {
  /** Path prefix of the item's fields in error messages, e.g. `items[3]` ('' for a CLI line). */
  readonly base: string;
  readonly source: string;
  readonly externalId: string;
  readonly key: string | undefined;
  readonly title: string;
  readonly description: string | undefined;
  readonly ownerNodeId: string | undefined;
  readonly ownerNodeKey: string | undefined;
  readonly kind: ExperimentKind | undefined;
  readonly countsTowardEwl: boolean | undefined;
  readonly alpha: number | undefined;
  readonly power: number | undefined;
  readonly powerBudgetMode: PowerBudgetMode | undefined;
  readonly deteriorationAlphaMode: DeteriorationAlphaMode | undefined;
  readonly plannedSampleSize: number | null | undefined;
  readonly plannedRuntimeDays: number | null | undefined;
  readonly randomizationUnit: string | undefined;
  readonly tags: readonly string[] | undefined;
  /** Normalised (normaliseSurface); null clears it, undefined keeps the stored one. */
  readonly surface: string | null | undefined;
  readonly hypothesis: { readonly statement: string; readonly rationale: string } | undefined;
  readonly variants: readonly VariantDraft[] | undefined;
  readonly metrics: readonly ImportMetricDraft[] | undefined;
  readonly status: ExperimentStatus | undefined;
  readonly startedAt: Date | null | undefined;
  readonly endedAt: Date | null | undefined;
  readonly concludedAt: Date | null | undefined;
  readonly results: readonly ImportResultDraft[];
  readonly decisions: readonly ImportDecisionDraft[];
}

/** The parse of one item: its identity (as far as readable, for the per-item report) and the draft or the errors. */
export interface ParsedImportItem {
  readonly source: string | null;
  readonly externalId: string | null;
  readonly draft: ImportItemDraft | undefined;
  readonly errors: readonly DomainError[];
}

const ITEM_FIELDS: ReadonlySet<string> = new Set([
  'source',
  'externalId',
  'key',
  'title',
  'description',
  'ownerNodeId',
  'ownerNodeKey',
  'kind',
  'countsTowardEwl',
  'alpha',
  'power',
  'powerBudgetMode',
  'deteriorationAlphaMode',
  'plannedSampleSize',
  'plannedRuntimeDays',
  'randomizationUnit',
  'tags',
  'surface',
  'hypothesis',
  'variants',
  'metrics',
  'status',
  'startedAt',
  'endedAt',
  'concludedAt',
  'results',
  'decisions',
]);

/** At most this many results or decisions per item (a 26-arm test with 300 metrics fits, as in recordResults). */
const MAX_RESULTS = 10_000;
const MAX_DECISIONS = 1000;
const MAX_RAW_TAGS = 1000;

function identity(
  o: JsonObject,
  base: string,
  name: 'source' | 'externalId',
  fallback: string | null,
  errors: DomainError[],
): string | null {
  const value = attempt(errors, () => {
    const given = optionalString(o, base, name);
    return validateText(
      fieldPath(base, name),
      given ?? fallback ?? '',
      name === 'source' ? TEXT_LIMITS.experiment.externalSource : TEXT_LIMITS.experiment.externalId,
    );
  });
  return value ?? null;
}

/**
 * Checks one import item's shape and the rules that need no stored data (text lengths, tags,
 * alpha/power, the variant set, metric settings, decision fields), collecting every error rather
 * than stopping at the first. `source` defaults to `defaultSource` (the call's or the CLI's).
 * @param base path prefix for error fields, e.g. `items[3]`.
 */
export function parseImportItem(raw: unknown, base: string, defaultSource: string | null, now: Date): ParsedImportItem {
  const errors: DomainError[] = [];
  const o = attempt(errors, () => asObject(base, raw));
  if (o === undefined) return { source: defaultSource, externalId: null, draft: undefined, errors };
  attempt(errors, () => assertNoNulText(o, base));
  const source = identity(o, base, 'source', defaultSource, errors);
  const externalId = identity(o, base, 'externalId', null, errors);
  attempt(errors, () => assertKnownFields(o, base, ITEM_FIELDS));
  const f = (name: string) => fieldPath(base, name);
  const read = <T>(fn: () => T) => attempt(errors, fn);
  const key = read(() => optionalString(o, base, 'key'));
  // Each attribute's check is its planning rule's neighbour (experiment-plan.ts); here the JSON type comes first.
  const check = <K extends ExperimentAttribute>(name: K, value: ExperimentAttributes[K] | null | undefined) =>
    checkAttributeChange(name, f(name), value);
  const title = read(() => checkAttributeChange('title', f('title'), requiredString(o, base, 'title')));
  const description = read(() => check('description', optionalString(o, base, 'description')));
  const ownerNodeId = read(() => optionalString(o, base, 'ownerNodeId'));
  const ownerNodeKey = read(() => optionalString(o, base, 'ownerNodeKey'));
  const kind = read(() => optionalEnum(o, base, 'kind', EXPERIMENT_KINDS));
  const countsTowardEwl = read(() => optionalBoolean(o, base, 'countsTowardEwl'));
  const alpha = read(() => check('alpha', optionalNumber(o, base, 'alpha')));
  const power = read(() => check('power', optionalNumber(o, base, 'power')));
  const powerBudgetMode = read(() => optionalEnum(o, base, 'powerBudgetMode', POWER_BUDGET_MODES));
  const deteriorationAlphaMode = read(() => optionalEnum(o, base, 'deteriorationAlphaMode', DETERIORATION_ALPHA_MODES));
  const plannedSampleSize = read(() => check('plannedSampleSize', nullableNumber(o, base, 'plannedSampleSize')));
  const plannedRuntimeDays = read(() => check('plannedRuntimeDays', nullableNumber(o, base, 'plannedRuntimeDays')));
  const randomizationUnit = read(() => check('randomizationUnit', optionalString(o, base, 'randomizationUnit')));
  const tags = read(() => check('tags', tagsOf(o, base)));
  const surface = read(() => check('surface', o.surface === null ? null : optionalString(o, base, 'surface')));
  const hypothesis = read(() => parseHypothesis(o, base));
  const variants = read(() => parseVariants(o, base));
  const metrics = read(() => parseMetrics(o, base));
  const status = read(() => optionalEnum(o, base, 'status', EXPERIMENT_STATUSES));
  const startedAt = read(() => nullableDate(o, base, 'startedAt'));
  const endedAt = read(() => nullableDate(o, base, 'endedAt'));
  const concludedAt = read(() => nullableDate(o, base, 'concludedAt'));
  const results = parseResults(optionalArrayOrError(o, base, 'results', MAX_RESULTS, errors), f('results'), errors);
  const decisions = parseDecisions(
    optionalArrayOrError(o, base, 'decisions', MAX_DECISIONS, errors),
    f('decisions'),
    now,
    errors,
  );
  if (errors.length > 0 || source === null || externalId === null || title === undefined)
    return { source, externalId, draft: undefined, errors };
  return {
    source,
    externalId,
    errors,
    draft: {
      base,
      source,
      externalId,
      key,
      title,
      description,
      ownerNodeId,
      ownerNodeKey,
      kind,
      countsTowardEwl,
      alpha,
      power,
      powerBudgetMode,
      deteriorationAlphaMode,
      plannedSampleSize,
      plannedRuntimeDays,
      randomizationUnit,
      tags,
      surface,
      hypothesis,
      variants,
      metrics,
      status,
      startedAt,
      endedAt,
      concludedAt,
      results,
      decisions,
    },
  };
}

/** The tags as given (an array of strings), or undefined when absent or null. */
function tagsOf(o: JsonObject, base: string): readonly string[] | undefined {
  const raw = optionalArray(o, base, 'tags', MAX_RAW_TAGS);
  if (raw === undefined) return undefined;
  raw.forEach((tag, i) => {
    if (typeof tag !== 'string') throw badInput(indexPath(fieldPath(base, 'tags'), i), tag, 'a string');
  });
  return raw as readonly string[];
}

function optionalArrayOrError(
  o: JsonObject,
  base: string,
  name: string,
  max: number,
  errors: DomainError[],
): readonly unknown[] {
  return attempt(errors, () => optionalArray(o, base, name, max)) ?? [];
}
