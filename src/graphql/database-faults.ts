import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { recordDatabaseUnreachable } from '../db/database-health';
import { DeadlineExceededError } from '../db/request-deadline';

/** What a client sees when the database is too slow or cannot be reached: both are worth a retry. */
export type DatabaseFault =
  | { readonly code: 'TIMEOUT'; readonly reason: 'REQUEST_DEADLINE' | 'STATEMENT_TIMEOUT' }
  | { readonly code: 'SERVICE_UNAVAILABLE'; readonly reason: 'DATABASE_UNAVAILABLE' };

/** The codes of `DatabaseFault`s: answered with HTTP 503 and Retry-After. */
export const DATABASE_FAULT_CODES: ReadonlySet<string> = new Set(['TIMEOUT', 'SERVICE_UNAVAILABLE']);

/** Seconds a client is told to wait before retrying (Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Errors that mean "the database cannot be reached": socket errors, PostgreSQL shutting down
 * (57P01-57P03), connection exceptions (class 08), and the messages `pg` gives a dropped connection.
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
]);
const UNREACHABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|connection error|not queryable|ECONNREFUSED|ECONNRESET/i;

const MESSAGES: Record<DatabaseFault['reason'], string> = {
  REQUEST_DEADLINE: 'The request took longer than its time limit; retry later, or ask for less',
  STATEMENT_TIMEOUT:
    'A database statement took longer than its time limit (statement_timeout); retry later, or ask for less',
  DATABASE_UNAVAILABLE: 'The database is unavailable; retry later',
};

/** The errors an error was made from: itself, a GraphQL error's original, TypeORM's driver error, a cause. */
function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; typeof current === 'object' && current !== null && chain.length < 6;) {
    chain.push(current);
    const e = current as { originalError?: unknown; driverError?: unknown; cause?: unknown };
    current = e.originalError ?? e.driverError ?? e.cause;
  }
  return chain;
}

/** Classifies an error as a database timeout or outage, or `undefined` when it is neither. */
export function classifyDatabaseFault(error: unknown): DatabaseFault | undefined {
  for (const e of errorChain(error)) {
    if (e instanceof DeadlineExceededError) return { code: 'TIMEOUT', reason: 'REQUEST_DEADLINE' };
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === '57014') return { code: 'TIMEOUT', reason: 'STATEMENT_TIMEOUT' };
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08')))
      return { code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE' };
    if (typeof message === 'string' && UNREACHABLE_MESSAGES.test(message))
      return { code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE' };
  }
  return undefined;
}

/** The client-facing form of a database fault (used by `createFormatError`); `undefined` for other errors. */
export function formatDatabaseFault(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError | undefined {
  const fault = classifyDatabaseFault(error);
  if (!fault) return undefined;
  return {
    message: MESSAGES[fault.reason],
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: fault.code, reason: fault.reason, retryAfterSeconds: RETRY_AFTER_SECONDS },
  };
}

/**
 * A database fault raised while the request's context is built (authentication reads the key), as
 * the GraphQL error Apollo answers with: HTTP 503 and Retry-After. Other errors are returned as they are.
 */
export function asContextFault(error: unknown): unknown {
  const fault = classifyDatabaseFault(error);
  if (!fault) return error;
  return new GraphQLError(MESSAGES[fault.reason], {
    // Not `instanceof Error`: an error from another realm (a VM context, a worker) is still the cause.
    originalError: typeof error === 'object' && error !== null ? (error as Error) : undefined,
    extensions: {
      code: fault.code,
      reason: fault.reason,
      http: { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
    },
  });
}

export interface FaultLogger {
  error(message: string, ...rest: unknown[]): void;
}

/**
 * Logs database faults and answers them with HTTP 503 + Retry-After. One line per failed request,
 * without a stack; the stack of an unreachable database once per incident (until a statement
 * succeeds again), so that an outage under load does not flood the log with identical stacks.
 */
export function databaseFaultPlugin(logger: FaultLogger): ApolloServerPlugin {
  const log = (operation: string | null | undefined, errors: readonly unknown[]) => {
    const faults = errors
      .map((error) => ({ error, fault: classifyDatabaseFault(error) }))
      .filter((f) => f.fault !== undefined);
    if (faults.length === 0) return;
    const { error, fault } = faults[0]!;
    const cause = errorChain(error).at(-1) as { code?: unknown; message?: unknown };
    logger.error(
      `[${fault!.reason}] operation ${operation ?? '(anonymous)'}: ${String(cause.code ?? '')} ${String(cause.message ?? '')}`.trim(),
    );
    if (fault!.code === 'SERVICE_UNAVAILABLE' && recordDatabaseUnreachable()) {
      const { stack, message } = cause as { stack?: unknown; message?: unknown };
      logger.error('[DATABASE_UNAVAILABLE] first failure of this incident:', stack ?? message ?? cause);
    }
  };
  return {
    async contextCreationDidFail({ error }) {
      log(null, [error]);
    },
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, operationName }) {
          log(operationName, errors);
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const codes = (response.body.singleResult.errors ?? []).map((e) => e.extensions?.code);
          if (!codes.some((code) => typeof code === 'string' && DATABASE_FAULT_CODES.has(code))) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
