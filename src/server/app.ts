import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { type Logger } from 'pino';
import { type DataSource } from 'typeorm';
import { enableRollupCache } from '../db/queries/rollup-cache';
import { createAuthenticator } from '../graphql/authenticate';
import { type Context } from '../graphql/context';
import { databaseFaultPlugin } from '../graphql/database-faults';
import { createFormatError, type ErrorLogger } from '../graphql/errors';
import { inputListLimitPlugin } from '../graphql/input-list-limits';
import { DEFAULT_OPERATION_LIMITS, operationLimitOptions, type OperationLimits } from '../graphql/operation-limits';
import { responseCachePlugin, ResponseCacheStore } from '../graphql/response-cache';
import { createSchema } from '../graphql/schema';
import { InputLiteralRule } from '../graphql/validation/input-literal.rule';
import { nulTextPlugin } from '../graphql/validation/nul-text.plugin';
import { DEFAULT_RESPONSE_CACHE_MAX_BYTES } from './config';
import { RequestDrain } from './drain';
import { createLogger, errorLoggerFrom, requestRecordPlugin, withRequestId } from './request-log';
import { createMetrics } from './metrics';
import { createHealth } from './health';
import { createHttpHandler } from './http-handler';
import { type WebhookDispatchConfig } from './config';
import { WebhookDispatcher } from '../app/webhook/webhook-dispatcher';
import { createDashboardFiles } from './dashboard-files';
import { EventFeed } from '../app/events/event-feed';
import { DEFAULT_EVENT_FEED_INTERVAL_MS } from '../domain/event-feed';
import { attachSubscriptionServer, type SubscriptionServer } from './subscription-server';

export interface App {
  readonly apollo: ApolloServer<Context>;
  readonly httpServer: http.Server;
  /** Runs one operation through Apollo with a fresh context, as an HTTP request would. */
  readonly dataSource: DataSource;
  /** Whole answers of roll-up-only queries (undefined when the stats cache is off). */
  readonly responseCache: ResponseCacheStore | undefined;
  /** In-flight requests of `httpServer`, drained at shutdown. */
  readonly drain: RequestDrain;
  /** The webhook dispatcher of this process, started (undefined when off); stop it at shutdown. */
  readonly dispatcher: WebhookDispatcher | undefined;
  /** This process's live event feed (running while someone subscribes). */
  readonly eventFeed: EventFeed;
  /** GraphQL subscriptions over WebSockets on /graphql; close it at shutdown, before draining requests. */
  readonly subscriptions: SubscriptionServer;
}

/** Limits of the live subscriptions (defaults in src/domain/event-feed.ts); tests lower them. */
export interface SubscriptionLimits {
  readonly maxConnections?: number;
  readonly maxSubscriptionsPerConnection?: number;
  readonly queueLimit?: number;
}

