import {
  type ASTNode,
  type DocumentNode,
  GraphQLError,
  type GraphQLFormattedError,
  Kind,
  parse,
  type ValueNode,
  visit,
} from 'graphql';
import { type ErrorCode } from '../domain/errors';

const VALUE_KINDS: ReadonlySet<string> = new Set([
  Kind.INT,
  Kind.FLOAT,
  Kind.STRING,
  Kind.BOOLEAN,
  Kind.NULL,
  Kind.ENUM,
  Kind.LIST,
  Kind.OBJECT,
]);

/** The field path graphql-js prints after a variable's name, e.g. `at "input.metrics[0].mde"`. */
const VARIABLE_PATH = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\d+\])*$/;

/**
 * The path of a variable's bad value, from graphql-js's coercion message
 * (`Variable "$input" got invalid value ... at "input.startedAt"; ...`), or the variable's name when
 * the variable itself is the bad value.
 */
function variableErrorField(error: GraphQLError, variable: string): string {
  const marker = ` at "${variable}`;
  const start = error.message.lastIndexOf(marker);
  if (start >= 0) {
    const end = error.message.indexOf('"', start + marker.length);
    const path = end > 0 ? error.message.slice(start + marker.length - variable.length, end) : '';
    if (VARIABLE_PATH.test(path)) return path;
  }
  return variable;
}

/** Renders a path of argument, object-field and list-index steps: `input.variants[1].plannedWeight`. */
function renderPath(steps: ReadonlyArray<string | number>): string {
  return steps.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

function findInValue(value: ValueNode, position: number, steps: Array<string | number>): string | undefined {
  if (value.loc?.start === position) return renderPath(steps);
  if (value.kind === Kind.LIST) {
    for (const [i, item] of value.values.entries()) {
      const found = findInValue(item, position, [...steps, i]);
      if (found) return found;
    }
  } else if (value.kind === Kind.OBJECT) {
    for (const field of value.fields) {
      const found = findInValue(field.value, position, [...steps, field.name.value]);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The path of a literal value in the document (`input.startedAt` for `f(input: { startedAt: ... })`,
 * the variable's name for a default value), found by the value's position in the source.
 */
function literalErrorField(document: DocumentNode, position: number): string | undefined {
  let field: string | undefined;
  visit(document, {
    Argument(node) {
      field ??= findInValue(node.value, position, [node.name.value]);
      return false;
    },
    VariableDefinition(node) {
      if (node.defaultValue) field ??= findInValue(node.defaultValue, position, [node.variable.name.value]);
      return false;
    },
  });
  return field;
}

function locatedValueField(error: GraphQLError, node: ASTNode): string | undefined {
  const body = error.source?.body;
  if (body === undefined || node.loc === undefined) return undefined;
  try {
    return literalErrorField(parse(body), node.loc.start);
  } catch {
    return undefined;
  }
}

/**
 * A value the schema's types refuse, as a client-input error naming the field: a variable whose
 * value a scalar, enum or input type refuses (Apollo's BAD_USER_INPUT), or a literal in the
 * document refused by validation (graphql-js's ValuesOfCorrectTypeRule or input-literal.rule.ts).
 * Both become BAD_USER_INPUT with `field` (the variables path, e.g. `input.startedAt`, or the
 * argument path of a literal), and the scalar's `reason`, `value` and `allowed` when it gave them;
 * so does a BAD_USER_INPUT GraphQLError that names its own `field` (nul-text.plugin.ts).
 * Returns undefined for any other error.
 */
export function formatInputValueError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const node = error.nodes?.length === 1 ? error.nodes[0]! : undefined;
  const code = formatted.extensions?.code;
  let field: string | undefined;
  if (code === 'BAD_USER_INPUT' && typeof error.extensions.field === 'string') {
    field = error.extensions.field;
  } else if (node?.kind === Kind.VARIABLE_DEFINITION && code === 'BAD_USER_INPUT') {
    field = variableErrorField(error, node.variable.name.value);
  } else if (
    node !== undefined &&
    VALUE_KINDS.has(node.kind) &&
    (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_USER_INPUT')
  ) {
    field = locatedValueField(error, node);
  } else {
    return undefined;
  }
  const detail =
    (error.originalError instanceof GraphQLError ? error.originalError.extensions : undefined) ?? error.extensions;
  const text = (key: string) => (typeof detail[key] === 'string' ? detail[key] : undefined);
  return {
    message: formatted.message,
    locations: formatted.locations,
    path: formatted.path,
    extensions: {
      code: 'BAD_USER_INPUT' satisfies ErrorCode,
      reason: text('reason') ?? 'INVALID_VALUE',
      field,
      value: text('value'),
      allowed: text('allowed'),
    },
  };
}
