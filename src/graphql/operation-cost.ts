import { type ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  type GraphQLSchema,
  isCompositeType,
  isListType,
} from 'graphql';
import {
  type ComplexityEstimator,
  type ComplexityEstimatorArgs,
  fieldExtensionsEstimator,
  getComplexity,
} from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-args';
import { type Context } from './context';
import { DomainError } from '../domain/errors';
import { assertVariableListSizes, requestInputError } from './input-list-limits';
import { OperationLimitError } from './operation-limit-error';

/** Assumed size of a list of objects that has neither a `first` argument nor a declared size (variants, metrics, children...). */
export const DEFAULT_LIST_SIZE = 10;

/**
 * Assumed size of the whole organisation tree (`orgNodes`). The tree's real size is data, not an
 * argument: a larger tree (the large benchmark portfolio has 1,055 nodes) is bounded by the
 * answer-node cap while the answer is built, so the estimate need not refuse per-node statistics
 * series that a tree of this size answers in full.
 */
export const ORG_TREE_LIST_SIZE = 100;

/**
 * Selections graphql-query-complexity may visit per operation (fragments expanded). Bounded
 * documents (GRAPHQL_MAX_TOKENS) stay far below it unless fragments are spread many times over;
 * past it the estimate stops and the operation is refused as too costly.
 */
export const MAX_ESTIMATED_SELECTIONS = 20_000;

/**
 * The cost of a list field of `size` objects, for fields whose size is known but not an argument
 * (declared with type-graphql's `@Extensions({ complexity: listCost(n) })`, read by fieldExtensionsEstimator).
 */
export function listCost(size: number): ComplexityEstimator {
  return ({ childComplexity }) => size * (1 + childComplexity);
}

function pageSize(args: ComplexityEstimatorArgs['args']): number {
  const first: unknown = args.first;
  if (typeof first !== 'number' || !Number.isFinite(first)) return DEFAULT_PAGE_SIZE;
  // An out-of-range `first` is refused by the resolver (BAD_USER_INPUT) before any SQL; charge what could be read.
  return Math.min(Math.max(Math.trunc(first), 1), MAX_PAGE_SIZE);
}

/**
 * One per field; an object field adds its selection, a list of objects multiplies its selection by
 * its size: `first` where the field takes one (a connection charges `first` for its whole page, so
 * the `edges` of a connection count once), otherwise DEFAULT_LIST_SIZE. Lists of scalars and
 * introspection (the schema is public and bounded) cost 1 and 0.
 */
export const estimateFieldCost: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  const paged = field.args.some((arg) => arg.name === 'first');
  const multiplier = paged ? pageSize(args) : 1;
  if (!isListType(getNullableType(field.type))) return 1 + multiplier * childComplexity;
  if (!isCompositeType(getNamedType(field.type))) return 1;
  const size = paged ? multiplier : type.name.endsWith('Connection') ? 1 : DEFAULT_LIST_SIZE;
  return size * (1 + childComplexity);
};

/**
 * The estimated cost of the operation to run, or `undefined` when it cannot be estimated because the
 * operation or its variables are invalid (execution then reports that, before any resolver runs).
 * @throws OperationLimitError `cost` when more than MAX_ESTIMATED_SELECTIONS selections would have to be visited.
 */
export function estimateOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  maxCost: number,
): number | undefined {
  try {
    return getComplexity({
      schema,
      query: document,
      operationName,
      variables,
      estimators: [fieldExtensionsEstimator(), estimateFieldCost],
      maxQueryNodes: MAX_ESTIMATED_SELECTIONS,
    });
  } catch (error) {
    if (error instanceof GraphQLError && error.message.includes('maximum allowed number of nodes')) {
      throw new OperationLimitError(
        'cost',
        maxCost,
        null,
        `The operation's cost could not be estimated within ${MAX_ESTIMATED_SELECTIONS} selections (fragments expanded); at most ${maxCost} is allowed (GRAPHQL_MAX_COST).`,
      );
    }
    return undefined;
  }
}

/** Variables longer than this (as JSON) are estimated each time instead of being kept as a memo key. */
const MAX_MEMO_VARIABLES_CHARS = 2_048;
/** Distinct operation name and variables pairs kept per document. */
const MAX_MEMO_ENTRIES_PER_DOCUMENT = 64;

/**
 * Estimated costs per parsed document, then per operation name and variables' cost shape (the
 * estimate depends on nothing else). Apollo hands the same DocumentNode to every request with the
 * same query text (its document cache), so a repeated request is not estimated again, whatever key
 * or search text it asks for. Only estimates are kept, never "could not estimate" (invalid
 * variables), so a request with invalid text cannot stand in for a valid one of the same shape.
 */
const memo = new WeakMap<DocumentNode, Map<string, number>>();

/**
 * The variables as the estimate reads them, as JSON: numbers (`first`), booleans (`@include`,
 * `@skip`), nulls and the length of lists change a cost; the text of a string never does, so every
 * string is blanked (a team page for any team key has one key).
 * @example costShapeJson({ key: 'exp-1', first: 50, tags: ['a', 'b'] }) // '{"key":"","first":50,"tags":["",""]}'
 */
export function costShapeJson(variables: Record<string, unknown> | undefined): string {
  return JSON.stringify(variables ?? {}, (_key, value: unknown) => (typeof value === 'string' ? '' : value));
}

function memoizedOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  maxCost: number,
): number | undefined {
  const shapeJson = costShapeJson(variables);
  if (shapeJson.length > MAX_MEMO_VARIABLES_CHARS)
    return estimateOperationCost(schema, document, operationName, variables, maxCost);
  const key = `${operationName ?? ''}\u0000${shapeJson}`;
  let costs = memo.get(document);
  const known = costs?.get(key);
  if (known !== undefined) return known;
  const cost = estimateOperationCost(schema, document, operationName, variables, maxCost);
  if (cost === undefined) return undefined;
  if (!costs) memo.set(document, (costs = new Map()));
  if (costs.size >= MAX_MEMO_ENTRIES_PER_DOCUMENT) costs.delete(costs.keys().next().value!);
  costs.set(key, cost);
  return cost;
}

/** Refuses, before execution, an operation whose estimated cost exceeds `maxCost` (GRAPHQL_MAX_COST). */
export function costLimitPlugin(schema: GraphQLSchema, maxCost: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operation }) {
          if (!operation) return;
          // Oversized list variables first: the estimate would coerce them (inputListLimitPlugin refuses them too).
          try {
            assertVariableListSizes(operation, request.variables);
          } catch (error) {
            throw error instanceof DomainError ? requestInputError(error) : error;
          }
          const cost = memoizedOperationCost(
            schema,
            document,
            request.operationName ?? undefined,
            request.variables,
            maxCost,
          );
          if (cost !== undefined && cost > maxCost) {
            throw new OperationLimitError(
              'cost',
              maxCost,
              cost,
              `The operation's estimated cost is ${cost}; at most ${maxCost} is allowed (GRAPHQL_MAX_COST). ` +
                'Lists count their `first` (or their size) times their selection; ask for smaller pages or fewer nested lists.',
            );
          }
        },
      };
    },
  };
}
