import path from 'node:path';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../graphql/operation-limits';
import { LOOPBACK_ORIGINS } from './cors';
import { DEFAULT_EVENT_FEED_INTERVAL_MS } from '../domain/event-feed';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS } from './drain';
import { WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_DEFAULTS, type WebhookRetryPolicy } from '../domain/webhooks';

/** Typed, validated process configuration. Read once at start-up; see README "Configuration". */
export interface AppConfig {
  /** PostgreSQL connection string; `undefined` means: start the embedded PGlite server. */
  readonly databaseUrl: string | undefined;
  /** Folder where the embedded database keeps its files (ignored when `databaseUrl` is set). */
  readonly embeddedDataDir: string;
  /** Connection pool size against a real PostgreSQL server (the embedded one always uses 1). */
  readonly dbPoolSize: number;
  readonly port: number;
  readonly host: string;
  /** Fill an empty database with the demo portfolio at start-up. */
  readonly seedDemoData: boolean;
  /** Log every SQL statement (debugging). */
  readonly logSql: boolean;
  readonly nodeEnv: string;
  /** Keep roll-up answers in memory, invalidated exactly by the data version (STATS_CACHE, default on). */
  readonly statsCache: boolean;
  /** Total size of the whole-answer cache's keys and answers (RESPONSE_CACHE_MAX_BYTES, default 64 MiB; 0 turns it off). */
  readonly responseCacheMaxBytes: number;
  /**
   * Requests without an API key may read (ALLOW_ANONYMOUS_READS). Default: on for the embedded demo
   * database, off when DATABASE_URL is set (a real deployment); writes always need a key.
   */
  readonly allowAnonymousReads: boolean;
  /** Limits every operation must meet before it runs (GRAPHQL_LIMITS, GRAPHQL_MAX_*; README "Limits"). */
  readonly operationLimits: OperationLimits;
  /** PostgreSQL `statement_timeout` of every pooled connection, ms; 0 = none (DB_STATEMENT_TIMEOUT_MS; PGlite ignores it). */
  readonly dbStatementTimeoutMs: number;
  /** Deadline of one HTTP request, ms: its statements are refused or cancelled after it (REQUEST_TIMEOUT_MS). */
  readonly requestTimeoutMs: number;
  /** Shorter deadline of an anonymous request, ms (ANONYMOUS_REQUEST_TIMEOUT_MS). */
  readonly anonymousRequestTimeoutMs: number;
  /** How long in-flight requests may run after SIGTERM/SIGINT before they are cut (SHUTDOWN_TIMEOUT_MS). */
  readonly shutdownTimeoutMs: number;
  /**
   * Browser origins allowed to call the API (CORS_ORIGINS, comma-separated; `*` for any; `http://host:*` for any port).
   * Default: none with DATABASE_URL, the loopback origins on the embedded database.
   */
  readonly corsOrigins: readonly string[];
  /** Level of the JSON log on stdout (LOG_LEVEL: fatal, error, warn, info, debug, trace, silent; default info). */
  readonly logLevel: string;
  /** Serve Prometheus metrics at /metrics (METRICS, default on). */
  readonly metrics: boolean;
  /** The webhook dispatcher of this process (WEBHOOK_*; docs/events.md). */
  readonly webhooks: WebhookDispatchConfig;
  /** Pause between two reads of the outbox by the live event feed while someone subscribes, ms (EVENT_FEED_INTERVAL_MS). */
  readonly eventFeedIntervalMs: number;
}

/** The webhook dispatcher's settings (README "Configuration", docs/events.md). */
export interface WebhookDispatchConfig {
  /** Pause between passes when nothing is due, ms; 0: no dispatcher in this process (WEBHOOK_DISPATCH_INTERVAL_MS). */
  readonly intervalMs: number;
  /** Time limit of one delivery's HTTP request, ms (WEBHOOK_TIMEOUT_MS). */
  readonly timeoutMs: number;
  /** The back-off of failed deliveries (WEBHOOK_RETRY_BASE_MS, WEBHOOK_RETRY_MAX_MS, WEBHOOK_MAX_ATTEMPTS). */
  readonly retry: WebhookRetryPolicy;
}

/** Default total size of the whole-answer cache's keys and answers (RESPONSE_CACHE_MAX_BYTES): 64 MiB. */
export const DEFAULT_RESPONSE_CACHE_MAX_BYTES = 64 * 1024 * 1024;

function readInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Invalid ${name}=${JSON.stringify(raw)}: expected an integer from ${min} to ${max}`);
  }
  return value;
}

function readBool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new Error(`Invalid ${name}=${JSON.stringify(raw)}: expected true or false`);
}

function readChoice(env: NodeJS.ProcessEnv, name: string, fallback: string, allowed: readonly string[]): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw.toLowerCase()))
    throw new Error(`Invalid ${name}=${JSON.stringify(raw.slice(0, 100))}: expected one of ${allowed.join(', ')}`);
  return raw.toLowerCase();
}

function readCorsOrigins(env: NodeJS.ProcessEnv, fallback: readonly string[]): readonly string[] {
  const raw = env.CORS_ORIGINS;
  if (raw === undefined || raw.trim() === '') return fallback;
  const origins = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new Error(
        `Invalid CORS_ORIGINS entry ${JSON.stringify(origin.slice(0, 100))}: expected *, or an origin such as https://app.example.com or http://localhost:*`,
      );
    }
  }
  return origins;
}

/**
 * Reads and validates the environment.
 * @throws Error naming the variable, its value and what is allowed.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL === '' ? undefined : env.DATABASE_URL;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('Invalid DATABASE_URL: expected postgres://user:password@host:port/database');
  }
  return {
    databaseUrl,
    embeddedDataDir: path.resolve(env.EMBEDDED_DATA_DIR ?? '.data/pglite'),
    dbPoolSize: readInt(env, 'DB_POOL_SIZE', 10, 1, 200),
    port: readInt(env, 'PORT', 4000, 0, 65535),
    host: env.HOST ?? '127.0.0.1',
    seedDemoData: readBool(env, 'SEED_DEMO_DATA', true),
    logSql: readBool(env, 'LOG_SQL', false),
    nodeEnv: env.NODE_ENV ?? 'development',
    statsCache: readBool(env, 'STATS_CACHE', true),
    responseCacheMaxBytes: readInt(
      env,
      'RESPONSE_CACHE_MAX_BYTES',
      DEFAULT_RESPONSE_CACHE_MAX_BYTES,
      0,
      16 * 1024 ** 3,
    ),
    allowAnonymousReads: readBool(env, 'ALLOW_ANONYMOUS_READS', databaseUrl === undefined),
    operationLimits: readOperationLimits(env),
    dbStatementTimeoutMs: readInt(env, 'DB_STATEMENT_TIMEOUT_MS', 10_000, 0, 3_600_000),
    requestTimeoutMs: readInt(env, 'REQUEST_TIMEOUT_MS', 15_000, 100, 3_600_000),
    anonymousRequestTimeoutMs: readInt(env, 'ANONYMOUS_REQUEST_TIMEOUT_MS', 5_000, 100, 3_600_000),
    metrics: readBool(env, 'METRICS', true),
    logLevel: readChoice(env, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    corsOrigins: readCorsOrigins(env, databaseUrl === undefined ? LOOPBACK_ORIGINS : []),
    shutdownTimeoutMs: readInt(env, 'SHUTDOWN_TIMEOUT_MS', DEFAULT_SHUTDOWN_TIMEOUT_MS, 0, 600_000),
    webhooks: readWebhookDispatch(env),
    eventFeedIntervalMs: readInt(env, 'EVENT_FEED_INTERVAL_MS', DEFAULT_EVENT_FEED_INTERVAL_MS, 10, 60_000),
  };
}

function readWebhookDispatch(env: NodeJS.ProcessEnv): WebhookDispatchConfig {
  const baseMs = readInt(env, 'WEBHOOK_RETRY_BASE_MS', WEBHOOK_RETRY_DEFAULTS.baseMs, 1, 86_400_000);
  return {
    intervalMs: readInt(env, 'WEBHOOK_DISPATCH_INTERVAL_MS', 1_000, 0, 3_600_000),
    timeoutMs: readInt(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 300_000),
    retry: {
      baseMs,
      maxMs: readInt(
        env,
        'WEBHOOK_RETRY_MAX_MS',
        Math.max(baseMs, WEBHOOK_RETRY_DEFAULTS.maxMs),
        baseMs,
        7 * 86_400_000,
      ),
      maxAttempts: readInt(env, 'WEBHOOK_MAX_ATTEMPTS', WEBHOOK_MAX_ATTEMPTS, 1, 100),
    },
  };
}

function readOperationLimits(env: NodeJS.ProcessEnv): OperationLimits {
  const d = DEFAULT_OPERATION_LIMITS;
  return {
    enabled: readBool(env, 'GRAPHQL_LIMITS', d.enabled),
    maxTokens: readInt(env, 'GRAPHQL_MAX_TOKENS', d.maxTokens, 100, 1_000_000),
    maxDepth: readInt(env, 'GRAPHQL_MAX_DEPTH', d.maxDepth, 2, 100),
    maxAliases: readInt(env, 'GRAPHQL_MAX_ALIASES', d.maxAliases, 0, 10_000),
    maxDirectives: readInt(env, 'GRAPHQL_MAX_DIRECTIVES', d.maxDirectives, 0, 10_000),
    maxCost: readInt(env, 'GRAPHQL_MAX_COST', d.maxCost, 1, 1_000_000_000),
    maxAnswerNodes: readInt(env, 'GRAPHQL_MAX_ANSWER_NODES', d.maxAnswerNodes, 1, 100_000_000),
  };
}
