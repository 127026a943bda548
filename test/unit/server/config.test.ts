import path from 'node:path';
import { loadConfig } from '../../../src/server/config';

describe('loadConfig', () => {
  it('uses the embedded database and port 4000 when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      port: 4000,
      host: '127.0.0.1',
      seedDemoData: true,
      dbPoolSize: 10,
    });
    expect(config.embeddedDataDir).toBe(path.resolve('.data/pglite'));
  });

  it('runs a webhook dispatcher every second with the documented back-off by default', () => {
    expect(loadConfig({}).webhooks).toEqual({
      intervalMs: 1000,
      timeoutMs: 10_000,
      retry: { baseMs: 30_000, maxMs: 6 * 3_600_000, maxAttempts: 12 },
    });
  });

  it('reads the WEBHOOK_* settings, 0 turning the dispatcher off', () => {
    const config = loadConfig({
      WEBHOOK_DISPATCH_INTERVAL_MS: '0',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_RETRY_MAX_MS: '200',
      WEBHOOK_MAX_ATTEMPTS: '3',
    });
    expect(config.webhooks).toEqual({
      intervalMs: 0,
      timeoutMs: 2000,
      retry: { baseMs: 50, maxMs: 200, maxAttempts: 3 },
    });
  });

  it('refuses a WEBHOOK_RETRY_MAX_MS below WEBHOOK_RETRY_BASE_MS', () => {
    expect(() => loadConfig({ WEBHOOK_RETRY_BASE_MS: '1000', WEBHOOK_RETRY_MAX_MS: '10' })).toThrow(
      /WEBHOOK_RETRY_MAX_MS="10": expected an integer from 1000/,
    );
  });

  it('reads the live event feed every 250 ms by default, EVENT_FEED_INTERVAL_MS from 10 to 60000', () => {
    expect(loadConfig({}).eventFeedIntervalMs).toBe(250);
    expect(loadConfig({ EVENT_FEED_INTERVAL_MS: '50' }).eventFeedIntervalMs).toBe(50);
    expect(() => loadConfig({ EVENT_FEED_INTERVAL_MS: '5' })).toThrow(
      /EVENT_FEED_INTERVAL_MS="5": expected an integer from 10 to 60000/,
    );
  });

  it('reads DATABASE_URL, PORT and SEED_DEMO_DATA', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', PORT: '8080', SEED_DEMO_DATA: 'false' });
    expect(config).toMatchObject({ databaseUrl: 'postgres://u@h:5432/db', port: 8080, seedDemoData: false });
  });

  it.each([
    ['the embedded demo database', {}, true],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://u@h:5432/db' }, false],
    [
      'DATABASE_URL with ALLOW_ANONYMOUS_READS=true',
      { DATABASE_URL: 'postgres://u@h:5432/db', ALLOW_ANONYMOUS_READS: 'true' },
      true,
    ],
    ['the embedded database with ALLOW_ANONYMOUS_READS=false', { ALLOW_ANONYMOUS_READS: 'false' }, false],
  ])('allows anonymous reads by default only on %s', (_label, env, allowed) => {
    expect(loadConfig(env).allowAnonymousReads).toBe(allowed);
  });

  it.each([
    [{ ALLOW_ANONYMOUS_READS: 'sometimes' }, /ALLOW_ANONYMOUS_READS="sometimes": expected true or false/],
    [{ PORT: 'abc' }, /PORT="abc": expected an integer from 0 to 65535/],
    [{ PORT: '70000' }, /PORT/],
    [{ DB_POOL_SIZE: '0' }, /DB_POOL_SIZE/],
    [{ SEED_DEMO_DATA: 'maybe' }, /SEED_DEMO_DATA="maybe": expected true or false/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads RESPONSE_CACHE_MAX_BYTES (default 64 MiB, 0 turns the whole-answer cache off) and names it when invalid', () => {
    expect(loadConfig({}).responseCacheMaxBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ RESPONSE_CACHE_MAX_BYTES: '0' }).responseCacheMaxBytes).toBe(0);
    expect(loadConfig({ RESPONSE_CACHE_MAX_BYTES: '1048576' }).responseCacheMaxBytes).toBe(1048576);
    expect(() => loadConfig({ RESPONSE_CACHE_MAX_BYTES: '-1' })).toThrow(
      /RESPONSE_CACHE_MAX_BYTES="-1": expected an integer from 0 to/,
    );
    expect(() => loadConfig({ RESPONSE_CACHE_MAX_BYTES: '64MB' })).toThrow(/RESPONSE_CACHE_MAX_BYTES/);
  });
});

describe('loadConfig operation limits', () => {
  it('uses the documented defaults', () => {
    expect(loadConfig({}).operationLimits).toEqual({
      enabled: true,
      maxTokens: 5000,
      maxDepth: 12,
      maxAliases: 30,
      maxDirectives: 50,
      maxCost: 200_000,
      maxAnswerNodes: 20_000,
    });
  });

  it('reads GRAPHQL_LIMITS and each GRAPHQL_MAX_* variable', () => {
    const limits = loadConfig({
      GRAPHQL_LIMITS: 'off',
      GRAPHQL_MAX_TOKENS: '9000',
      GRAPHQL_MAX_DEPTH: '20',
      GRAPHQL_MAX_ALIASES: '5',
      GRAPHQL_MAX_DIRECTIVES: '7',
      GRAPHQL_MAX_COST: '1000',
      GRAPHQL_MAX_ANSWER_NODES: '99',
    }).operationLimits;
    expect(limits).toEqual({
      enabled: false,
      maxTokens: 9000,
      maxDepth: 20,
      maxAliases: 5,
      maxDirectives: 7,
      maxCost: 1000,
      maxAnswerNodes: 99,
    });
  });

  it.each([
    [{ GRAPHQL_MAX_DEPTH: '1' }, /GRAPHQL_MAX_DEPTH="1": expected an integer from 2 to 100/],
    [{ GRAPHQL_MAX_COST: '-5' }, /GRAPHQL_MAX_COST/],
    [{ GRAPHQL_MAX_TOKENS: 'many' }, /GRAPHQL_MAX_TOKENS/],
    [{ GRAPHQL_LIMITS: 'sometimes' }, /GRAPHQL_LIMITS="sometimes": expected true or false/],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
