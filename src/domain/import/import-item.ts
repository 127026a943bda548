import { badInput, type DomainError } from '../errors';
import { EXPERIMENT_STATUSES, type ExperimentStatus } from '../experiment';
import {
  ATTRIBUTE_VALUE_TYPES,
  checkAttributeChange,
  EXPERIMENT_ATTRIBUTES,
  type ExperimentAttribute,
  type ExperimentAttributes,
} from '../rules/experiment-plan';
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
  optionalArray,
  optionalBoolean,
  optionalEnum,
  optionalNumber,
  optionalString,
  requiredBoolean,
  requiredEnum,
  requiredNumber,
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
 * The attributes an import item does not carry: the analysis mode, the restarted run, and the
 * external reference, which is the item's identity (`source`, `externalId`). Every other attribute
 * is read from an item as the planner's tables type and check it (experiment-plan.ts).
 */
const NOT_IMPORTED = ['analysisMode', 'restartOfId', 'externalSource', 'externalId'] as const;
export type ImportedAttribute = Exclude<ExperimentAttribute, (typeof NOT_IMPORTED)[number]>;

/** Whether an import item carries the attribute (importExperiments' item input declares the same fields). */
export function isImportedAttribute(name: ExperimentAttribute): name is ImportedAttribute {
  return !(NOT_IMPORTED as readonly string[]).includes(name);
}

/** Attributes every item gives (the import's shape; a create needs them too). */
const REQUIRED = ['title'] as const;
type RequiredAttribute = (typeof REQUIRED)[number];

/** The imported attributes, in planning order. */
const IMPORTED_ATTRIBUTES = EXPERIMENT_ATTRIBUTES.filter(isImportedAttribute);

/**
 * An item's attributes, checked (checkAttributeChange): `undefined` means "not given" (the default
 * when the experiment is created, the stored value when it is updated); `null` clears a nullable one.
 */
type ImportedAttributeValues = {
  readonly [K in ImportedAttribute]: K extends RequiredAttribute
    ? ExperimentAttributes[K]
    : ExperimentAttributes[K] | undefined;
};

/** One experiment as an import describes it, shape-checked and normalised. */
export interface ImportItemDraft extends ImportedAttributeValues {
  /** Path prefix of the item's fields in error messages, e.g. `items[3]` ('' for a CLI line). */
  readonly base: string;
  readonly source: string;
  readonly externalId: string;
  readonly key: string | undefined;
  readonly ownerNodeKey: string | undefined;
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

/** The fields of an item, in the order they are read (the owner by key next to the owner by id). */
const ITEM_FIELDS: ReadonlySet<string> = new Set([
  'source',
  'externalId',
  'key',
  ...IMPORTED_ATTRIBUTES.flatMap((name) => (name === 'ownerNodeId' ? [name, 'ownerNodeKey'] : [name])),
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
/** At most this many entries of a list attribute (tags) before normalising. */
const MAX_RAW_LIST = 1000;

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
  // Each attribute's JSON type first (ATTRIBUTE_VALUE_TYPES), then its check (checkAttributeChange).
  const attributes: Partial<Record<ImportedAttribute, unknown>> = {};
  let ownerNodeKey: string | undefined;
  for (const name of IMPORTED_ATTRIBUTES) {
    const required = (REQUIRED as readonly string[]).includes(name);
    attributes[name] = read(() => checkAttributeChange(name, f(name), readAttribute(o, base, name, required)));
    if (name === 'ownerNodeId') ownerNodeKey = read(() => optionalString(o, base, 'ownerNodeKey'));
  }
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
  if (errors.length > 0 || source === null || externalId === null || attributes.title === undefined)
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
      ...(attributes as ImportedAttributeValues),
      ownerNodeKey,
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

/**
 * An attribute's value as the item gives it, checked against its JSON type (ATTRIBUTE_VALUE_TYPES):
 * undefined when absent, null as given (checkAttributeChange clears or drops it by the attribute's
 * rule); a required one must be given and not null.
 */
function readAttribute<K extends ImportedAttribute>(
  o: JsonObject,
  base: string,
  name: K,
  required: boolean,
): ExperimentAttributes[K] | null | undefined {
  // ATTRIBUTE_VALUE_TYPES[name] is typed after ExperimentAttributes[name], so the value read has that type.
  return readValue(o, base, name, ATTRIBUTE_VALUE_TYPES[name], required) as ExperimentAttributes[K] | null | undefined;
}

function readValue(
  o: JsonObject,
  base: string,
  name: string,
  type: readonly string[] | 'boolean' | 'number' | 'text' | 'texts',
  required: boolean,
): unknown {
  if (o[name] === null && !required) return null;
  switch (type) {
    case 'boolean':
      return required ? requiredBoolean(o, base, name) : optionalBoolean(o, base, name);
    case 'number':
      return required ? requiredNumber(o, base, name) : optionalNumber(o, base, name);
    case 'text':
      return required ? requiredString(o, base, name) : optionalString(o, base, name);
    case 'texts': {
      const texts = textsOf(o, base, name);
      if (required && texts === undefined) throw badInput(fieldPath(base, name), null, 'an array (required)');
      return texts;
    }
    default:
      return required ? requiredEnum(o, base, name, type) : optionalEnum(o, base, name, type);
  }
}

/** A list of strings as given, or undefined when absent. */
function textsOf(o: JsonObject, base: string, name: string): readonly string[] | undefined {
  const raw = optionalArray(o, base, name, MAX_RAW_LIST);
  if (raw === undefined) return undefined;
  raw.forEach((text, i) => {
    if (typeof text !== 'string') throw badInput(indexPath(fieldPath(base, name), i), text, 'a string');
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
