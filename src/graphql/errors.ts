import { randomUUID } from 'node:crypto';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { DomainError, type ErrorCode } from '../domain/errors';
import { translateDatabaseError } from '../db/database-errors';
import { formatDatabaseFault } from './database-faults';
import { findOperationLimitError, operationLimitMessage } from './operation-limit-error';
import { formatInputValueError } from './input-error-path';
import { SUBSCRIPTION_ERROR_CODES } from './subscription-errors';

/** Codes that Apollo or graphql-js attach to errors the client caused; they pass through unchanged. */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** The live subscriptions' own refusals (src/graphql/subscription-errors.ts): they pass through with their `max`. */
const SUBSCRIPTION_CODES: ReadonlySet<string> = new Set(SUBSCRIPTION_ERROR_CODES);

export interface ErrorLogger {
  error(message: string, ...rest: unknown[]): void;
}

function fromDomainError(formatted: GraphQLFormattedError, error: DomainError): GraphQLFormattedError {
  return {
    message: error.message,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: error.code, reason: error.reason, ...error.details },
  };
}

/**
 * The single place where errors become GraphQL errors (Apollo's `formatError`):
 * - `DomainError` -> its message with `extensions.code`, `reason`, `field`, `value`, `allowed`;
 * - database timeouts and outages -> `TIMEOUT` / `SERVICE_UNAVAILABLE` (see `database-faults.ts`);
 * - known database constraint violations -> the matching `DomainError` (see `translateDatabaseError`);
 * - class-validator failures -> `BAD_USER_INPUT` naming each field;
 * - refusals by an operation limit -> `QUERY_TOO_COMPLEX` with `limit`, `max` and `actual` (operation-limits.ts);
 * - values refused by a scalar, enum or input type (variables and literals) -> `BAD_USER_INPUT` naming the field;
 * - parse/validation errors that already carry a client code pass through;
 * - anything else is logged with an error id and returned as `INTERNAL_SERVER_ERROR` with that id,
 *   never with a stack, SQL or table name.
 */
export function createFormatError(logger: ErrorLogger = console) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const limit = findOperationLimitError(error);
    if (limit)
      return {
        message: operationLimitMessage(limit, formatted.message),
        locations: formatted.locations,
        path: formatted.path,
        extensions: { ...limit },
      };
    const unwrapped = unwrapResolverError(error);
    // A domain error raised before execution (e.g. an input list over its maximum) comes wrapped without a path.
    const original =
      unwrapped instanceof GraphQLError && unwrapped.originalError instanceof DomainError
        ? unwrapped.originalError
        : unwrapped;
    if (original instanceof DomainError) return fromDomainError(formatted, original);
    const fault = formatDatabaseFault(formatted, original);
    if (fault) return fault;
    const translated = translateDatabaseError(original);
    if (translated) return fromDomainError(formatted, translated);
    if (original instanceof ArgumentValidationError) {
      const fields = original.extensions.validationErrors.map((v) => ({
        field: v.property,
        value: v.value === undefined ? undefined : JSON.stringify(v.value)?.slice(0, 60),
        constraints: Object.values(v.constraints ?? {}),
      }));
      const message =
        fields.map((f) => `Invalid ${f.field}: ${f.constraints.join('; ')}`).join('. ') || 'Invalid input';
      return {
        message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode, reason: 'INVALID_VALUE', fields },
      };
    }
    const inputValueError = formatInputValueError(formatted, original);
    if (inputValueError) return inputValueError;
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && SUBSCRIPTION_CODES.has(code))
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { ...formatted.extensions },
      };
    if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    const errorId = randomUUID();
    logger.error(`[error ${errorId}]`, original instanceof Error ? (original.stack ?? original.message) : original);
    return {
      message: `Internal server error (error id ${errorId})`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    };
  };
}
