import type { Experiment } from '../experiment';
import { type DesignChange, findSettingsChange } from './design-lock';
import { defaultCountsTowardEwl, EXPERIMENT_DEFAULTS, type ExperimentDefaults } from './experiment-settings';

/**
 * The one planner of an experiment's attributes: createExperiment, updateExperiment and
 * importExperiments build the record they write through `planExperimentAttributes`, so the
 * defaults (EXPERIMENT_DEFAULTS), the countsTowardEwl rule and what "keep" and "clear" mean are
 * written once. Each entry point validates its own input first (see below) and hands over the
 * validated changes; the planner decides the next attributes and which of them change, including
 * the pre-registered settings (design-lock.ts) that the caller checks against the status with
 * `assertDesignUnlocked`.
 *
 * Field-level validation (validateText, normaliseTags, normaliseSurface, validateAlpha, ...) stays
 * where each entry point reads its input: the mutations throw at the first error with `input.*`
 * paths, while the import collects every error of an item under `items[3].*` and first checks the
 * JSON type of each field of an NDJSON line; the owner, `restartOfId` and the external reference
 * need database look-ups. What both share (limits, normalisation) already lives in
 * text-fields.ts, field-limits.ts and experiment-settings.ts.
 *
 * Status and lifecycle dates are not attributes: a transition changes only them, one step at a
 * time with `at` defaulting to now (planStatusTransition in status-transitions.ts), while an
 * import reports where an experiment stands and may move several steps forward with every date
 * given (planImportLifecycle in import/lifecycle-plan.ts); both check each new date with
 * validateEventDate. Neither changes an attribute, so a transition does not go through this
 * planner, and the import adds the lifecycle it planned next to the attributes.
 */

/** What create, update and import write of an experiment: everything but its identity, lifecycle and bookkeeping. */
export type ExperimentAttributes = Omit<
  Experiment,
  'id' | 'key' | 'status' | 'startedAt' | 'endedAt' | 'concludedAt' | 'createdAt' | 'updatedAt' | 'version'
>;

export type ExperimentAttribute = keyof ExperimentAttributes;

/**
 * Validated changes of a write. `undefined` keeps the stored value (on create: the default);
 * `null` clears a nullable attribute and keeps (on create: defaults) a required one.
 */
export type ExperimentChanges = { readonly [K in ExperimentAttribute]?: ExperimentAttributes[K] | null };

/** The planned attributes and what changes from the stored experiment. */
export interface ExperimentAttributesPlan {
  readonly attributes: ExperimentAttributes;
  /** Attributes whose value differs from the stored one (every attribute on create). */
  readonly changed: readonly ExperimentAttribute[];
  /** The first pre-registered setting that changes (design-lock.ts), for assertDesignUnlocked; null on create. */
  readonly designChange: DesignChange | null;
}

/** Attributes with a default (EXPERIMENT_DEFAULTS): null or omitted keeps the stored value. */
type DefaultedAttribute = keyof ExperimentDefaults;
/** Attributes that may be null: null clears them, and a new experiment has none unless given. */
type NullableAttribute = {
  [K in ExperimentAttribute]: null extends ExperimentAttributes[K] ? K : never;
}[ExperimentAttribute];

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/**
 * Plans the attributes of an experiment after a write: `stored` is the experiment as stored, or
 * null for a create. Omitted (and, for required attributes, null) changes keep the stored value,
 * or take EXPERIMENT_DEFAULTS on create; null clears a nullable attribute. Unless given,
 * countsTowardEwl keeps its stored value while the kind stays and otherwise follows the kind
 * (defaultCountsTowardEwl, docs/ewl-rules.md §6.5).
 * @param base path prefix of the fields in a design-lock message (`input`, `items[3]`, or '').
 * @throws Error when a create gives no title or owner (each entry point refuses that first, with its own field path).
 * @example planExperimentAttributes('input', stored, { kind: 'ROLLOUT' }).attributes.countsTowardEwl // false
 */
export function planExperimentAttributes(
  base: string,
  stored: ExperimentAttributes | null,
  changes: ExperimentChanges,
): ExperimentAttributesPlan {
  const defaulted = <K extends DefaultedAttribute>(name: K): ExperimentDefaults[K] =>
    changes[name] ?? stored?.[name] ?? EXPERIMENT_DEFAULTS[name];
  const nullable = <K extends NullableAttribute>(name: K): ExperimentAttributes[K] => {
    const given = changes[name];
    return given !== undefined ? (given as ExperimentAttributes[K]) : (stored?.[name] ?? null);
  };
  const title = changes.title ?? stored?.title;
  const ownerNodeId = changes.ownerNodeId ?? stored?.ownerNodeId;
  if (title === undefined || ownerNodeId === undefined) throw new Error('A new experiment needs a title and an owner');
  const kind = defaulted('kind');
  const attributes: ExperimentAttributes = {
    title,
    description: defaulted('description'),
    ownerNodeId,
    kind,
    countsTowardEwl:
      changes.countsTowardEwl ??
      (stored !== null && stored.kind === kind ? stored.countsTowardEwl : defaultCountsTowardEwl(kind)),
    alpha: defaulted('alpha'),
    power: defaulted('power'),
    powerBudgetMode: defaulted('powerBudgetMode'),
    deteriorationAlphaMode: defaulted('deteriorationAlphaMode'),
    analysisMode: defaulted('analysisMode'),
    plannedSampleSize: nullable('plannedSampleSize'),
    plannedRuntimeDays: nullable('plannedRuntimeDays'),
    randomizationUnit: defaulted('randomizationUnit'),
    tags: [...defaulted('tags')],
    surface: nullable('surface'),
    restartOfId: nullable('restartOfId'),
    externalSource: nullable('externalSource'),
    externalId: nullable('externalId'),
  };
  const names = Object.keys(attributes) as ExperimentAttribute[];
  if (stored === null) return { attributes, changed: names, designChange: null };
  return {
    attributes,
    changed: names.filter((name) => !sameValue(stored[name], attributes[name])),
    designChange: findSettingsChange(base, stored, attributes),
  };
}

/** The attributes a plan changes, with their planned values (what an update of the stored row sets). */
export function changedAttributes(plan: ExperimentAttributesPlan): Partial<ExperimentAttributes> {
  return Object.fromEntries(plan.changed.map((name) => [name, plan.attributes[name]]));
}
