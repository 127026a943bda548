import {
  ANALYSIS_MODES,
  DETERIORATION_ALPHA_MODES,
  EXPERIMENT_KINDS,
  type Experiment,
  POWER_BUDGET_MODES,
} from '../experiment';
import { type DesignChange, findSettingsChange } from './design-lock';
import {
  defaultCountsTowardEwl,
  EXPERIMENT_DEFAULTS,
  type ExperimentDefaults,
  validateAlpha,
  validatePlannedRuntimeDays,
  validatePositiveInteger,
  validatePower,
} from './experiment-settings';
import { TEXT_LIMITS } from './field-limits';
import { normaliseSurface, normaliseTags, validateText } from './text-fields';

/**
 * The one planner of an experiment's attributes: createExperiment, updateExperiment and
 * importExperiments build the record they write through `planExperimentAttributes`, so the
 * defaults (EXPERIMENT_DEFAULTS), the countsTowardEwl rule and what "keep" and "clear" mean are
 * written once. Each entry point validates its own input first (see below) and hands over the
 * validated changes; the planner decides the next attributes and which of them change, including
 * the pre-registered settings (design-lock.ts) that change.
 *
 * It is the attribute part of planExperimentWrite (experiment-write-plan.ts), the planner of a
 * write as a whole that every entry point goes through, transitionExperiment included (with no
 * attribute changes): that module puts the attributes next to the lifecycle (status and dates,
 * lifecycle-plan.ts: one step for a transition, a report of several steps for the import) and
 * applies the status gates (an ARCHIVED experiment is read-only; a started one's design is locked).
 *
 * The field-level check of each attribute (limits and normalisation: validateText, normaliseTags,
 * normaliseSurface, validateAlpha, ...) is named here too, in ATTRIBUTE_CHECKS, but each entry
 * point applies it (checkAttributeChange) while it reads its input, in its own order: the
 * mutations throw at the first error with `input.*` paths, between database look-ups (the owner,
 * `restartOfId`, the external reference) that keep their place in that order; the import first
 * checks the JSON type of each field of an NDJSON line and collects every error of an item under
 * `items[3].*`. Checking inside planExperimentAttributes would change which error a request with
 * several comes back with.
 */

/** What create, update and import write of an experiment: everything but its identity, lifecycle and bookkeeping. */
export type ExperimentAttributes = Omit<
  Experiment,
  'id' | 'key' | 'status' | 'startedAt' | 'endedAt' | 'concludedAt' | 'createdAt' | 'updatedAt' | 'version'
>;

export type ExperimentAttribute = keyof ExperimentAttributes;

/**
 * Validated changes of a write. `undefined` keeps the stored value (on create: the default);
 * `null` clears a nullable attribute and keeps (on create: defaults) a required one. Only the
 * attributes' names are read, so an entry point's record of its input that names its fields
 * like the attributes (an import item's draft) can be passed as it is.
 */
export type ExperimentChanges = { readonly [K in ExperimentAttribute]?: ExperimentAttributes[K] | null };

/** The planned attributes and what changes from the stored experiment. */
export interface ExperimentAttributesPlan {
  readonly attributes: ExperimentAttributes;
  /** Attributes whose value differs from the stored one (every attribute on create). */
  readonly changed: readonly ExperimentAttribute[];
  /** The first pre-registered setting that changes (design-lock.ts), which planExperimentWrite refuses once started; null on create. */
  readonly designChange: DesignChange | null;
}

/** Attributes with a default (EXPERIMENT_DEFAULTS). */
type DefaultedAttribute = keyof ExperimentDefaults;

/**
 * How the planner fills an attribute, read off its type:
 * - FOLLOWS_KIND (countsTowardEwl): given, else the stored value while the kind stays, else the kind's default;
 * - DEFAULT (it has one in EXPERIMENT_DEFAULTS): given, else stored, else the default; null keeps;
 * - NULLABLE (its type admits null): given (null clears), else stored, else null;
 * - REQUIRED (neither): given, else stored; null keeps; a create must give it.
 */
