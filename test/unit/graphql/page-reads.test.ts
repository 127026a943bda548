import { DomainError } from '../../../src/domain/errors';
import { encodeCursor, SqlParams, toConnection } from '../../../src/db/queries/page-reads';
import { isUuid } from '../../../src/domain/rules/keys';
import { decodeCursor, isTimestampCursorValue, validateFirst } from '../../../src/graphql/page-args';

const ID = '0f1e2d3c-4b5a-4968-8776-655443322110';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? `${error.code}:${error.details.field}` : 'OTHER';
  }
  return undefined;
}

describe('encodeCursor / decodeCursor', () => {
  it.each([['a title'], [null], ['2024-01-01T00:00:00.123456Z'], ['ünïcødé "quoted"']])(
    'round-trips the value %p',
    (value) => {
      expect(decodeCursor(encodeCursor('TITLE:ASC', { value, id: ID }), 'TITLE:ASC')).toEqual({ value, id: ID });
    },
  );

  it('produces URL-safe opaque text', () => {
    expect(encodeCursor('KEY:DESC', { value: '???>>>', id: ID })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['garbage', 'not base64 json'],
    ['an empty string', ''],
    ['JSON that is not an object', Buffer.from('"x"').toString('base64url')],
    ['a malformed id', Buffer.from(JSON.stringify({ o: 'KEY:ASC', v: 'a', i: 'nope' })).toString('base64url')],
    ['a non-string value', Buffer.from(JSON.stringify({ o: 'KEY:ASC', v: 3, i: ID })).toString('base64url')],
    ['a NUL in the value', Buffer.from(JSON.stringify({ o: 'KEY:ASC', v: 'a\u0000', i: ID })).toString('base64url')],
    ['another order', encodeCursor('KEY:DESC', { value: 'a', id: ID })],
  ])('rejects %s with BAD_USER_INPUT on `after`', (_name, raw) => {
    expect(codeOf(() => decodeCursor(raw, 'KEY:ASC'))).toBe('BAD_USER_INPUT:after');
  });
});

describe('validateFirst', () => {
  it.each([1, 20, 100])('accepts %d', (first) => {
    expect(validateFirst(first)).toBe(first);
  });

  it.each([0, -1, 101, 2.5, Number.NaN])('rejects %p naming the allowed range', (first) => {
    expect(codeOf(() => validateFirst(first))).toBe('BAD_USER_INPUT:first');
    expect(() => validateFirst(first)).toThrow('an integer from 1 to 100');
  });
});

describe('isTimestampCursorValue', () => {
  it.each([
    ['2024-01-01T00:00:00.000000Z', true],
    ['2024-02-29T23:59:59.999999Z', true],
    ['2024-02-30T00:00:00.000000Z', false],
    ['2024-13-01T00:00:00.000000Z', false],
    ['2026-02-29T00:00:00.000000Z', false],
    ['2026-01-01T24:00:00.000000Z', false],
    ['0001-02-29T00:00:00.000000Z BC', true],
    ['0001-06-01T00:00:00.000000Z BC', true],
    ['4714-01-01T00:00:00.000000Z BC', false],
    ['10000-01-01T00:00:00.000000Z', true],
    ['294277-01-01T00:00:00.000000Z', false],
    ['2026-01-01T00:00:00.000000Z AD', false],
    ['0000-01-01T00:00:00.000000Z', false],
    ['2024-01-01T00:00:00Z', false],
    ['yesterday', false],
  ])('is %p -> %p', (value, expected) => {
    expect(isTimestampCursorValue(value)).toBe(expected);
  });
});

describe('isUuid', () => {
  it('accepts canonical UUIDs in either case and rejects anything else', () => {
    expect(isUuid(ID)).toBe(true);
    expect(isUuid(ID.toUpperCase())).toBe(true);
    expect(isUuid(`${ID}0`)).toBe(false);
    expect(isUuid('42')).toBe(false);
  });
});

describe('SqlParams', () => {
  it('numbers parameters in the order they are added', () => {
    const params = new SqlParams();
    expect([params.add('a'), params.add(2)]).toEqual(['$1', '$2']);
    expect(params.values).toEqual(['a', 2]);
  });
});

describe('toConnection', () => {
  const rows = ['a', 'b', 'c'].map((value, i) => ({ node: { id: `${ID.slice(0, -1)}${i}` }, cursorValue: value }));

  it('uses the extra row only to signal a next page', () => {
    const connection = toConnection(rows, { first: 2, order: 'KEY:ASC', hasCursor: false, totalCount: 7 });
    expect(connection.edges.map((e) => e.node.id)).toEqual([rows[0]!.node.id, rows[1]!.node.id]);
    expect(connection.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: connection.edges[0]!.cursor,
      endCursor: connection.edges[1]!.cursor,
    });
    expect(decodeCursor(connection.pageInfo.endCursor!, 'KEY:ASC')).toEqual({ value: 'b', id: rows[1]!.node.id });
    expect(connection.totalCount).toBe(7);
  });

  it('returns null cursors for an empty page after a cursor', () => {
    expect(toConnection([], { first: 2, order: 'KEY:ASC', hasCursor: true, totalCount: 3 }).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: null,
      endCursor: null,
    });
  });
});
