import { type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { DomainError, type ErrorCode } from '../../domain/errors';
import { findNulText, NUL_FREE_ALLOWED } from '../../domain/rules/nul-text';
import { assertVariableListSizes, requestInputError } from '../input-list-limits';

/**
 * Refuses variables holding a NUL character (U+0000) anywhere, before execution: PostgreSQL text
 * cannot store it (error 22021), so such a value would otherwise fail deep inside a write or a
 * search. The answer is BAD_USER_INPUT (reason NUL_CHARACTER, HTTP 400) naming the variables path,
 * e.g. `input.title`. Literals in the document are refused by InputLiteralRule. Lists over their
 * maximum are refused first (as inputListLimitPlugin does), so an oversized variable is not scanned:
 * Apollo runs every plugin's didResolveOperation, whichever refuses.
 */
export function nulTextPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, operation }) {
          if (operation) {
            try {
              assertVariableListSizes(operation, request.variables);
            } catch (error) {
              throw error instanceof DomainError ? requestInputError(error) : error;
            }
          }
          for (const [name, value] of Object.entries(request.variables ?? {})) {
            const field = findNulText(value, name);
            if (field === undefined) continue;
            throw new GraphQLError(`Invalid ${field}: got text with \\u0000, expected ${NUL_FREE_ALLOWED}`, {
              extensions: {
                code: 'BAD_USER_INPUT' satisfies ErrorCode,
                reason: 'NUL_CHARACTER',
                field,
                allowed: NUL_FREE_ALLOWED,
                http: { status: 400 },
              },
            });
          }
        },
      };
    },
  };
}
