import { GraphQLError } from 'graphql';

export type OperationLimitName = 'tokens' | 'depth' | 'aliases' | 'directives' | 'cost' | 'answerNodes';

/** The error code of every refusal by an operation limit. */
export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/** Extensions of a refusal: which limit, its maximum and the measured value (null when it could not be measured). */
export interface OperationLimitExtensions {
  readonly code: typeof QUERY_TOO_COMPLEX;
  readonly limit: OperationLimitName;
  readonly max: number;
  readonly actual: number | null;
}

/** A refusal by one operation limit; answered with HTTP 400 and `extensions.code` QUERY_TOO_COMPLEX. */
export class OperationLimitError extends GraphQLError {
  readonly limitExtensions: OperationLimitExtensions;

  constructor(limit: OperationLimitName, max: number, actual: number | null, message: string) {
    super(message, { extensions: { code: QUERY_TOO_COMPLEX, limit, max, actual, http: { status: 400 } } });
    Object.setPrototypeOf(this, new.target.prototype);
    this.limitExtensions = { code: QUERY_TOO_COMPLEX, limit, max, actual };
  }
}

// graphql-js's parser message when `maxTokens` is exceeded ("more that" is its spelling).
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] (\d+) tokens/;

/**
 * The limit refusal behind an error Apollo reports, if it is one: an `OperationLimitError` (possibly
 * wrapped by Apollo's validation error or a resolver path), or the parser's token-limit syntax error.
 * The parser stops at the first token over the limit, so a token refusal's `actual` is max + 1.
 */
export function findOperationLimitError(error: unknown): OperationLimitExtensions | undefined {
  for (
    let current: unknown = error, hops = 0;
    current instanceof Error && hops < 3;
    current = (current as GraphQLError).originalError, hops++
  ) {
    if (current instanceof OperationLimitError) return current.limitExtensions;
    const tokens = TOKEN_LIMIT_MESSAGE.exec(current.message);
    if (tokens) {
      const max = Number(tokens[1]);
      return { code: QUERY_TOO_COMPLEX, limit: 'tokens', max, actual: max + 1 };
    }
  }
  return undefined;
}

/** The message a token refusal gets (the parser's own says nothing about the setting). */
export function operationLimitMessage(limit: OperationLimitExtensions, fallback: string): string {
  if (limit.limit !== 'tokens') return fallback;
  return `The operation has more than ${limit.max} tokens (GRAPHQL_MAX_TOKENS); parsing stopped there. Split it into smaller operations.`;
}
