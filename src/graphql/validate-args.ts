import { getMetadataStorage, validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { getNullableType, type GraphQLInputType, isEnumType, specifiedScalarTypes } from 'graphql';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';
import { assertInputListSizes } from '../domain/rules/input-lists';
import { DateTimeScalar } from './scalars/date-time.scalar';
import { assertTextLengths } from './text-length';

/** The options type-graphql uses by default, kept: missing (optional) properties and unknown values pass. */
const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

const hasRules = new WeakMap<object, boolean>();

/** Whether class-validator knows any rule for instances of `type` (its own or inherited). Read once per class. */
function validatedClass(type: unknown): boolean {
  if (typeof type !== 'function') return false;
  let known = hasRules.get(type);
  if (known === undefined) {
    known = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;
    hasRules.set(type, known);
  }
  return known;
}

/** The raw argument objects already checked (type-graphql validates each parameter of a resolver call separately). */
const checkedArgs = new WeakSet<object>();

/**
 * type-graphql's argument validation, with the same rules and errors (ArgumentValidationError with
 * class-validator's errors), but cheaper: type-graphql's built-in path `require`s class-validator on
 * every validated argument (a module resolution each time) and runs the validator even for argument
 * classes that declare no rule at all, which a 1,000-node `orgNodes { stats }` pays 1,000 times.
 * Here class-validator is imported once and argument classes without rules are skipped (validating
 * them could only pass: unknown values are allowed and nested objects are validated only under a
 * `@ValidateNested` rule of their parent, which is a rule). Before that, once per resolver call,
 * every list in the raw arguments is checked against its maximum (MAX_INPUT_LIST_ITEMS), then every
 * text field declared with `@TextLength` against its limit (domain/rules/field-limits.ts).
 */
export const validateArgs: ValidatorFn = async (argValue, _argType, resolverData) => {
  const raw = resolverData.args as unknown;
  if (raw !== null && typeof raw === 'object' && !checkedArgs.has(raw)) {
    checkedArgs.add(raw);
    assertInputListSizes(raw, '');
    assertTextLengths(resolverData.info, raw as Record<string, unknown>);
  }
  if (argValue === null || typeof argValue !== 'object') return;
  const items: unknown[] = Array.isArray(argValue) ? argValue : [argValue];
  for (const item of items) {
    if (item === null || typeof item !== 'object' || !validatedClass(item.constructor)) continue;
    try {
      await validateOrReject(item, OPTIONS);
    } catch (errors) {
      throw new ArgumentValidationError(errors as ValidationError[]);
    }
  }
};

/**
 * Scalars whose values `validateArgs` finds nothing in: primitives (the specified scalars) and
 * instants (a Date has no entries, and no class-validator rule).
 */
const UNCHECKED_SCALARS: ReadonlySet<GraphQLInputType> = new Set([...specifiedScalarTypes, DateTimeScalar]);

/**
 * Whether `validateArgs` could refuse a value of an argument of this type. It checks lists (their
 * size), input objects (text limits, class-validator rules) and the values of other scalars; an
 * argument that is one enum value, or one value of a scalar in UNCHECKED_SCALARS, passes it as it
 * is, whatever the value. src/graphql/direct-field-resolvers.ts skips the validation of such arguments.
 */
export function argumentNeedsValidation(type: GraphQLInputType): boolean {
  const nullable = getNullableType(type);
  return !isEnumType(nullable) && !UNCHECKED_SCALARS.has(nullable);
}
