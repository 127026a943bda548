import type http from 'node:http';
import cors from 'cors';

/** Origins allowed by default on the embedded (local demo) database: any port of the loopback host. */
export const LOOPBACK_ORIGINS: readonly string[] = ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'];

/** Request headers a browser may send cross-origin. */
const ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'x-request-id',
  'x-actor',
  'apollo-require-preflight',
  'x-apollo-operation-name',
];

/**
 * Whether `origin` is allowed by `allowed`: `*` allows every origin, an entry ending in `:*` any
 * port of that scheme and host, any other entry exactly that origin.
 */
export function isOriginAllowed(origin: string, allowed: readonly string[]): boolean {
  return allowed.some(
    (entry) =>
      entry === '*' ||
      entry === origin ||
      (entry.endsWith(':*') && new RegExp(`^${escape(entry.slice(0, -2))}:\\d{1,5}$`).test(origin)),
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * CORS for the API (the `cors` package): allowed origins get `Access-Control-Allow-Origin` (and may
 * send credentials headers such as Authorization); a preflight `OPTIONS` is answered 204 with the
 * allowed methods and headers. Answers `true` when the request was a preflight and is answered.
 */
export function createCors(
  allowed: readonly string[],
): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean> {
  const middleware = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && isOriginAllowed(origin, allowed)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
  return (req, res) =>
    new Promise((resolve, reject) => {
      res.once('finish', () => resolve(true));
      middleware(req, res, (error?: unknown) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(false),
      );
    });
}
