import { GraphQLError, Kind } from 'graphql';
import { DateTimeScalar } from '../../../src/graphql/scalars/date-time.scalar';

function refusal(parse: () => unknown): GraphQLError {
  try {
    parse();
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('DateTimeScalar', () => {
  it('reads an instant with an offset from a variable and from a literal', () => {
    expect(DateTimeScalar.parseValue('2026-03-01T10:30:00+01:00').toISOString()).toBe('2026-03-01T09:30:00.000Z');
    expect(DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: '2026-03-01T09:30:00Z' }).toISOString()).toBe(
      '2026-03-01T09:30:00.000Z',
    );
  });

  it.each([
    ['0000-01-01T00:00:00Z', 'DATE_OUT_OF_RANGE'],
    ['+010000-01-01T00:00:00Z', 'DATE_OUT_OF_RANGE'],
    ['-000001-01-01T00:00:00Z', 'DATE_OUT_OF_RANGE'],
    ['2026-02-30T00:00:00Z', 'INVALID_VALUE'],
    ['2026-01-01', 'INVALID_VALUE'],
    [1767225600000, 'INVALID_VALUE'],
    [null, 'INVALID_VALUE'],
  ])('refuses %p as BAD_USER_INPUT (%s) with what is allowed', (value, reason) => {
    const error = refusal(() => DateTimeScalar.parseValue(value));
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason,
      allowed: expect.stringContaining('years 0001 to 9999'),
    });
  });

  it('refuses a literal that is not a string', () => {
    const error = refusal(() => DateTimeScalar.parseLiteral({ kind: Kind.INT, value: '1767225600000' }));
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_VALUE',
      value: '"1767225600000"',
    });
  });

  it('answers stored instants outside the input range instead of failing', () => {
    const json = (value: unknown) => JSON.stringify(DateTimeScalar.serialize(value));
    expect(json(new Date('0000-01-01T00:00:00Z'))).toBe('"0000-01-01T00:00:00.000Z"');
    expect(json(new Date('+010000-01-01T00:00:00Z'))).toBe('"+010000-01-01T00:00:00.000Z"');
    expect(json('2026-03-01T09:30:00Z')).toBe('"2026-03-01T09:30:00.000Z"');
  });
});

describe('the schema', () => {
  it('uses DateTimeScalar for every DateTime field and argument', async () => {
    const { createSchema } = await import('../../../src/graphql/schema');
    expect((await createSchema()).getType('DateTime')).toBe(DateTimeScalar);
  });
});
