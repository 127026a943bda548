import { Client, Connection } from 'pg';
import { recordDatabaseReachable } from './database-health';
import { currentDeadline, DeadlineExceededError } from './request-deadline';

interface PgClientInternals {
  readonly host: string;
  readonly port: number;
  readonly processID: number | null;
  readonly secretKey: number | null;
}

/** The part of pg's wire-protocol `Connection` that sends a cancel request (not in its published types). */
interface CancelConnection {
  on(event: 'error', listener: () => void): void;
  once(event: 'connect', listener: () => void): void;
  connect(portOrPath: number | string, host: string): void;
  cancel(processId: number, secretKey: number): void;
}

type QueryFn = (this: Client, ...args: unknown[]) => unknown;

function statementText(statement: unknown): string {
  const text = typeof statement === 'string' ? statement : (statement as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : '';
}

/** ROLLBACK must run after a deadline too: it is how a cut-off transaction leaves nothing half-written. */
const isRollback = (statement: unknown) => /^\s*ROLLBACK\b/i.test(statementText(statement));

/**
 * A COMMIT that started before the deadline is let finish: cancelling it would leave the outcome
 * unknown to the client. (A cancel request is sent to the backend, not to a statement: one that
 * arrives as its statement ends could hit the backend's next statement; not arming it for COMMIT
 * also keeps that window away from the end of every write.)
 */
const isCommit = (statement: unknown) => /^\s*COMMIT\b/i.test(statementText(statement));

/** Asks the server to cancel what `client` runs now (PostgreSQL's cancel request, on a connection of its own). */
function cancelRunningStatement(client: Client): void {
  const { host, port, processID, secretKey } = client as unknown as PgClientInternals;
  if (processID === null || secretKey === null) return;
  const connection = new Connection() as unknown as CancelConnection;
  connection.on('error', () => {});
  connection.once('connect', () => connection.cancel(processID, secretKey));
  if (host.startsWith('/')) connection.connect(`${host}/.s.PGSQL.${port}`, '');
  else connection.connect(port, host);
}

/**
 * The `pg` client class of the pool (pg-pool's `Client` option). Every promise-style statement:
 * - inside a request whose deadline has passed is refused before it is sent (DeadlineExceededError),
 *   except ROLLBACK; so is the COMMIT of a transaction that ran out of time, which then rolls back;
 * - still running at the deadline is cancelled on the server when `cancelAtDeadline` is on (a real
 *   PostgreSQL; PGlite has no cancel requests and runs each statement to its end);
 * - that succeeds closes an open database incident (see `database-health.ts`).
 */
export function createDeadlineClient(options: { cancelAtDeadline: boolean }): typeof Client {
  class DeadlineClient extends Client {}
  const baseQuery = Client.prototype.query as QueryFn;
  (DeadlineClient.prototype as unknown as { query: QueryFn }).query = function query(
    this: Client,
    ...args: unknown[]
  ): unknown {
    const deadline = currentDeadline();
    if (typeof args[args.length - 1] === 'function' || (args[0] as { submit?: unknown })?.submit)
      return baseQuery.apply(this, args);
    if (deadline === undefined || isRollback(args[0]))
      return noteSuccess(baseQuery.apply(this, args) as Promise<unknown>);
    const remaining = deadline.at - Date.now();
    if (remaining <= 0) return Promise.reject(new DeadlineExceededError(deadline.limitMs));
    let cancelled = false;
    const timer =
      options.cancelAtDeadline && !isCommit(args[0])
        ? setTimeout(() => ((cancelled = true), cancelRunningStatement(this)), remaining)
        : undefined;
    const result = (baseQuery.apply(this, args) as Promise<unknown>).then(
      (value) => (clearTimeout(timer), value),
      (error: unknown) => {
        clearTimeout(timer);
        throw cancelled && (error as { code?: unknown }).code === '57014'
          ? new DeadlineExceededError(deadline.limitMs)
          : error;
      },
    );
    return noteSuccess(result);
  };
  return DeadlineClient;
}

function noteSuccess(result: Promise<unknown>): Promise<unknown> {
  return result.then((value) => {
    recordDatabaseReachable();
    return value;
  });
}
