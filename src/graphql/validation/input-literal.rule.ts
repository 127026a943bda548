import {
  type ASTVisitor,
  type FloatValueNode,
  getNamedType,
  GraphQLError,
  type IntValueNode,
  type StringValueNode,
  type ValidationContext,
} from 'graphql';
import { displayValue, type ErrorCode } from '../../domain/errors';
import { NUL_FREE_ALLOWED } from '../../domain/rules/nul-text';

const FINITE_ALLOWED = 'a finite number (at most about 1.8e308 in magnitude)';

/**
 * Refuses literals in the document that the schema's scalars would let through but the rules and the
 * database cannot take (variables get the same checks from the scalars and nul-text.plugin.ts):
 * - a string holding a NUL character (U+0000, written `\u0000`): PostgreSQL text cannot store it;
 * - a number that a `Float` argument or input field would read as Infinity (`1e400`, or an integer
 *   of 310 digits): graphql-js's `Float` checks finiteness for variables but not for literals.
 * `Int` literals need no rule (graphql-js refuses those outside 32 bits), and NaN or Infinity cannot
 * be written as GraphQL numbers at all (they are enum values, which `Float` refuses).
 * Errors are BAD_USER_INPUT; the error mapping adds the field path (input-error-path.ts).
 */
export function InputLiteralRule(context: ValidationContext): ASTVisitor {
  const check = (node: FloatValueNode | IntValueNode) => {
    if (getNamedType(context.getInputType())?.name !== 'Float' || Number.isFinite(Number(node.value))) return;
    const shown = displayValue(node.value);
    context.reportError(
      new GraphQLError(`Float cannot represent ${node.value.slice(0, 60)}: expected ${FINITE_ALLOWED}`, {
        nodes: node,
        extensions: {
          code: 'BAD_USER_INPUT' satisfies ErrorCode,
          reason: 'INVALID_VALUE',
          value: shown,
          allowed: FINITE_ALLOWED,
        },
      }),
    );
  };
  const checkText = (node: StringValueNode) => {
    if (!node.value.includes('\u0000')) return;
    context.reportError(
      new GraphQLError(`Invalid text: got text with \\u0000, expected ${NUL_FREE_ALLOWED}`, {
        nodes: node,
        extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode, reason: 'NUL_CHARACTER', allowed: NUL_FREE_ALLOWED },
      }),
    );
  };
  return { FloatValue: check, IntValue: check, StringValue: checkText };
}
