import { randomUUID } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import pino, { type Logger } from 'pino';
import { type StatementScope } from '../db/statement-scope';
import { type Context } from '../graphql/context';
import { type ErrorLogger } from '../graphql/errors';

/** What the access log and the metrics know about one HTTP request. */
export interface RequestRecord extends StatementScope {
  readonly requestId: string;
  readonly startedAt: bigint;
  /** The operation's name (`anonymous` for an unnamed one); undefined until resolved. */
  operationName?: string;
  apiKeyId?: string;
  /** `extensions.code` of every error in the answer. */
  readonly errorCodes: Set<string>;
}

const storage = new AsyncLocalStorage<RequestRecord>();

/** The record of the request being answered, if any. */
export function currentRequest(): RequestRecord | undefined {
  return storage.getStore();
}

/** Runs `work` as the request described by `record` (see {@link currentRequest}). */
export function runAsRequest<T>(record: RequestRecord, work: () => T): T {
  return storage.run(record, work);
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The incoming `x-request-id` when it is sane (1-128 characters of A-Z a-z 0-9 . _ -), else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && REQUEST_ID.test(value) ? value : randomUUID();
}

/** The JSON logger (pino) at `level` (LOG_LEVEL: fatal, error, warn, info, debug, trace or silent). */
export function createLogger(level = 'info'): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}

/** The formatError logger interface over pino: the message, and the rest (an error's stack) as `detail`. */
export function errorLoggerFrom(logger: Logger): ErrorLogger {
  return {
    error: (message, ...rest) =>
      logger.error({ requestId: currentRequest()?.requestId, detail: rest.length === 1 ? rest[0] : rest }, message),
  };
}

/**
 * Wraps formatError: every error carries the request's id in `extensions.requestId`; an error of
 * Apollo's that refuses the request without a code (such as an unsupported persisted-query
 * version, answered with status 400) is `BAD_REQUEST`, not an internal error.
 */
export function withRequestId(format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Apollo's request-level refusals are GraphQLErrors of its own: no cause, no path; resolvers' errors have one or the other.
    const uncodedClientError =
      error instanceof GraphQLError &&
      !error.originalError &&
      error.path === undefined &&
      error.extensions?.code === undefined;
    const result = uncodedClientError
      ? { message: formatted.message, extensions: { code: 'BAD_REQUEST' } }
      : format(formatted, error);
    const request = currentRequest();
    if (!request) return result;
    const code = result.extensions?.code;
    if (typeof code === 'string') request.errorCodes.add(code);
    return { ...result, extensions: { ...result.extensions, requestId: request.requestId } };
  };
}

/** Records the operation's name and the calling API key on the request's record. */
export function requestRecordPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName, operation, contextValue }) {
          if (operation?.operation === 'subscription') {
            throw new GraphQLError(
              'Subscriptions are served over the WebSocket at /graphql (graphql-ws protocol), not over HTTP',
              {
                extensions: { code: 'BAD_REQUEST', http: { status: 400, headers: new HeaderMap() } },
              },
            );
          }
          const record = currentRequest();
          if (!record) return;
          record.operationName = operationName ?? 'anonymous';
          if (contextValue.principal.kind === 'API_KEY') record.apiKeyId = contextValue.principal.keyId;
        },
        async willSendResponse({ contextValue }) {
          const record = currentRequest();
          if (record && contextValue?.principal?.kind === 'API_KEY') record.apiKeyId = contextValue.principal.keyId;
        },
      };
    },
  };
}
