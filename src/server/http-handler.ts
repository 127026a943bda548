import type http from 'node:http';
import { type ApolloServer, HeaderMap } from '@apollo/server';
import { type DataSource } from 'typeorm';
import { runWithDeadline, shortenDeadline } from '../db/request-deadline';
import { type Authenticate } from '../graphql/authenticate';
import { type Context, createRequestContext } from '../graphql/context';
import { asContextFault } from '../graphql/database-faults';
import { type ErrorLogger } from '../graphql/errors';
import { createCors } from './cors';
import { type RequestDrain } from './drain';
import { type Health } from './health';
import { sandboxAsset, sandboxHtml } from './sandbox';

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
}

/** The `node:http` request listener: health, the sandbox and its assets, and GraphQL at /graphql. */
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
    if (options.drain.draining) {
      // The body is read before answering: closing a connection with unread input resets it, and the client would see no answer.
      await readJsonBody(req);
      res.setHeader('retry-after', '1');
      sendJson(res, 503, { errors: [{ message: 'The server is shutting down; retry on another instance', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
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
    const execute = () => apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method?.toUpperCase() ?? 'GET', headers, search: url.search, body },
      context: async () => {
        const context = await createRequestContext(dataSource, authenticate, headers.get('authorization'), headers.get('x-actor'))
          .catch((error: unknown) => {
            throw asContextFault(error);
          });
        if (timeouts && context.principal.kind === 'ANONYMOUS') shortenDeadline(timeouts.anonymousRequestMs);
        return context;
      },
    });
    // Every statement of the request checks its deadline and is cancelled at it (see request-deadline.ts).
    const response = timeouts ? await runWithDeadline(timeouts.requestMs, execute) : await execute();
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return (req, res) => {
    options.drain.track(res);
    handle(req, res).catch((error: unknown) => {
      (options.logger ?? console).error('[http]', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
    });
  };
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
