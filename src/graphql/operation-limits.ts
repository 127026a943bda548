import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type ApolloServerPlugin } from '@apollo/server';
import {
  type GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  Kind,
  parse,
  type ParseOptions,
  specifiedRules,
  validate,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { type Context } from './context';
import { answerNodeCapPlugin, capAnswerNodes } from './answer-node-cap';
import { costLimitPlugin, estimateOperationCost } from './operation-cost';
import {
  findOperationLimitError,
  type OperationLimitExtensions,
  OperationLimitError,
  type OperationLimitName,
} from './operation-limit-error';

/**
 * Limits every operation must meet before it runs (README "Limits"). Tokens are counted by the
 * parser, depth, aliases and directives by graphql-armor's validation rules, the cost by
 * graphql-query-complexity once the operation is known; the answer-node cap is checked while the
 * answer is built. `enabled: false` (GRAPHQL_LIMITS=off) turns every one of them off.
 */
export interface OperationLimits {
  readonly enabled: boolean;
  /** Lexical tokens of the document (GRAPHQL_MAX_TOKENS); also bounds the cost of graphql-js's own validation. */
  readonly maxTokens: number;
  /** Nesting of fields, fragments flattened, introspection not counted (GRAPHQL_MAX_DEPTH). */
  readonly maxDepth: number;
  /** Aliased fields, fragments expanded (GRAPHQL_MAX_ALIASES). */
  readonly maxAliases: number;
  /** Directives, fragments expanded (GRAPHQL_MAX_DIRECTIVES). */
  readonly maxDirectives: number;
  /** Estimated cost: one per field, list fields multiplied by their size (GRAPHQL_MAX_COST). */
  readonly maxCost: number;
  /** Objects and list items one query's answer may hold (GRAPHQL_MAX_ANSWER_NODES). */
  readonly maxAnswerNodes: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  enabled: true,
  maxTokens: 5000,
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 50,
  maxCost: 200_000,
  maxAnswerNodes: 20_000,
};

const ARMOR_FOUND = /found (\d+)/;

function armorRejection(limit: OperationLimitName, max: number, variable: string, noun: string) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const found = ARMOR_FOUND.exec(error.message);
    const actual = found ? Number(found[1]) : null;
    context?.reportError(
      new OperationLimitError(
        limit,
        max,
        actual,
        `The operation has ${actual ?? 'too many'} ${noun}; at most ${max} are allowed (${variable}).`,
      ),
    );
  };
}

function armorProtection(limits: OperationLimits) {
  // Only armor's depth, alias and directive rules: its token plugin would throw outside Apollo's error path
  // (the parser's own bound is used instead), the cost is graphql-query-complexity's with list sizes,
  // and field suggestions stay (the schema is public).
  const reject = { propagateOnRejection: false, exposeLimits: true };
  return new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: {
      ...reject,
      n: limits.maxDepth,
      flattenFragments: true,
      ignoreIntrospection: true,
      onReject: [armorRejection('depth', limits.maxDepth, 'GRAPHQL_MAX_DEPTH', 'levels of nesting')],
    },
    maxAliases: {
      ...reject,
      n: limits.maxAliases,
      onReject: [armorRejection('aliases', limits.maxAliases, 'GRAPHQL_MAX_ALIASES', 'aliases')],
    },
    maxDirectives: {
      ...reject,
      n: limits.maxDirectives,
      onReject: [armorRejection('directives', limits.maxDirectives, 'GRAPHQL_MAX_DIRECTIVES', 'directives')],
    },
  }).protect();
}

/** Options to spread into `new ApolloServer(...)`: the parser's token bound, armor's rules and the cost and answer-size plugins. */
export function operationLimitOptions(
  schema: GraphQLSchema,
  limits: OperationLimits,
  formatError?: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): {
  parseOptions?: ParseOptions;
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin<Context>[];
} {
  if (!limits.enabled) return { validationRules: [], plugins: [] };
  const armor = armorProtection(limits);
  capAnswerNodes(schema);
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: armor.validationRules,
    plugins: [
      ...(armor.plugins as ApolloServerPlugin<Context>[]),
      costLimitPlugin(schema, limits.maxCost),
      answerNodeCapPlugin(limits.maxAnswerNodes, formatError),
    ],
  };
}

/**
 * The refusals the limits checked before execution (tokens, depth, aliases, directives, cost) give
 * one document, with the given variables for each of its operations; the answer-node cap is not
 * included (it needs the data). Used by tests and benchmarks to check documents against the limits.
 */
export function findStaticLimitRefusals(
  schema: GraphQLSchema,
  source: string,
  limits: OperationLimits,
  variables: Record<string, unknown> = {},
): OperationLimitExtensions[] {
  let document;
  try {
    document = parse(source, { maxTokens: limits.maxTokens });
  } catch (error) {
    const refusal = findOperationLimitError(error);
    if (refusal) return [refusal];
    throw error;
  }
  const refusals: OperationLimitExtensions[] = [];
  for (const error of validate(schema, document, [...specifiedRules, ...armorProtection(limits).validationRules])) {
    const refusal = findOperationLimitError(error);
    if (refusal) refusals.push(refusal);
    else throw error;
  }
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    try {
      const cost = estimateOperationCost(schema, document, definition.name?.value, variables, limits.maxCost);
      if (cost === undefined)
        throw new Error(
          `The cost of ${definition.name?.value ?? 'the operation'} could not be estimated (invalid variables?)`,
        );
      if (cost > limits.maxCost)
        refusals.push({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: limits.maxCost, actual: cost });
    } catch (error) {
      const refusal = findOperationLimitError(error);
      if (!refusal) throw error;
      refusals.push(refusal);
    }
  }
  return refusals;
}
