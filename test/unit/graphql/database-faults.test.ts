import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { DeadlineExceededError } from '../../../src/db/request-deadline';
import { classifyDatabaseFault, formatDatabaseFault } from '../../../src/graphql/database-faults';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const queryFailed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);
const fromResolver = (error: Error) => new GraphQLError(error.message, { originalError: error, path: ['experiments'] });

describe('classifyDatabaseFault', () => {
  it.each([
    [
      'a statement cancelled by statement_timeout (57014)',
      queryFailed(pgError('57014')),
      'TIMEOUT',
      'STATEMENT_TIMEOUT',
    ],
    [
      'a statement refused after the request deadline',
      queryFailed(new DeadlineExceededError(100)),
      'TIMEOUT',
      'REQUEST_DEADLINE',
    ],
    [
      'a refused connection (ECONNREFUSED)',
      pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'),
      'SERVICE_UNAVAILABLE',
      'DATABASE_UNAVAILABLE',
    ],
    [
      'a reset connection inside a resolver error',
      fromResolver(queryFailed(pgError('ECONNRESET'))),
      'SERVICE_UNAVAILABLE',
      'DATABASE_UNAVAILABLE',
    ],
    ['an administrator shutdown (57P01)', queryFailed(pgError('57P01')), 'SERVICE_UNAVAILABLE', 'DATABASE_UNAVAILABLE'],
    ['a connection exception (class 08)', queryFailed(pgError('08006')), 'SERVICE_UNAVAILABLE', 'DATABASE_UNAVAILABLE'],
    [
      'a connection pg saw end',
      queryFailed(new Error('Connection terminated unexpectedly')),
      'SERVICE_UNAVAILABLE',
      'DATABASE_UNAVAILABLE',
    ],
    [
      'no connection free in time',
      new Error('timeout exceeded when trying to connect'),
      'SERVICE_UNAVAILABLE',
      'DATABASE_UNAVAILABLE',
    ],
  ])('classifies %s', (_label, error, code, reason) => {
    expect(classifyDatabaseFault(error)).toEqual({ code, reason });
  });

  it.each([
    ['a unique violation', queryFailed(pgError('23505'))],
    ['a syntax error', queryFailed(pgError('42601'))],
    ['a programming error', new TypeError('x is undefined')],
    ['a non-error value', 'boom'],
  ])('leaves %s alone', (_label, error) => {
    expect(classifyDatabaseFault(error)).toBeUndefined();
  });
});

describe('formatDatabaseFault', () => {
  it('answers a coded error with the retry delay, without the driver message', () => {
    const formatted = formatDatabaseFault(
      { message: 'connect ECONNREFUSED 10.0.0.1:5432', path: ['experiments'] },
      pgError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:5432'),
    );
    expect(formatted).toEqual({
      message: 'The database is unavailable; retry later',
      locations: undefined,
      path: ['experiments'],
      extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE', retryAfterSeconds: 5 },
    });
  });
});
