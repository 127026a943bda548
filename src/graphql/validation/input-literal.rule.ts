import {
  type ASTVisitor, type FloatValueNode, getNamedType, GraphQLError, type IntValueNode, type ValidationContext,
} from 'graphql';
import { displayValue, type ErrorCode } from '../../domain/errors';

const FINITE_ALLOWED = 'a finite number (at most about 1.8e308 in magnitude)';

/**
 * Refuses a number literal in the document that a `Float` argument or input field would read as
 * Infinity (`1e400`, or an integer of 310 digits): graphql-js's `Float` checks finiteness for
 * variables but not for literals, and an infinite input would reach the rules and the database.
 * `Int` literals need no rule (graphql-js refuses those outside 32 bits), and NaN or Infinity cannot
 * be written as GraphQL numbers at all (they are enum values, which `Float` refuses).
 * The error is BAD_USER_INPUT; the error mapping adds the field path (input-error-path.ts).
 */
export function InputLiteralRule(context: ValidationContext): ASTVisitor {
  const check = (node: FloatValueNode | IntValueNode) => {
    if (getNamedType(context.getInputType())?.name !== 'Float' || Number.isFinite(Number(node.value))) return;
    const shown = displayValue(node.value);
    context.reportError(new GraphQLError(`Float cannot represent ${node.value.slice(0, 60)}: expected ${FINITE_ALLOWED}`, {
      nodes: node,
      extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode, reason: 'INVALID_VALUE', value: shown, allowed: FINITE_ALLOWED },
    }));
  };
  return { FloatValue: check, IntValue: check };
}
