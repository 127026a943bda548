import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { EXPERIMENT_KINDS } from '../../domain/experiment';
import { type ImportedAttribute, isImportedAttribute } from '../../domain/import/import-item';
import { LOCKED_EXPERIMENT_FIELDS } from '../../domain/rules/design-lock';
import {
  clearsWithNull,
  type ExperimentAttribute,
  type ExperimentAttributes,
} from '../../domain/rules/experiment-plan';
import {
  defaultCountsTowardEwl,
  EXPERIMENT_DEFAULTS,
  type ExperimentDefaults,
} from '../../domain/rules/experiment-settings';
import {
  describeRange,
  describeTextLength,
  MAX_TAGS,
  NUMBER_RANGES,
  TEXT_LIMITS,
  type TextLimit,
} from '../../domain/rules/field-limits';
import { AnalysisMode, DeteriorationAlphaMode, ExperimentKind, PowerBudgetMode } from '../enums';
import { TextLengths } from '../text-length';

/**
 * The GraphQL inputs that write an experiment's attributes (experiment-plan.ts), each declared
 * once here for all three:
 * - `create` (CreateExperimentInput): an omitted attribute takes its default, shown in the schema
 *   as the field's default value where createExperiment has one (`schemaDefault`);
 * - `update` (UpdateExperimentInput): every field optional; omitted keeps the stored value, null
 *   clears a nullable attribute;
 * - `import` (ImportExperimentItemInput): the attributes an item carries (isImportedAttribute), with
 *   no GraphQL defaults, because an omitted field keeps the stored value when the experiment exists;
 *   src/domain/import checks each item's fields (as for an NDJSON line of `npm run import`), so the
 *   text limits are not declared on this input.
 */
export type AttributeInputMode = 'create' | 'update' | 'import';

/**
 * The fields declared here: every attribute, and ownerNodeKey, the owner by key (the alternative
 * to ownerNodeId that each entry point resolves into it).
 */
type AttributeInputField = ExperimentAttribute | 'ownerNodeKey';

/** The value an input field holds. */
type FieldValue<K extends AttributeInputField> = K extends ExperimentAttribute ? ExperimentAttributes[K] : string;

/** How the inputs declare one field. */
interface AttributeField<K extends AttributeInputField> {
  /** The GraphQL type (explicit: these fields are declared without reflected types). */
  readonly type: () => object;
  /** What it is, the same in every input, without a closing full stop. */
  readonly about: string;
  /** What an omitted value means for a new experiment, said on create and import. */
  readonly omitted?: string;
  /** createExperiment shows its EXPERIMENT_DEFAULTS value as the field's default; the import says it in words. */
  readonly schemaDefault?: K extends keyof ExperimentDefaults ? true : never;
  /** Non-null on create and import (the update input keeps every field optional). */
  readonly requiredOnCreate?: true;
  /** Its length limit, checked before the resolver runs on create and update (text-length.ts). */
  readonly limit?: TextLimit;
  /** A note for one input only. */
  readonly notes?: { readonly [M in AttributeInputMode]?: string };
}

/**
 * Every attribute with its input field, in the order of the inputs' fields (the order GraphQL
 * checks them and reports their errors in). The compiler asks for an entry for each attribute of
 * `Experiment`: a new attribute is declared here, once.
 */
const ATTRIBUTE_FIELDS = {
  title: {
    type: () => String,
    about: `Short title (${describeTextLength(TEXT_LIMITS.experiment.title)})`,
    requiredOnCreate: true,
    limit: TEXT_LIMITS.experiment.title,
  },
  description: {
    type: () => String,
    about: `Longer description (${describeTextLength(TEXT_LIMITS.experiment.description)})`,
    limit: TEXT_LIMITS.experiment.description,
  },
  ownerNodeId: {
    type: () => ID,
    about: 'Owning org node id (give this or ownerNodeKey)',
    notes: { import: 'required for a new experiment' },
  },
  ownerNodeKey: { type: () => String, about: 'Owning org node key' },
  kind: {
    type: () => ExperimentKind,
    about: 'Experiment kind',
    schemaDefault: true,
    notes: { update: "when countsTowardEwl is omitted it resets to the new kind's default" },
  },
  countsTowardEwl: {
    type: () => Boolean,
    about: 'Whether it counts toward learning/win rates',
    omitted: `default: true only for ${EXPERIMENT_KINDS.filter(defaultCountsTowardEwl).join(', ')}`,
  },
  alpha: {
    type: () => Float,
    about: `One-sided significance level, ${describeRange('alpha', NUMBER_RANGES.alpha)}`,
    schemaDefault: true,
  },
  power: {
    type: () => Float,
    about: `Target power, ${describeRange('power', NUMBER_RANGES.power)}`,
    schemaDefault: true,
  },
  powerBudgetMode: { type: () => PowerBudgetMode, about: 'How beta is split across tests', schemaDefault: true },
  deteriorationAlphaMode: {
    type: () => DeteriorationAlphaMode,
    about: 'Alpha of deterioration tests',
    schemaDefault: true,
  },
  analysisMode: { type: () => AnalysisMode, about: 'Who computes the tests', schemaDefault: true },
  plannedSampleSize: { type: () => Int, about: 'Planned total sample size (> 0)' },
  plannedRuntimeDays: { type: () => Int, about: 'Planned runtime in days (> 0)' },
  randomizationUnit: {
    type: () => String,
    about: `Randomisation unit (${describeTextLength(TEXT_LIMITS.experiment.randomizationUnit)})`,
    schemaDefault: true,
    limit: TEXT_LIMITS.experiment.randomizationUnit,
  },
  tags: {
    type: () => [String],
    about: `Tags; trimmed, lower-cased and de-duplicated; at most ${MAX_TAGS} of at most ${TEXT_LIMITS.tag.max} characters`,
    notes: { update: 'replaces the stored tags' },
  },
  surface: {
    type: () => String,
    about: `The product surface it changes (e.g. home, search, checkout); trimmed and lower-cased, at most ${TEXT_LIMITS.experiment.surface.max} characters; blank: none`,
  },
  restartOfId: { type: () => ID, about: 'The run this experiment restarts (replaces)' },
  externalSource: {
    type: () => String,
    about: 'System it was imported from; given together with externalId',
  },
  externalId: {
    type: () => String,
    about: 'Id in that system; unique together with externalSource',
  },
} as const satisfies { readonly [K in AttributeInputField]: AttributeField<K> };

