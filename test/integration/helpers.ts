import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { type Logger } from 'pino';
import { type DataSource } from 'typeorm';
import { createDataSource, sqlCounter } from '../../src/db/data-source';
import { type AddressInfo } from 'node:net';
import { INTERNAL_PRINCIPAL } from '../../src/domain/principal';
import { createContext } from '../../src/graphql/context';
import { type OperationLimits } from '../../src/graphql/operation-limits';
import { type App, createApp, type SubscriptionLimits } from '../../src/server/app';

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: ReadonlyArray<{
    message: string;
    path?: ReadonlyArray<string | number>;
    extensions?: Record<string, unknown>;
  }>;
}

export interface TestApp {
  readonly app: App;
  readonly dataSource: DataSource;
  /**
   * Runs an operation through Apollo with the real `createContext` and the full-access in-process
   * principal (INTERNAL_PRINCIPAL): tests of behaviour other than access control need no key.
   * Fails on INTERNAL_SERVER_ERROR.
   */
  exec<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /**
   * POSTs an operation to the real HTTP server (Authorization: Bearer `token` when given), so the
   * principal comes from the header as in production. Fails on INTERNAL_SERVER_ERROR.
   */
  post<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    extraHeaders?: Record<string, string>,
  ): Promise<GraphQLResult<T> & { status: number }>;
  /** Same as `post`, with the response's headers too (Retry-After, ...). */
  postWithHeaders<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    extraHeaders?: Record<string, string>,
  ): Promise<GraphQLResult<T> & { status: number; headers: Headers }>;
  /** Same as exec but also returns the number of SQL statements the operation ran. */
  execCounting<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ result: GraphQLResult<T>; statements: number }>;
  /** The URL of `path` on the real HTTP server (listening on a free port from the first call on). */
  httpUrl(path?: string): Promise<string>;
  /** Error lines given to the app's error logger since the last call (emptied). */
  takeLogged(): unknown[];
  /** Empties every table (between tests). */
  truncateAll(): Promise<void>;
  /** What the app logged as errors (each entry: the logger's arguments). */
  readonly errorLog: unknown[][];
}

/** Options of `useTestApp` beyond access: time limits and the database connection (fault tests). */
export interface TestAppOptions {
  allowAnonymousReads?: boolean;
  /** Replaces the default operation limits (GRAPHQL_MAX_*). */
  operationLimits?: OperationLimits;
  /** Browser origins allowed by CORS (CORS_ORIGINS). */
  corsOrigins?: readonly string[];
  /** The JSON logger of the app (default silent). */
  log?: Logger;
  /** Serve /metrics (METRICS). */
  metrics?: boolean;
  /** REQUEST_TIMEOUT_MS / ANONYMOUS_REQUEST_TIMEOUT_MS of the HTTP path (default: none). */
  timeouts?: { requestMs: number; anonymousRequestMs: number };
  /** statement_timeout of the pool (PostgreSQL mode; PGlite ignores it). */
  statementTimeoutMs?: number;
  /** The database URL the app connects to, read in beforeAll (default TEST_DATABASE_URL), e.g. through a proxy. */
  databaseUrl?: () => string;
  poolSize?: number;
  /** EVENT_FEED_INTERVAL_MS of the live event feed (default 250). */
  eventFeedIntervalMs?: number;
  /** Lower limits of the live subscriptions (connections, subscriptions per connection, queue). */
  subscriptionLimits?: SubscriptionLimits;
}

/** Every table a test writes, children before their parents (the order in which `truncateAll` empties them). */
const TABLES = [
  'webhook_delivery',
  'outbox_event',
  'webhook_subscription',
  'api_key',
  'audit_log',
  'idempotency_key',
  'experiment_classification_history',
  'experiment_metric_effect',
  'experiment_classification',
  // After the classifications: deleting them updates the month summary (a trigger).
  'org_rollup_month',
  // After the months: its triggers keep the totals.
  'org_rollup_total',
  'learning_hypothesis',
  'learning_experiment',
  'learning',
  'decision',
  'health_check',
  'external_result',
  'metric_result',
  'experiment_metric',
  'metric',
  'variant',
  'hypothesis',
  'experiment_design_amendment',
  'experiment',
  'org_node_closure',
  'org_node',
];

/**
 * Empties every table in one round trip. DELETE, not TRUNCATE: on PostgreSQL a TRUNCATE of these tables takes about
 * 100 ms (new files for every table and index), a DELETE of the few rows a test leaves a few ms. The triggers fire as
 * for any delete (the roll-up version moves, the month summary follows the classifications). audit_log is append-only
 * (its trigger refuses DELETE), so it is truncated, when it holds rows.
 */
const EMPTY_TABLES = TABLES.map((table) =>
  table === 'audit_log'
    ? `DO $$ BEGIN IF EXISTS (SELECT FROM audit_log) THEN TRUNCATE audit_log; END IF; END $$`
    : `DELETE FROM ${table}`,
).join(';\n');

/** Reads `test/integration/operations/<name>.graphql`. */
export function operation(name: string): string {
  return fs.readFileSync(path.join(__dirname, 'operations', `${name}.graphql`), 'utf8');
}

/**
 * Registers beforeAll/afterAll hooks and returns the handle used by the tests of one file.
 * `allowAnonymousReads` configures the HTTP path (`post`) like ALLOW_ANONYMOUS_READS (default off);
 * `operationLimits` replaces the default limits (GRAPHQL_MAX_*).
 */
