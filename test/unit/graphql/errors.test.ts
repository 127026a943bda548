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
      extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE', field: 'input.first', value: '500', allowed: 'an integer from 1 to 100' },
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

  it('masks an unexpected error as INTERNAL_SERVER_ERROR with an error id that is also logged', () => {
    const out = format({ message: 'relation "secret_table" does not exist' }, wrap(new Error('relation "secret_table" does not exist')));
    expect(out.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(out.message).not.toContain('secret_table');
    const errorId = out.extensions?.errorId as string;
    expect(out.message).toContain(errorId);
    expect(String(logged[0]?.[0])).toContain(errorId);
  });

  it('passes parse and validation errors through with their code', () => {
    const out = format({ message: 'Syntax Error: Expected Name', extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, new GraphQLError('Syntax Error'));
    expect(out).toMatchObject({ message: 'Syntax Error: Expected Name', extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  });

  it('keeps DomainError codes such as NOT_FOUND and CONFLICT', () => {
    const error = new DomainError('CONFLICT', 'Hypothesis is locked', { reason: 'HYPOTHESIS_LOCKED' });
    expect(format({ message: '' }, wrap(error)).extensions).toMatchObject({ code: 'CONFLICT', reason: 'HYPOTHESIS_LOCKED' });
  });
});
