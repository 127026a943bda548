import {
  getNamedType,
  GraphQLInputObjectType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLResolveInfo,
} from 'graphql';
import { Extensions } from 'type-graphql';
import { type TextLimit } from '../domain/rules/field-limits';
import { ITEMS_CHECKED_APART } from '../domain/rules/input-lists';
import { validateText } from '../domain/rules/text-fields';

/** Name of the input-field extension that carries a text field's limit. */
const TEXT_LIMIT_EXTENSION = 'textLimit';
/** Name of the input-type extension that carries the limits of its text fields by name. */
const TEXT_LIMITS_EXTENSION = 'textLimits';

/**
 * Declares the length limit of a text input field, one of domain/rules/field-limits.ts. Before the
 * resolver runs, `assertTextLengths` checks the field with the domain's own rule (`validateText`:
 * trimmed length, non-blank when required), so an over-long value is refused before any SQL with the
 * same BAD_USER_INPUT error the write path gives, naming the field's path (`input.variants[1].name`)
 * and the allowed length. Descriptions derive their numbers from the same limit (describeTextLength).
 */
export function TextLength(limit: TextLimit): PropertyDecorator & MethodDecorator & ClassDecorator {
  return Extensions({ [TEXT_LIMIT_EXTENSION]: limit });
}

/**
 * Declares the length limits of text input fields by name, on an input class. A subclass's input
 * type inherits them together with the fields (type-graphql passes a class's extensions on to its
 * subclasses, but not those of its fields), so a base class that declares fields for several
 * input types uses this form. The check is the one of `TextLength`.
 */
export function TextLengths(limits: { readonly [field: string]: TextLimit }): ClassDecorator {
  return Extensions({ [TEXT_LIMITS_EXTENSION]: limits });
}

function textLimitOf(type: GraphQLInputObjectType, field: GraphQLInputField): TextLimit | undefined {
  const own = field.extensions[TEXT_LIMIT_EXTENSION] as TextLimit | undefined;
  if (own !== undefined) return own;
  const byName = type.extensions[TEXT_LIMITS_EXTENSION] as { readonly [field: string]: TextLimit } | undefined;
  return byName !== undefined && Object.hasOwn(byName, field.name) ? byName[field.name] : undefined;
}

const limitedTypes = new WeakMap<GraphQLInputObjectType, boolean>();

/** Whether `type`, or an input type inside it, has a field with a text limit. Read once per type. */
function hasTextLimits(type: GraphQLInputObjectType): boolean {
  let known = limitedTypes.get(type);
  if (known === undefined) {
    limitedTypes.set(type, false); // a recursive input type is not limited through itself
    known = Object.values(type.getFields()).some((field) => {
      if (ITEMS_CHECKED_APART.has(field.name)) return false;
      if (textLimitOf(type, field) !== undefined) return true;
      const named = getNamedType(field.type);
      return named instanceof GraphQLInputObjectType && hasTextLimits(named);
    });
    limitedTypes.set(type, known);
  }
  return known;
}

function assertValueTextLengths(value: unknown, type: GraphQLInputType, path: string): void {
  const named = getNamedType(type);
  if (!(named instanceof GraphQLInputObjectType) || !hasTextLimits(named)) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertValueTextLengths(item, named, `${path}[${i}]`));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  for (const field of Object.values(named.getFields())) {
    const child = record[field.name];
    if (child === null || child === undefined || ITEMS_CHECKED_APART.has(field.name)) continue;
    const limit = textLimitOf(named, field);
    if (limit !== undefined && typeof child === 'string') validateText(`${path}.${field.name}`, child, limit);
    else assertValueTextLengths(child, field.type, `${path}.${field.name}`);
  }
}

const limitedArgs = new WeakMap<readonly GraphQLArgument[], boolean>();

/**
 * Checks every text input field declared with `@TextLength` in the (coerced) arguments of the field
 * being resolved. The items of a bulk import are left to the import's per-item rules (as for list sizes).
 * @throws DomainError BAD_USER_INPUT naming the field's path and the allowed length.
 */
export function assertTextLengths(info: GraphQLResolveInfo, args: Record<string, unknown>): void {
  const argDefs = info.parentType.getFields()[info.fieldName]?.args;
  if (argDefs === undefined || argDefs.length === 0) return;
  let limited = limitedArgs.get(argDefs);
  if (limited === undefined) {
    limited = argDefs.some((arg) => {
      const named = getNamedType(arg.type);
      return named instanceof GraphQLInputObjectType && hasTextLimits(named);
    });
    limitedArgs.set(argDefs, limited);
  }
  if (!limited) return;
  for (const arg of argDefs) assertValueTextLengths(args[arg.name], arg.type, arg.name);
}
