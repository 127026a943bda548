import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { type Logger } from 'pino';
import { type DataSource } from 'typeorm';
import { enableRollupCache } from '../db/queries/rollup-cache';
import { createAuthenticator } from '../graphql/authenticate';
import { type Context } from '../graphql/context';
import { createFormatError, type ErrorLogger } from '../graphql/errors';
import { responseCachePlugin, ResponseCacheStore } from '../graphql/response-cache';
import { createSchema } from '../graphql/schema';
import { RequestDrain } from './drain';
import { createLogger, errorLoggerFrom, requestRecordPlugin, withRequestId } from './request-log';
import { createMetrics } from './metrics';
import { createHealth } from './health';
import { createHttpHandler } from './http-handler';

export interface App {
  readonly apollo: ApolloServer<Context>;
  readonly httpServer: http.Server;
  /** Runs one operation through Apollo with a fresh context, as an HTTP request would. */
  readonly dataSource: DataSource;
  /** Whole answers of roll-up-only queries (undefined when the stats cache is off). */
  readonly responseCache: ResponseCacheStore | undefined;
  /** In-flight requests of `httpServer`, drained at shutdown. */
  readonly drain: RequestDrain;
}

/** Creates the Apollo server (started) and an unstarted `node:http` server that serves it. */
export async function createApp(options: {
  dataSource: DataSource;
  logger?: ErrorLogger;
  introspection?: boolean;
  /** Keep roll-up answers in memory, invalidated exactly by the data version (default on). */
  statsCache?: boolean;
  /** Requests without an API key may read (ALLOW_ANONYMOUS_READS); required, so that every caller decides. */
  allowAnonymousReads: boolean;
  /** The JSON logger (access log, errors); default silent. */
  log?: Logger;
  /** Serve Prometheus metrics at /metrics (METRICS, default on). */
  metrics?: boolean;
  /** Browser origins allowed by CORS (CORS_ORIGINS); default none. */
  corsOrigins?: readonly string[];
}): Promise<App> {
  const { dataSource } = options;
  const log = options.log ?? createLogger('silent');
  const statsCache = options.statsCache ?? true;
  const rollupCache = statsCache ? enableRollupCache(dataSource) : undefined;
  const responseCache = statsCache ? new ResponseCacheStore() : undefined;
  const authenticate = createAuthenticator(dataSource, { allowAnonymousReads: options.allowAnonymousReads });
  const schema = await createSchema();
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: withRequestId(createFormatError(options.logger ?? errorLoggerFrom(log))),
    introspection: options.introspection ?? true,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGINT/SIGTERM (stop HTTP, Apollo, then the database); Apollo's own handlers
    // would race it and leave the process hanging.
    stopOnTerminationSignals: false,
    // The default cache-control plugin hooks every field's resolution (willResolveField) to compute
    // HTTP cache hints nobody reads here; on a 40,000-field roll-up answer that hook alone costs
    // tens of milliseconds. Responses are not HTTP-cacheable anyway (they depend on the clock).
    plugins: [
      ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), requestRecordPlugin(),
      // Whole answers of roll-up-only queries, exact like the roll-up cache it goes with.
      ...(responseCache ? [responseCachePlugin(schema, dataSource, responseCache)] : []),
    ],
  });
  await apollo.start();

  const metrics = options.metrics ?? true ? createMetrics({ dataSource, caches: { rollup: rollupCache, response: responseCache } }) : undefined;
  const httpServer = http.createServer();
  const drain = new RequestDrain(httpServer);
  const health = createHealth({ dataSource, isDraining: () => drain.draining });
  httpServer.on('request', createHttpHandler({ apollo, dataSource, authenticate, logger: options.logger, health, drain, corsOrigins: options.corsOrigins, log, metrics }));

  return { apollo, httpServer, dataSource, responseCache, drain };
}