export function useTestApp(options: TestAppOptions = {}): TestApp {
  const state: { app?: App; dataSource?: DataSource; baseUrl?: string } = {};
  const logged: unknown[][] = [];
  beforeAll(async () => {
    if (!process.env.TEST_DATABASE_URL)
      throw new Error('TEST_DATABASE_URL is not set: run through jest (globalSetup prepares the database)');
    const url = options.databaseUrl?.() ?? process.env.TEST_DATABASE_URL;
    const postgres = process.env.TEST_DATABASE_MODE === 'postgres';
    const dataSource = createDataSource({
      url,
      poolSize: options.poolSize ?? (postgres ? 4 : 1),
      statementTimeoutMs: postgres ? options.statementTimeoutMs : undefined,
      cancelAtDeadline: postgres,
    });
    await dataSource.initialize();
    state.dataSource = dataSource;
    state.app = await createApp({
      dataSource,
      logger: { error: (...args: unknown[]) => logged.push(args) },
      allowAnonymousReads: options.allowAnonymousReads ?? false,
      operationLimits: options.operationLimits,
      timeouts: options.timeouts,
      corsOrigins: options.corsOrigins,
      log: options.log,
      metrics: options.metrics,
      eventFeedIntervalMs: options.eventFeedIntervalMs ?? 20,
      subscriptionLimits: options.subscriptionLimits,
    });
  });
  afterAll(async () => {
    await state.app?.subscriptions.close();
    if (state.baseUrl) await new Promise((resolve) => state.app!.httpServer.close(resolve));
    await state.app?.apollo.stop();
    await state.dataSource?.destroy();
  });

  async function exec<T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>> {
    const app = state.app!;
    const response = await app.apollo.executeOperation(
      { query, variables },
      { contextValue: createContext(state.dataSource!, INTERNAL_PRINCIPAL) },
    );
    if (response.body.kind !== 'single') throw new Error('Expected a single result');
    const result = response.body.singleResult as GraphQLResult<T>;
    const internal = result.errors?.find((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
    if (internal)
      throw new Error(`INTERNAL_SERVER_ERROR: ${internal.message}\n${JSON.stringify(logged.splice(0), null, 2)}`);
    return result;
  }

  async function httpUrl(path = '/graphql'): Promise<string> {
    if (!state.baseUrl) {
      await new Promise<void>((resolve) => state.app!.httpServer.listen(0, '127.0.0.1', resolve));
      state.baseUrl = `http://127.0.0.1:${(state.app!.httpServer.address() as AddressInfo).port}/graphql`;
    }
    return new URL(path, state.baseUrl).toString();
  }

  async function postWithHeaders<T>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    extraHeaders: Record<string, string> = {},
  ): Promise<GraphQLResult<T> & { status: number; headers: Headers }> {
    const url = await httpUrl();
    const headers: Record<string, string> = { 'content-type': 'application/json', ...extraHeaders };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const result = (await response.json()) as GraphQLResult<T>;
    const internal = result.errors?.find((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
    if (internal)
      throw new Error(`INTERNAL_SERVER_ERROR: ${internal.message}\n${JSON.stringify(logged.splice(0), null, 2)}`);
    // Every error carries the response's request id; it is checked here and left out, so answers of two requests compare equal.
    const requestId = response.headers.get('x-request-id');
    const errors = result.errors?.map(({ extensions, ...error }) => {
      if (extensions?.requestId !== requestId)
        throw new Error(`error without the request id ${requestId}: ${JSON.stringify(extensions)}`);
      const { requestId: _omitted, ...rest } = extensions ?? {};
      return { ...error, extensions: rest };
    });
    return { ...result, ...(errors ? { errors } : {}), status: response.status, headers: response.headers };
  }

  async function post<T>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    extraHeaders: Record<string, string> = {},
  ): Promise<GraphQLResult<T> & { status: number }> {
    const { headers: _headers, ...result } = await postWithHeaders<T>(query, variables, token, extraHeaders);
    return result;
  }

  return {
    get app() {
      return state.app!;
    },
    get dataSource() {
      return state.dataSource!;
    },
    exec,
    post,
    httpUrl,
    postWithHeaders,
    takeLogged: () => logged.splice(0),
    async execCounting<T>(query: string, variables?: Record<string, unknown>) {
      const counter = sqlCounter(state.dataSource!);
      const before = counter.count;
      const result = await exec<T>(query, variables);
      return { result, statements: counter.count - before };
    },
    async truncateAll() {
      await state.dataSource!.query(EMPTY_TABLES);
    },
    errorLog: logged,
  };
}

/**
 * A fingerprint of every table's content, to assert that a failed mutation left the database as it was.
 */
export async function snapshotDatabase(dataSource: DataSource): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  // api_key is left out: its last_used_at moves with every authenticated request, refused ones included.
  for (const table of TABLES.filter((name) => name !== 'api_key')) {
    const [row] = await dataSource.query(
      `SELECT count(*)::int AS n, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS h FROM ${table} t`,
    );
    snapshot[table] = `${row.n}:${row.h}`;
  }
  return snapshot;
}

/** Asserts the result failed with the given code (and reason, if given) and returns the first error. */
export function expectError(result: GraphQLResult<unknown>, code: string, reason?: string) {
  expect(result.errors?.length).toBeGreaterThan(0);
  const error = result.errors![0]!;
  expect(error.extensions?.code).toBe(code);
  if (reason !== undefined) expect(error.extensions?.reason).toBe(reason);
  return error;
}