/** Creates the Apollo server (started) and an unstarted `node:http` server that serves it. */
export async function createApp(options: {
  dataSource: DataSource;
  logger?: ErrorLogger;
  introspection?: boolean;
  /** Keep roll-up answers in memory, invalidated exactly by the data version (default on). */
  statsCache?: boolean;
  /** Total size of the whole-answer cache's keys and answers (RESPONSE_CACHE_MAX_BYTES); 0 turns that cache off. */
  responseCacheMaxBytes?: number;
  /** Requests without an API key may read (ALLOW_ANONYMOUS_READS); required, so that every caller decides. */
  allowAnonymousReads: boolean;
  /** Limits every operation must meet before it runs (default: DEFAULT_OPERATION_LIMITS). */
  operationLimits?: OperationLimits;
  /** Time limits of one HTTP request in ms (REQUEST_TIMEOUT_MS, ANONYMOUS_REQUEST_TIMEOUT_MS); absent: none. */
  timeouts?: { requestMs: number; anonymousRequestMs: number };
  /** The JSON logger (access log, errors); default silent. */
  log?: Logger;
  /** Serve Prometheus metrics at /metrics (METRICS, default on). */
  metrics?: boolean;
  /** Browser origins allowed by CORS (CORS_ORIGINS); default none. */
  corsOrigins?: readonly string[];
  /** Start a webhook dispatcher with these settings (WEBHOOK_*); absent or intervalMs 0: none. */
  webhooks?: WebhookDispatchConfig;
  /** Serve the dashboard's built files from this folder at `/` (main.ts: dist/dashboard); absent: none. */
  dashboardDir?: string;
  /** Pause between two reads of the outbox by the live event feed, ms (EVENT_FEED_INTERVAL_MS). */
  eventFeedIntervalMs?: number;
  subscriptionLimits?: SubscriptionLimits;
}): Promise<App> {
  const { dataSource, timeouts } = options;
  const statsCache = options.statsCache ?? true;
  const rollupCache = statsCache ? enableRollupCache(dataSource) : undefined;
  const log = options.log ?? createLogger('silent');
  const errorLogger = options.logger ?? errorLoggerFrom(log);
  const responseCacheMaxBytes = options.responseCacheMaxBytes ?? DEFAULT_RESPONSE_CACHE_MAX_BYTES;
  const responseCache =
    statsCache && responseCacheMaxBytes > 0 ? new ResponseCacheStore({ maxBytes: responseCacheMaxBytes }) : undefined;
  const authenticate = createAuthenticator(dataSource, { allowAnonymousReads: options.allowAnonymousReads });
  const schema = await createSchema();
  const formatError = withRequestId(createFormatError(errorLogger));
  const operationLimits = options.operationLimits ?? DEFAULT_OPERATION_LIMITS;
  const limits = operationLimitOptions(schema, operationLimits, formatError);
  const validationRules = [...limits.validationRules, InputLiteralRule];
  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    introspection: options.introspection ?? true,
    includeStacktraceInErrorResponses: false,
    parseOptions: limits.parseOptions,
    validationRules,
    // main.ts owns SIGINT/SIGTERM (stop HTTP, Apollo, then the database); Apollo's own handlers
    // would race it and leave the process hanging.
    stopOnTerminationSignals: false,
    // The default cache-control plugin hooks every field's resolution (willResolveField) to compute
    // HTTP cache hints nobody reads here; on a 40,000-field roll-up answer that hook alone costs
    // tens of milliseconds. Responses are not HTTP-cacheable anyway (they depend on the clock).
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      databaseFaultPlugin(errorLogger),
      nulTextPlugin<Context>(),
      requestRecordPlugin(),
      // Whole answers of roll-up-only queries, exact like the roll-up cache it goes with.
      ...(responseCache ? [responseCachePlugin(schema, dataSource, responseCache)] : []),
      // Input lists over their maximum (domain/rules/input-lists.ts) are refused before their variables are coerced.
      inputListLimitPlugin(),
      ...limits.plugins,
    ],
  });
  await apollo.start();

  const metrics =
    (options.metrics ?? true)
      ? createMetrics({ dataSource, caches: { rollup: rollupCache, response: responseCache } })
      : undefined;
  const httpServer = http.createServer();
  const drain = new RequestDrain(httpServer);
  const health = createHealth({ dataSource, isDraining: () => drain.draining });
  httpServer.on(
    'request',
    createHttpHandler({
      apollo,
      dataSource,
      authenticate,
      logger: errorLogger,
      health,
      drain,
      corsOrigins: options.corsOrigins,
      log,
      metrics,
      timeouts,
      dashboard: options.dashboardDir === undefined ? undefined : createDashboardFiles(options.dashboardDir),
    }),
  );

  // Every process sends the outbox's deliveries; replicas share the work through row locks (docs/events.md).
  const webhooks = options.webhooks;
  const dispatcher =
    webhooks && webhooks.intervalMs > 0
      ? new WebhookDispatcher({
          dataSource,
          intervalMs: webhooks.intervalMs,
          timeoutMs: webhooks.timeoutMs,
          retry: webhooks.retry,
          log: (level, message, fields) => log[level](fields, message),
        })
      : undefined;
  dispatcher?.start();

  // Subscriptions read committed events from the outbox, whichever process wrote them (docs/events.md).
  const eventFeed = new EventFeed({
    dataSource,
    intervalMs: options.eventFeedIntervalMs ?? DEFAULT_EVENT_FEED_INTERVAL_MS,
    queueLimit: options.subscriptionLimits?.queueLimit,
    log: (level, message, fields) => log[level](fields, message),
  });
  const subscriptions = attachSubscriptionServer({
    httpServer,
    schema,
    dataSource,
    authenticate,
    feed: eventFeed,
    formatError,
    limits: operationLimits,
    validationRules,
    corsOrigins: options.corsOrigins ?? [],
    drain,
    maxConnections: options.subscriptionLimits?.maxConnections,
    maxSubscriptionsPerConnection: options.subscriptionLimits?.maxSubscriptionsPerConnection,
  });

  return { apollo, httpServer, dataSource, responseCache, drain, dispatcher, eventFeed, subscriptions };
}
