import http from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { type DataSource } from 'typeorm';
import { enableRollupCache } from '../db/queries/rollup-cache';
import { createAuthenticator } from '../graphql/authenticate';
import { type Context, createRequestContext } from '../graphql/context';
import { createFormatError, type ErrorLogger } from '../graphql/errors';
import { responseCachePlugin, ResponseCacheStore } from '../graphql/response-cache';
import { createSchema } from '../graphql/schema';
import { InputLiteralRule } from '../graphql/validation/input-literal.rule';
import { nulTextPlugin } from '../graphql/validation/nul-text.plugin';
import { sandboxAsset, sandboxHtml } from './sandbox';

/** Largest request body accepted (bulk imports included). */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export interface App {
  readonly apollo: ApolloServer<Context>;
  readonly httpServer: http.Server;
  /** Runs one operation through Apollo with a fresh context, as an HTTP request would. */
  readonly dataSource: DataSource;
  /** Whole answers of roll-up-only queries (undefined when the stats cache is off). */
  readonly responseCache: ResponseCacheStore | undefined;
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
}): Promise<App> {
  const { dataSource } = options;
  const statsCache = options.statsCache ?? true;
  if (statsCache) enableRollupCache(dataSource);
  const responseCache = statsCache ? new ResponseCacheStore() : undefined;
  const authenticate = createAuthenticator(dataSource, { allowAnonymousReads: options.allowAnonymousReads });
  const schema = await createSchema();
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: createFormatError(options.logger),
    validationRules: [InputLiteralRule],
    introspection: options.introspection ?? true,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGINT/SIGTERM (stop HTTP, Apollo, then the database); Apollo's own handlers
    // would race it and leave the process hanging.
    stopOnTerminationSignals: false,
    // The default cache-control plugin hooks every field's resolution (willResolveField) to compute
    // HTTP cache hints nobody reads here; on a 40,000-field roll-up answer that hook alone costs
    // tens of milliseconds. Responses are not HTTP-cacheable anyway (they depend on the clock).
    plugins: [
      ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), nulTextPlugin<Context>(),
      // Whole answers of roll-up-only queries, exact like the roll-up cache it goes with.
      ...(responseCache ? [responseCachePlugin(schema, dataSource, responseCache)] : []),
    ],
  });
  await apollo.start();

  const httpServer = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      (options.logger ?? console).error('[http]', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') {
      await dataSource.query('SELECT 1');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
      return;
    }
    const asset = sandboxAsset(url.pathname);
    if (asset && req.method === 'GET') {
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' }).end(asset.body);
      return;
    }
    const wantsHtml = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
    if ((url.pathname === '/' || url.pathname === '/graphql') && wantsHtml) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(sandboxHtml('/graphql'));
      return;
    }
    if (url.pathname !== '/graphql') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Not found. GraphQL is served at /graphql.' }));
      return;
    }
    const body = req.method === 'POST' ? await readJsonBody(req) : undefined;
    if (body instanceof Error) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: body.message, extensions: { code: 'BAD_REQUEST' } }] }));
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method?.toUpperCase() ?? 'GET', headers, search: url.search, body },
      context: () => createRequestContext(dataSource, authenticate, headers.get('authorization'), headers.get('x-actor')),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return { apollo, httpServer, dataSource, responseCache };
}

async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return new Error(`Request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return new Error('Request body is not valid JSON');
  }
}
