import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { displayValue, type ErrorCode, type ErrorReason } from '../../domain/errors';
import { INSTANT_ALLOWED, instantRefusalReason, parseInstant } from '../../domain/rules/instant-range';

function refuse(value: unknown, reason: ErrorReason, node?: ValueNode): GraphQLError {
  const shown = displayValue(value);
  return new GraphQLError(`DateTime cannot represent ${shown}: expected ${INSTANT_ALLOWED}`, {
    nodes: node,
    extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode, reason, value: shown, allowed: INSTANT_ALLOWED },
  });
}

function parseText(value: unknown, node?: ValueNode): Date {
  if (typeof value !== 'string') throw refuse(node ? print(node) : value, 'INVALID_VALUE', node);
  const date = parseInstant(value);
  if (date !== null) return date;
  throw refuse(value, instantRefusalReason(value), node);
}

/**
 * The `DateTime` scalar of the whole schema: an instant as an RFC 3339 / ISO-8601 date-time with a
 * time zone, in years 0001 to 9999 (instant-range.ts). Inputs outside that (year 0000, signed or
 * five-digit years, 30 February, 24:00, a leap second, no offset) are refused with BAD_USER_INPUT
 * (reason INVALID_VALUE or DATE_OUT_OF_RANGE, `allowed`); the field path is added by the error
 * mapping (input-error-path.ts). Output is UTC with milliseconds (`Date.toJSON`), also for stored
 * instants outside the input range, so reading such a row never fails.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, Date>({
  name: 'DateTime',
  description:
    'An instant: an RFC 3339 / ISO-8601 date-time with a time zone (`Z` or `±hh:mm`), such as 2026-03-01T09:30:00Z, in years 0001 to 9999. ' +
    'Answers are in UTC with milliseconds.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  // A Date is its own JSON form (Date.toJSON is toISOString), as with graphql-scalars' DateTime.
  serialize(value: unknown): Date {
    const date =
      value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
    if (date === null || Number.isNaN(date.getTime()))
      throw new TypeError(`DateTime cannot serialize ${displayValue(value)}`);
    return date;
  },
  parseValue(value: unknown): Date {
    return parseText(value);
  },
  parseLiteral(node: ValueNode): Date {
    return parseText(node.kind === Kind.STRING ? node.value : undefined, node);
  },
});