type Fields = typeof ATTRIBUTE_FIELDS;
/** The fields of the import item: the attributes it carries (isImportedAttribute) and the owner by key. */
type Imported = ImportedAttribute | 'ownerNodeKey';
type RequiredOnCreate = {
  [K in AttributeInputField]: Fields[K] extends { readonly requiredOnCreate: true } ? K : never;
}[AttributeInputField];
type Optional<K extends AttributeInputField> = { [P in K]?: FieldValue<P> | null };
type Required<K extends AttributeInputField> = { [P in K]: FieldValue<P> };

/** The fields declared here of each input, as its class holds them. */
export interface ExperimentAttributeFields {
  readonly create: Optional<Exclude<AttributeInputField, RequiredOnCreate>> & Required<RequiredOnCreate>;
  readonly update: Optional<AttributeInputField>;
  readonly import: Optional<Exclude<Imported, RequiredOnCreate>> & Required<Extract<Imported, RequiredOnCreate>>;
}

const MODE_NAMES: { readonly [M in AttributeInputMode]: string } = {
  create: 'Create',
  update: 'Update',
  import: 'Import',
};

function isAttribute(name: AttributeInputField): name is ExperimentAttribute {
  return name !== 'ownerNodeKey';
}

function isLocked(name: AttributeInputField): boolean {
  return (LOCKED_EXPERIMENT_FIELDS as readonly string[]).includes(name);
}

/**
 * The description of an attribute's field in one input: what it is, then what an omitted value
 * means for a new experiment (create and import), that null clears it (update and import), that it
 * belongs to the pre-registered design (update), and the attribute's own note for that input.
 */
function describeAttribute(
  name: AttributeInputField,
  field: AttributeField<AttributeInputField>,
  mode: AttributeInputMode,
): string {
  const parts: string[] = [field.about];
  if (mode !== 'update' && field.omitted !== undefined) parts.push(field.omitted);
  else if (mode === 'import' && field.schemaDefault === true)
    parts.push(`default ${String(EXPERIMENT_DEFAULTS[name as keyof ExperimentDefaults])}`);
  if (mode !== 'create' && isAttribute(name) && clearsWithNull(name)) parts.push('null clears it');
  if (mode === 'update' && isLocked(name)) parts.push('part of the pre-registered design');
  const note = field.notes?.[mode];
  if (note !== undefined) parts.push(note);
  return `${parts.join('; ')}.`;
}

/** A class to extend: the input's fields that come before its attributes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeScript's mixin form: `any[]` is the only rest type it accepts
type Leading = abstract new (...args: any[]) => object;

/**
 * The base class of one input's attribute fields, declared from ATTRIBUTE_FIELDS: an input class
 * extends it and adds its other fields, and `Leading` (an @InputType class) holds the fields that
 * come before the attributes, so that every input keeps its order of fields. Its own input type is
 * never referenced, so it is not part of the schema. Call it once per mode (each call registers
 * an input type).
 * @example class UpdateExperimentInput extends experimentAttributeInput('update', UpdateExperimentId) { ... }
 */
export function experimentAttributeInput<M extends AttributeInputMode, L extends Leading>(
  mode: M,
  Leading: L,
): abstract new () => InstanceType<L> & ExperimentAttributeFields[M] {
  abstract class ExperimentAttributesInput extends Leading {}
  const limits: Record<string, TextLimit> = {};
  for (const name of Object.keys(ATTRIBUTE_FIELDS) as AttributeInputField[]) {
    const field: AttributeField<AttributeInputField> = ATTRIBUTE_FIELDS[name];
    if (mode === 'import' && isAttribute(name) && !isImportedAttribute(name)) continue;
    const defaultValue =
      mode === 'create' && field.schemaDefault === true
        ? { defaultValue: EXPERIMENT_DEFAULTS[name as keyof ExperimentDefaults] }
        : {};
    Field(field.type, {
      nullable: mode === 'update' || field.requiredOnCreate !== true,
      description: describeAttribute(name, field, mode),
      ...defaultValue,
    })(ExperimentAttributesInput.prototype, name);
    if (field.limit !== undefined && mode !== 'import') limits[name] = field.limit;
  }
  TextLengths(limits)(ExperimentAttributesInput);
  InputType(`${MODE_NAMES[mode]}ExperimentAttributesInput`)(ExperimentAttributesInput);
  return ExperimentAttributesInput as unknown as abstract new () => InstanceType<L> & ExperimentAttributeFields[M];
}
