import type http from 'node:http';
import { type ApolloServer, HeaderMap } from '@apollo/server';
import { type DataSource } from 'typeorm';
import { runWithDeadline, shortenDeadline } from '../db/request-deadline';
import { type Authenticate } from '../graphql/authenticate';
import { type Context, createRequestContext } from '../graphql/context';
import { asContextFault } from '../graphql/database-faults';
import { type ErrorLogger } from '../graphql/errors';
import { type Logger } from 'pino';
import { runInStatementScope } from '../db/statement-scope';
import { currentRequest, type RequestRecord, requestIdFrom, runAsRequest } from './request-log';
import { type Metrics } from './metrics';
import { createCors } from './cors';
import { type RequestDrain } from './drain';
import { type Health } from './health';
import { sandboxAsset, sandboxHtml } from './sandbox';
import { sendCompressible } from './compression';
import { type DashboardFiles } from './dashboard-files';

/** Largest request body accepted (bulk imports included). */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export interface HttpHandlerOptions {
  readonly apollo: ApolloServer<Context>;
  readonly dataSource: DataSource;
  readonly authenticate: Authenticate;
  readonly logger?: ErrorLogger;
  readonly health: Health;
  /** Time limits of one request in ms (REQUEST_TIMEOUT_MS, ANONYMOUS_REQUEST_TIMEOUT_MS); absent: none. */
  readonly timeouts?: { readonly requestMs: number; readonly anonymousRequestMs: number };
  readonly drain: RequestDrain;
  /** Browser origins allowed by CORS (see `isOriginAllowed`); none when empty. */
  readonly corsOrigins?: readonly string[];
  /** The access log: one line per request. */
  readonly log: Logger;
  /** Prometheus metrics, served at /metrics; none when off. */
  readonly metrics?: Metrics;
  /** The dashboard's built files, served at `/`; none when absent. */
  readonly dashboard?: DashboardFiles;
}

