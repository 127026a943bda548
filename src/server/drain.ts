import type http from 'node:http';

/** Default bound on how long in-flight requests may run after SIGTERM/SIGINT (SHUTDOWN_TIMEOUT_MS). */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** How long the server must see no new connection or request, with none in flight, before it closes while draining. */
const DRAIN_QUIET_MS = 300;

/**
 * Tracks the requests a `node:http` server is answering, so that shutting down lets them finish.
 * `drain()` marks the server as draining: readiness answers 503, GraphQL requests that arrive from
 * then on are refused with 503 `SERVICE_UNAVAILABLE` (the http handler asks `draining`), and every
 * response not yet sent closes its keep-alive connection (`Connection: close`). Once no request is
 * in flight and no connection or request arrived for a short quiet period (or after `timeoutMs`,
 * when the rest are cut), the server stops listening and closes every connection. The listener
 * stays open while draining because closing it resets the connections the kernel has queued but a
 * busy Node has not accepted yet, and those clients would see a reset instead of an answer.
 */
export class RequestDrain {
  private readonly inFlight = new Set<http.ServerResponse>();
  private idle: (() => void) | undefined;
  private drainingSince: number | undefined;
  private lastActivity = 0;

  constructor(private readonly server: http.Server) {
    server.on('connection', () => (this.lastActivity = Date.now()));
  }

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  /** Number of requests being answered. */
  get size(): number {
    return this.inFlight.size;
  }

  /** Registers a request as in flight until its response is finished or its connection is gone. */
  track(res: http.ServerResponse): void {
    this.inFlight.add(res);
    this.lastActivity = Date.now();
    if (this.draining) res.setHeader('connection', 'close');
    const done = () => {
      if (!this.inFlight.delete(res)) return;
      if (this.draining && this.inFlight.size === 0) this.idle?.();
    };
    res.once('finish', done);
    res.once('close', done);
  }

  /** Waits for the requests in flight (at most `timeoutMs`), then closes the server. Resolves to what happened. */
  async drain(timeoutMs: number): Promise<{ completed: boolean; cut: number }> {
    if (!this.draining) {
      this.drainingSince = Date.now();
      for (const res of this.inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    }
    const deadline = this.drainingSince! + timeoutMs;
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
    for (;;) {
      const now = Date.now();
      if (now >= deadline) break;
      if (this.inFlight.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => (this.idle = resolve)),
          new Promise<void>((resolve) => (timer = setTimeout(resolve, deadline - now))),
        ]);
        clearTimeout(timer);
      } else if (now - this.lastActivity < DRAIN_QUIET_MS) {
        await sleep(Math.min(deadline, this.lastActivity + DRAIN_QUIET_MS) - now);
      } else {
        break;
      }
    }
    const cut = this.inFlight.size;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    return { completed: cut === 0, cut };
  }
}
