import {
  type DocumentNode,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  parse,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import { estimateOperationCost } from './operation-cost';
import { OperationLimitError } from './operation-limit-error';
import { type OperationLimits } from './operation-limits';
import { notSubscriptionError } from './subscription-errors';

/** An operation as a graphql-ws client sends it (the `subscribe` message's payload). */
export interface SubscriptionRequest {
  readonly query: string;
  readonly operationName?: string | null;
  readonly variables?: Record<string, unknown> | null;
}

/** What graphql-js's `subscribe` runs, once the request passed every check. */
export interface CheckedSubscription {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variableValues: Record<string, unknown> | undefined;
}

/**
 * `error` with `code`, as Apollo codes the same errors of an HTTP request: as it is when it has a
 * code already (a limit's QUERY_TOO_COMPLEX), else a copy holding it as its original (so that the
 * parser's token-limit error is still found by its message).
 */
function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions.code !== undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error,
    extensions: { ...error.extensions, code },
  });
}

/**
 * Checks an operation sent over the WebSocket as an HTTP request's is checked, with the same codes:
 * parsed within GRAPHQL_MAX_TOKENS (GRAPHQL_PARSE_FAILED, or QUERY_TOO_COMPLEX over the limit),
 * validated with graphql-js's rules plus the limits' rules and `extraRules` (GRAPHQL_VALIDATION_FAILED
 * or QUERY_TOO_COMPLEX), one operation identified (OPERATION_RESOLUTION_FAILURE), a subscription
 * (OPERATION_NOT_SUBSCRIPTION), within GRAPHQL_MAX_COST (QUERY_TOO_COMPLEX), and its variables
 * coerced (BAD_USER_INPUT). Returns what to run, or the errors to answer with.
 */
export function checkSubscriptionRequest(
  schema: GraphQLSchema,
  request: SubscriptionRequest,
  limits: OperationLimits,
  validationRules: readonly ValidationRule[],
): CheckedSubscription | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(request.query, limits.enabled ? { maxTokens: limits.maxTokens } : undefined);
  } catch (error) {
    if (error instanceof GraphQLError) return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
    throw error;
  }
  const invalid = validate(schema, document, [...specifiedRules, ...validationRules]);
  if (invalid.length > 0) return invalid.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
  const operationName = request.operationName ?? undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation)
    return [
      new GraphQLError(
        operationName === undefined
          ? 'The document holds several operations: name the one to run (operationName)'
          : `The document has no operation named ${JSON.stringify(operationName.slice(0, 100))}`,
        { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } },
      ),
    ];
  if (operation.operation !== 'subscription') return [notSubscriptionError(operation.operation)];
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
  if (coerced.errors) return coerced.errors.map((e) => withCode(e, 'BAD_USER_INPUT'));
  if (limits.enabled) {
    try {
      const cost = estimateOperationCost(schema, document, operationName, request.variables ?? {}, limits.maxCost);
      if (cost !== undefined && cost > limits.maxCost)
        return [
          new OperationLimitError(
            'cost',
            limits.maxCost,
            cost,
            `The operation's estimated cost is ${cost}; at most ${limits.maxCost} is allowed (GRAPHQL_MAX_COST).`,
          ),
        ];
    } catch (error) {
      if (error instanceof OperationLimitError) return [error];
      throw error;
    }
  }
  return { schema, document, operationName, variableValues: request.variables ?? undefined };
}

/**
 * The error of a subscription as graphql-ws hands it over: an error thrown while the events
 * stream is wrapped by graphql-ws in a GraphQLError without a path, whose original is the one to
 * format (a coded GraphQLError, or the DomainError of a key revoked while listening).
 */
export function unwrapStreamError(error: GraphQLError): GraphQLError {
  const original = error.originalError;
  if (error.path === undefined && error.extensions.code === undefined && original instanceof GraphQLError)
    return original;
  return error;
}

/** Formats the errors of a subscription with the server's one mapping (`formatError`). */
export function formatSubscriptionErrors(
  errors: readonly GraphQLError[],
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): GraphQLFormattedError[] {
  return errors.map((e) => {
    const error = unwrapStreamError(e);
    const formatted = formatError(error.toJSON(), error);
    if (formatted.extensions?.http === undefined) return formatted;
    // `http` (status, Retry-After) shapes Apollo's HTTP answer; a WebSocket message has no such thing.
    const { http: _http, ...extensions } = formatted.extensions;
    return { ...formatted, extensions };
  });
}
