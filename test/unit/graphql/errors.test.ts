import { GraphQLError } from 'graphql';
import { DomainError, badInput } from '../../../src/domain/errors';
import { createFormatError } from '../../../src/graphql/errors';

function wrap(original: Error): GraphQLError {
  return new GraphQLError(original.message, { originalError: original, path: ['field'] });
}

describe('createFormatError', () => {
  const logged: unknown[][] = [];
  const format = createFormatError({ error: (...args: unknown[]) => logged.push(args) });

  beforeEach(() => logged.splice(0));

  it('maps a DomainError to its code, reason and field details', () => {
    const error = badInput('input.first', 500, 'an integer from 1 to 100');
    const out = format({ message: error.message }, wrap(error));
    expect(out).toEqual({
      message: 'Invalid input.first: got 500, expected an integer from 1 to 100',
      locations: undefined,
      path: undefined,
      extensions: {
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_VALUE',
        field: 'input.first',
        value: '500',
        allowed: 'an integer from 1 to 100',
      },
    });
  });

  it('maps a unique violation of a known constraint to CONFLICT without naming the table', () => {
    const pgError = Object.assign(new Error('duplicate key value violates unique constraint "experiment_key_uq"'), {
      code: '23505',
      constraint: 'experiment_key_uq',
      table: 'experiment',
    });
    const out = format({ message: pgError.message }, wrap(pgError));
    expect(out.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_KEY' });
    expect(out.message).not.toMatch(/constraint|experiment_key_uq/);
  });

  it.each([
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00', 'NUL_CHARACTER'],
    ['22P05', 'unsupported Unicode escape sequence', 'NUL_CHARACTER'],
    ['22008', 'date/time field value out of range: "0000-01-01T00:00:00.000Z"', 'DATE_OUT_OF_RANGE'],
  ])('maps PostgreSQL error %s (input it cannot hold) to BAD_USER_INPUT without its text', (code, message, reason) => {
    const out = format({ message }, wrap(Object.assign(new Error(message), { code })));
    expect(out.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
    expect(out.message).not.toContain(message);
  });

  it('keeps the field of a BAD_USER_INPUT GraphQLError that names one', () => {
    const error = new GraphQLError('Invalid input.title: got text with \\u0000', {
      extensions: { code: 'BAD_USER_INPUT', reason: 'NUL_CHARACTER', field: 'input.title' },
    });
    expect(format({ message: error.message, extensions: error.extensions }, error).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NUL_CHARACTER',
      field: 'input.title',
    });
  });

  it('masks an unexpected error as INTERNAL_SERVER_ERROR with an error id that is also logged', () => {
    const out = format(
      { message: 'relation "secret_table" does not exist' },
      wrap(new Error('relation "secret_table" does not exist')),
    );
    expect(out.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(out.message).not.toContain('secret_table');
    const errorId = out.extensions?.errorId as string;
    expect(out.message).toContain(errorId);
    expect(String(logged[0]?.[0])).toContain(errorId);
  });

  it('passes parse and validation errors through with their code', () => {
    const out = format(
      { message: 'Syntax Error: Expected Name', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
      new GraphQLError('Syntax Error'),
    );
    expect(out).toMatchObject({ message: 'Syntax Error: Expected Name', extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  });

  it('keeps DomainError codes such as NOT_FOUND and CONFLICT', () => {
    const error = new DomainError('CONFLICT', 'Hypothesis is locked', { reason: 'HYPOTHESIS_LOCKED' });
    expect(format({ message: '' }, wrap(error)).extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'HYPOTHESIS_LOCKED',
    });
  });
});
