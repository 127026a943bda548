import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { type DataSource } from 'typeorm';
import { type EventFeed } from '../app/events/event-feed';
import { MAX_CONNECTIONS_PER_PROCESS, MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../domain/event-feed';
import { type Authenticate } from '../graphql/authenticate';
import { type Context, createContext } from '../graphql/context';
import { asContextFault } from '../graphql/database-faults';
import { type OperationLimits } from '../graphql/operation-limits';
import { tooManySubscriptionsError } from '../graphql/subscription-errors';
import { checkSubscriptionRequest, formatSubscriptionErrors } from '../graphql/subscription-operation';
import { isOriginAllowed } from './cors';
import { type RequestDrain } from './drain';

/** Largest message a client may send over the WebSocket (a subscription document and its variables). */
export const MAX_WEBSOCKET_MESSAGE_BYTES = 256 * 1024;

/** How long sockets get to answer the close handshake at shutdown before they are cut. */
const CLOSE_GRACE_MS = 1_000;

export interface SubscriptionServerOptions {
  readonly httpServer: http.Server;
  readonly schema: GraphQLSchema;
  readonly dataSource: DataSource;
  readonly authenticate: Authenticate;
  readonly feed: EventFeed;
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  readonly limits: OperationLimits;
  /** The validation rules of HTTP operations beyond graphql-js's own (the limits' rules, InputLiteralRule). */
  readonly validationRules: readonly ValidationRule[];
  /** Browser origins allowed (CORS_ORIGINS); a page of another origin cannot open a socket. */
  readonly corsOrigins: readonly string[];
  readonly drain: RequestDrain;
  readonly maxConnections?: number;
  readonly maxSubscriptionsPerConnection?: number;
}

export interface SubscriptionServer {
  /** WebSocket connections open now. */
  readonly connections: number;
  /** Refuses new sockets, closes the open ones (1001 Going away) and ends the feed's subscriptions. */
  close(): Promise<void>;
}

/** An answer to an upgrade request that is refused, in the GraphQL error shape, then the socket closed. */
function refuseUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  socket.end(
    `HTTP/1.1 ${status} ${status === 503 ? 'Service Unavailable' : status === 403 ? 'Forbidden' : 'Not Found'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Whether a browser page of `origin` may open a socket: its own origin, or one CORS_ORIGINS allows. */
function isSocketOriginAllowed(req: http.IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host;
  return origin === `http://${host}` || origin === `https://${host}` || isOriginAllowed(origin, allowed);
}

/**
 * GraphQL subscriptions over the `graphql-transport-ws` protocol (graphql-ws) on the HTTP server's
 * `/graphql` (docs/events.md "Live subscriptions"). The client authenticates in `connection_init`
 * (`{ authorization: "Bearer <key>" }`), read again for every subscription as an HTTP request's
 * header is; every operation is checked like an HTTP one (limits, validation rules) and must be a
 * subscription. At most `maxConnections` sockets per process (more: HTTP 503 TOO_MANY_CONNECTIONS
 * before the upgrade) and `maxSubscriptionsPerConnection` subscriptions per socket.
 */
export function attachSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const maxConnections = options.maxConnections ?? MAX_CONNECTIONS_PER_PROCESS;
  const maxSubscriptions = options.maxSubscriptionsPerConnection ?? MAX_SUBSCRIPTIONS_PER_CONNECTION;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WEBSOCKET_MESSAGE_BYTES });
  let upgrading = 0;
  let closing = false;

  options.httpServer.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/graphql') return refuseUpgrade(socket, 404, 'NOT_FOUND', 'WebSockets are served at /graphql.');
    if (closing || options.drain.draining)
      return refuseUpgrade(
        socket,
        503,
        'SERVICE_UNAVAILABLE',
        'The server is shutting down; connect to another instance',
      );
    if (!isSocketOriginAllowed(req, options.corsOrigins))
      return refuseUpgrade(
        socket,
        403,
        'FORBIDDEN',
        `The origin ${String(req.headers.origin).slice(0, 100)} is not allowed (CORS_ORIGINS)`,
      );
    if (wss.clients.size + upgrading >= maxConnections)
      return refuseUpgrade(
        socket,
        503,
        'TOO_MANY_CONNECTIONS',
        `This server holds ${maxConnections} WebSocket connections, the most it accepts; retry later or on another instance`,
      );
    upgrading++;
    wss.handleUpgrade(req, socket, head, (ws) => {
      upgrading--;
      wss.emit('connection', ws, req);
    });
  });

  /** The context of one subscription: its principal from the connection's `authorization`, read now. */
  const createSubscriptionContext = async (params: Record<string, unknown> | undefined): Promise<Context> => {
    const raw = params?.authorization ?? params?.Authorization;
    const now = new Date();
    const principal = await options.authenticate(typeof raw === 'string' ? raw : undefined, now);
    return { ...createContext(options.dataSource, principal, now), eventFeed: options.feed };
  };

  const server = useServer<Record<string, unknown> | undefined>(
    {
      onSubscribe: async (ctx, _id, payload) => {
        if (Object.keys(ctx.subscriptions).length > maxSubscriptions)
          return [tooManySubscriptionsError(maxSubscriptions)];
        const checked = checkSubscriptionRequest(options.schema, payload, options.limits, options.validationRules);
        if (Array.isArray(checked)) return checked;
        try {
          return { ...checked, contextValue: await createSubscriptionContext(ctx.connectionParams) };
        } catch (error) {
          // The database unreachable while the key is read: SERVICE_UNAVAILABLE, as an HTTP request gets.
          const fault = asContextFault(error);
          if (fault instanceof GraphQLError) return [fault];
          throw error;
        }
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: formatSubscriptionErrors(result.errors, options.formatError) } : undefined,
      onError: (_ctx, _id, _payload, errors) => formatSubscriptionErrors(errors, options.formatError),
    },
    wss,
  );

  return {
    get connections() {
      return wss.clients.size;
    },
    async close() {
      closing = true;
      const disposed = server.dispose();
      const cut = setTimeout(() => wss.clients.forEach((client) => client.terminate()), CLOSE_GRACE_MS);
      await disposed;
      clearTimeout(cut);
      await options.feed.close();
    },
  };
}
