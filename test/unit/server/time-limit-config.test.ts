import { loadConfig } from '../../../src/server/config';

describe('loadConfig time limits', () => {
  it('defaults to a 10 s statement timeout, a 15 s request deadline and 5 s for anonymous requests', () => {
    expect(loadConfig({})).toMatchObject({
      dbStatementTimeoutMs: 10_000,
      requestTimeoutMs: 15_000,
      anonymousRequestTimeoutMs: 5_000,
    });
  });

  it('reads DB_STATEMENT_TIMEOUT_MS (0 turns it off), REQUEST_TIMEOUT_MS and ANONYMOUS_REQUEST_TIMEOUT_MS', () => {
    expect(
      loadConfig({ DB_STATEMENT_TIMEOUT_MS: '0', REQUEST_TIMEOUT_MS: '30000', ANONYMOUS_REQUEST_TIMEOUT_MS: '2000' }),
    ).toMatchObject({ dbStatementTimeoutMs: 0, requestTimeoutMs: 30_000, anonymousRequestTimeoutMs: 2_000 });
  });

  it.each([
    [{ DB_STATEMENT_TIMEOUT_MS: '-1' }, /DB_STATEMENT_TIMEOUT_MS="-1": expected an integer from 0 to 3600000/],
    [{ REQUEST_TIMEOUT_MS: '50' }, /REQUEST_TIMEOUT_MS="50": expected an integer from 100 to 3600000/],
    [{ ANONYMOUS_REQUEST_TIMEOUT_MS: 'soon' }, /ANONYMOUS_REQUEST_TIMEOUT_MS="soon"/],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