type AttributeRule<K extends ExperimentAttribute> = K extends 'countsTowardEwl'
  ? 'FOLLOWS_KIND'
  : K extends DefaultedAttribute
    ? 'DEFAULT'
    : null extends ExperimentAttributes[K]
      ? 'NULLABLE'
      : 'REQUIRED';

/**
 * Every attribute with its rule, in the order they are planned (countsTowardEwl after kind). The
 * compiler asks for an entry for each attribute of `Experiment` and checks that its rule matches
 * its type and EXPERIMENT_DEFAULTS: a new attribute is added here, once.
 */
const ATTRIBUTE_RULES: { readonly [K in ExperimentAttribute]: AttributeRule<K> } = {
  title: 'REQUIRED',
  description: 'DEFAULT',
  ownerNodeId: 'REQUIRED',
  kind: 'DEFAULT',
  countsTowardEwl: 'FOLLOWS_KIND',
  alpha: 'DEFAULT',
  power: 'DEFAULT',
  powerBudgetMode: 'DEFAULT',
  deteriorationAlphaMode: 'DEFAULT',
  analysisMode: 'DEFAULT',
  plannedSampleSize: 'NULLABLE',
  plannedRuntimeDays: 'NULLABLE',
  randomizationUnit: 'DEFAULT',
  tags: 'DEFAULT',
  surface: 'NULLABLE',
  restartOfId: 'NULLABLE',
  externalSource: 'NULLABLE',
  externalId: 'NULLABLE',
};

/** The names of the attributes, in planning order. */
export const EXPERIMENT_ATTRIBUTES = Object.keys(ATTRIBUTE_RULES) as readonly ExperimentAttribute[];

/** Whether null clears the attribute (its rule is NULLABLE); null keeps the value of any other. */
export function clearsWithNull(name: ExperimentAttribute): boolean {
  return ATTRIBUTE_RULES[name] === 'NULLABLE';
}

/**
 * The type of an attribute's value as a reader of untyped input (an NDJSON line of the import)
 * checks it, read off the attribute's type: `boolean`, `number`, `text`, `texts` (a list of
 * strings), or the values of a union of strings.
 */
type AttributeValueType<K extends ExperimentAttribute> = ValueTypeOf<NonNullable<ExperimentAttributes[K]>>;
type ValueTypeOf<T> = [T] extends [boolean]
  ? 'boolean'
  : [T] extends [number]
    ? 'number'
    : [T] extends [readonly string[]]
      ? 'texts'
      : [T] extends [string]
        ? string extends T
          ? 'text'
          : readonly T[]
        : never;

/** The value type of each attribute; the compiler checks each against the attribute's type. */
export const ATTRIBUTE_VALUE_TYPES: { readonly [K in ExperimentAttribute]: AttributeValueType<K> } = {
  title: 'text',
  description: 'text',
  ownerNodeId: 'text',
  kind: EXPERIMENT_KINDS,
  countsTowardEwl: 'boolean',
  alpha: 'number',
  power: 'number',
  powerBudgetMode: POWER_BUDGET_MODES,
  deteriorationAlphaMode: DETERIORATION_ALPHA_MODES,
  analysisMode: ANALYSIS_MODES,
  plannedSampleSize: 'number',
  plannedRuntimeDays: 'number',
  randomizationUnit: 'text',
  tags: 'texts',
  surface: 'text',
  restartOfId: 'text',
  externalSource: 'text',
  externalId: 'text',
};

/** The field-level check of an attribute's given value: limits and normalisation. */
type AttributeCheck<K extends ExperimentAttribute> = (
  field: string,
  value: NonNullable<ExperimentAttributes[K]>,
) => ExperimentAttributes[K];

/**
 * The check of each attribute that has one. The others are enums and booleans, whose shape the
 * entry point's reader checks, and references each entry point resolves itself (the owner,
 * `restartOfId`, the external reference).
 */
const ATTRIBUTE_CHECKS: { readonly [K in ExperimentAttribute]?: AttributeCheck<K> } = {
  title: (field, value) => validateText(field, value, TEXT_LIMITS.experiment.title),
  description: (field, value) => validateText(field, value, TEXT_LIMITS.experiment.description),
  alpha: validateAlpha,
  power: validatePower,
  plannedSampleSize: validatePositiveInteger,
  plannedRuntimeDays: validatePlannedRuntimeDays,
  randomizationUnit: (field, value) => validateText(field, value, TEXT_LIMITS.experiment.randomizationUnit),
  tags: normaliseTags,
  surface: normaliseSurface,
};