/** The page at `/` when dist/dashboard/ holds no build (`npm start` builds it; a bare `node dist/...` does not). */
const DASHBOARD_NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>EwL catalogue</title></head>
<body><p>The dashboard is not built: run <code>npm run build</code> (or start with <code>npm start</code>).</p>
<p>The GraphQL sandbox is at <a href="/graphql">/graphql</a>.</p></body></html>`;

/** Paths polled by probes and scrapers: logged at debug level, not info. */
const QUIET_PATHS = new Set(['/livez', '/readyz', '/healthz', '/metrics']);

/** The `node:http` request listener: health, the sandbox and its assets, the dashboard, and GraphQL at /graphql. */
export function createHttpHandler(options: HttpHandlerOptions): http.RequestListener {
  const { apollo, dataSource, authenticate, health, timeouts } = options;

  const applyCors = createCors(options.corsOrigins ?? []);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (await applyCors(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/livez') {
      sendJson(res, 200, health.liveness());
      return;
    }
    if (url.pathname === '/readyz' || url.pathname === '/healthz') {
      const readiness = await health.readiness();
      sendJson(res, readiness.status === 'ready' ? 200 : 503, readiness);
      return;
    }
    if (url.pathname === '/metrics' && options.metrics) {
      const text = await options.metrics.registry.metrics();
      res
        .writeHead(200, { 'content-type': options.metrics.registry.contentType, 'cache-control': 'no-store' })
        .end(text);
      return;
    }
    const asset = sandboxAsset(url.pathname);
    if (asset && req.method === 'GET') {
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' }).end(asset.body);
      return;
    }
    const wantsHtml = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
    if (url.pathname === '/graphql' && wantsHtml) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(sandboxHtml('/graphql'));
      return;
    }
    if (url.pathname !== '/graphql' && options.dashboard && (await options.dashboard.serve(req, res, url.pathname)))
      return;
    if (url.pathname === '/' && wantsHtml) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(DASHBOARD_NOT_BUILT);
      return;
    }
    if (url.pathname !== '/graphql') {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'Not found. GraphQL is served at /graphql.' }));
      return;
    }
    if (options.drain.draining) {
      // The body is read before answering: closing a connection with unread input resets it, and the client would see no answer.
      await readJsonBody(req);
      res.setHeader('retry-after', '1');
      sendError(res, 503, 'The server is shutting down; retry on another instance', 'SERVICE_UNAVAILABLE');
      return;
    }
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (req.method === 'POST' && mediaType !== 'application/json') {
      await readJsonBody(req);
      const shown = mediaType === '' ? 'none' : JSON.stringify(mediaType.slice(0, 100));
      sendError(
        res,
        415,
        `Unsupported Content-Type ${shown}: send the operation as application/json`,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      return;
    }
    const body = req.method === 'POST' ? await readJsonBody(req) : undefined;
    if (body instanceof Error) {
      sendError(res, 400, body.message, 'BAD_REQUEST');
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const execute = () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method?.toUpperCase() ?? 'GET', headers, search: url.search, body },
        context: async () => {
          const context = await createRequestContext(
            dataSource,
            authenticate,
            headers.get('authorization'),
            headers.get('x-actor'),
          ).catch((error: unknown) => {
            throw asContextFault(error);
          });
          if (timeouts && context.principal.kind === 'ANONYMOUS') shortenDeadline(timeouts.anonymousRequestMs);
          return context;
        },
      });
    // Every statement of the request checks its deadline and is cancelled at it (see request-deadline.ts).
    const response = timeouts ? await runWithDeadline(timeouts.requestMs, execute) : await execute();
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = answersWith200(response.status ?? 200, response.headers.get('content-type'), currentRequest())
      ? 200
      : (response.status ?? 200);
    if (response.body.kind === 'complete') {
      await sendCompressible(req, res, response.body.string);
      return;
    }
    // Incremental delivery (multipart parts as they come) is sent as it is: compressing it would hold parts back.
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return (req, res) => {
    const record: RequestRecord = {
      requestId: requestIdFrom(req.headers['x-request-id']),
      startedAt: process.hrtime.bigint(),
      statements: 0,
      errorCodes: new Set(),
    };
    res.setHeader('x-request-id', record.requestId);
    options.drain.track(res);
    const path = (req.url ?? '/').split('?')[0]!;
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const seconds = Number(process.hrtime.bigint() - record.startedAt) / 1e9;
      const status = res.writableFinished ? res.statusCode : 499;
      const line = {
        requestId: record.requestId,
        method: req.method,
        path: path.slice(0, 200),
        operationName: record.operationName,
        apiKeyId: record.apiKeyId,
        status,
        durationMs: Math.round(seconds * 1e4) / 10,
        statements: record.statements,
        errorCodes: record.errorCodes.size > 0 ? [...record.errorCodes] : undefined,
      };
      if (QUIET_PATHS.has(path)) options.log.debug(line, 'request');
      else options.log.info(line, 'request');
      if (path === '/graphql' && req.method !== 'OPTIONS') options.metrics?.observe(record, status, seconds);
    };
    res.once('finish', done);
    res.once('close', done);
    runAsRequest(record, () => runInStatementScope(record, () => handle(req, res))).catch((error: unknown) => {
      (options.logger ?? console).error('[http]', error);
      record.errorCodes.add('INTERNAL_SERVER_ERROR');
      if (!res.headersSent) sendError(res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
      else res.end();
    });
  };
}

/** Errors of a well-formed request that the GraphQL-over-HTTP spec answers with 200 under `application/json`. */
const DOCUMENT_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/**
 * Apollo answers parse, validation and variable-coercion failures with 400; under the legacy
 * `application/json` response type the spec asks for 200 (only `application/graphql-response+json`
 * uses 4xx for them), so clients that pick `application/json` read the errors as a normal answer.
 */
function answersWith200(status: number, contentType: string | undefined, record: RequestRecord | undefined): boolean {
  if (status !== 400 || !record || record.errorCodes.size === 0 || !(contentType ?? '').startsWith('application/json'))
    return false;
  return [...record.errorCodes].every((code) => DOCUMENT_ERROR_CODES.has(code));
}

/** A coded error outside GraphQL execution, in the GraphQL error shape, with the request's id. */
function sendError(res: http.ServerResponse, status: number, message: string, code: string): void {
  const request = currentRequest();
  request?.errorCodes.add(code);
  sendJson(res, status, { errors: [{ message, extensions: { code, requestId: request?.requestId } }] });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
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