/**
 * One given change, checked (ATTRIBUTE_CHECKS) into what planExperimentAttributes takes:
 * undefined stays undefined (keep); null clears a nullable attribute and is dropped (keep) for a
 * required one; any other value passes the attribute's check.
 * @throws DomainError BAD_USER_INPUT naming `field` when the value breaks the check.
 * @example checkAttributeChange('surface', 'input.surface', ' Checkout ') // 'checkout'
 */
export function checkAttributeChange<K extends ExperimentAttribute>(
  name: K,
  field: string,
  value: NonNullable<ExperimentAttributes[K]>,
): ExperimentAttributes[K];
export function checkAttributeChange<K extends ExperimentAttribute>(
  name: K,
  field: string,
  value: ExperimentAttributes[K] | null | undefined,
): ExperimentAttributes[K] | undefined;
export function checkAttributeChange<K extends ExperimentAttribute>(
  name: K,
  field: string,
  value: ExperimentAttributes[K] | null | undefined,
): ExperimentAttributes[K] | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return clearsWithNull(name) ? null : undefined;
  const check = ATTRIBUTE_CHECKS[name] as AttributeCheck<K> | undefined;
  return check === undefined ? value : check(field, value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/**
 * Plans the attributes of an experiment after a write: `stored` is the experiment as stored, or
 * null for a create. Each attribute follows its rule (ATTRIBUTE_RULES): omitted (and, for
 * required attributes, null) changes keep the stored value, or take EXPERIMENT_DEFAULTS on create;
 * null clears a nullable attribute. Unless given, countsTowardEwl keeps its stored value while the
 * kind stays and otherwise follows the kind (defaultCountsTowardEwl, docs/ewl-rules.md §6.5).
 * @param base path prefix of the fields in a design-lock message (`input`, `items[3]`, or '').
 * @throws Error when a create gives no title or owner (each entry point refuses that first, with its own field path).
 * @example planExperimentAttributes('input', stored, { kind: 'ROLLOUT' }).attributes.countsTowardEwl // false
 */
export function planExperimentAttributes(
  base: string,
  stored: ExperimentAttributes | null,
  changes: ExperimentChanges,
): ExperimentAttributesPlan {
  const next: Record<string, unknown> = {};
  for (const name of EXPERIMENT_ATTRIBUTES) {
    const given = changes[name];
    const kept = stored?.[name];
    const rule: AttributeRule<ExperimentAttribute> = ATTRIBUTE_RULES[name];
    let value: unknown;
    switch (rule) {
      case 'FOLLOWS_KIND': {
        const kind = next.kind as ExperimentAttributes['kind'];
        value = given ?? (stored !== null && stored.kind === kind ? kept : defaultCountsTowardEwl(kind));
        break;
      }
      case 'DEFAULT':
        value = given ?? kept ?? EXPERIMENT_DEFAULTS[name as DefaultedAttribute];
        break;
      case 'NULLABLE':
        value = given !== undefined ? given : (kept ?? null);
        break;
      case 'REQUIRED':
        value = given ?? kept;
        if (value === undefined) throw new Error(`A new experiment needs its ${name}`);
        break;
    }
    // A fresh array: the record written must not share the stored one's or the defaults'.
    next[name] = Array.isArray(value) ? [...(value as unknown[])] : value;
  }
  const attributes = next as ExperimentAttributes;
  if (stored === null) return { attributes, changed: EXPERIMENT_ATTRIBUTES, designChange: null };
  return {
    attributes,
    changed: EXPERIMENT_ATTRIBUTES.filter((name) => !sameValue(stored[name], attributes[name])),
    designChange: findSettingsChange(base, stored, attributes),
  };
}

/** The attributes a plan changes, with their planned values (what an update of the stored row sets). */
export function changedAttributes(plan: ExperimentAttributesPlan): Partial<ExperimentAttributes> {
  return Object.fromEntries(plan.changed.map((name) => [name, plan.attributes[name]]));
}
