import { createHash } from 'node:crypto';
import { type DataSource, type EntityManager, type QueryRunner } from 'typeorm';

/** The part of a `pg` client this module uses: a query with or without a statement name, and plain statements. */
interface PgClient {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  query(text: string): Promise<{ rows: unknown[] }>;
}

const GENERIC_PLAN = 'SET LOCAL plan_cache_mode = force_generic_plan; SET LOCAL jit = off';

/**
 * A setting that is 'on' in a session shared by several clients: the embedded database (PGlite is
 * one session for every connection, embedded.ts). There a name prepared by one client would exist
 * for the next, which does not know it and prepares it again (an error), so nothing is prepared.
 */
export const SHARED_SESSION_SETTING = 'ewl.shared_session';

/** Whether each client's session is shared (read once per client). */
const sharedSessions = new WeakMap<PgClient, boolean>();

async function isSharedSession(client: PgClient): Promise<boolean> {
  let shared = sharedSessions.get(client);
  if (shared === undefined) {
    const { rows } = await client.query(`SELECT current_setting('${SHARED_SESSION_SETTING}', true) AS shared`);
    shared = (rows[0] as { shared: string | null }).shared === 'on';
    sharedSessions.set(client, shared);
  }
  return shared;
}

/**
 * Runs `text` with `values` as a named prepared statement with a generic plan, for the large
 * statements that are built from a few shapes and run on every cold read (the roll-ups): planning
 * such a statement cost more than running it (Q3: about 10 ms of planning for 8 ms of execution
 * at 100,000 experiments). Each connection prepares a shape once (the name is a hash of its text)
 * and plans it once; PostgreSQL re-plans it by itself when a table it reads changes.
 *
 * The generic plan is forced (`plan_cache_mode`) for this statement only, with `SET LOCAL` in a
 * transaction: left to itself, PostgreSQL keeps planning a statement whose custom plans look
 * cheaper (one node's array of ids estimates fewer rows than an unknown array), and the setting
 * would also apply to the unnamed statements every other query runs. JIT compilation is off
 * likewise: these statements carry hundreds of expressions over a few thousand rows, and a
 * series of 12 months over 14 nodes (estimated cost above `jit_optimize_above_cost`) spent
 * 3.6-6.6 s compiling them for milliseconds of execution. Outside a transaction the
 * statement gets one of its own (BEGIN and the setting in one round trip, then COMMIT, or
 * ROLLBACK on any failure), so the setting can never outlive it, whatever cuts the statement
 * short. Inside the caller's transaction it runs in a savepoint, rolled back after it (it only
 * reads), which restores the caller's setting, whatever it was. In a shared session
 * (`SHARED_SESSION_SETTING`) it runs unnamed, as any other query. The statement goes through the
 * DataSource's logger, so statement counts include it.
 */
export async function queryPrepared<T>(db: DataSource | EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const manager = 'manager' in db ? db.manager : db;
  const statement = { name: `p_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, text, values };
  const owned = manager.queryRunner === undefined;
  const runner: QueryRunner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PgClient;
    const shared = await isSharedSession(client);
    manager.connection.logger.logQuery(text, values, runner);
    if (shared) return (await client.query({ text, values })).rows as T[];
    if (runner.isTransactionActive) {
      await client.query(`SAVEPOINT prepared_statement; ${GENERIC_PLAN}`);
      try {
        return (await client.query(statement)).rows as T[];
      } finally {
        await client.query('ROLLBACK TO SAVEPOINT prepared_statement; RELEASE SAVEPOINT prepared_statement');
      }
    }
    await client.query(`BEGIN; ${GENERIC_PLAN}`);
    try {
      const { rows } = await client.query(statement);
      await client.query('COMMIT');
      return rows as T[];
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    if (owned) await runner.release();
  }
}

/** Names of the texts `queryNamed` has run, so a text is hashed once per process (cleared past MAX_NAMED). */
const statementNames = new Map<string, string>();
const MAX_NAMED = 1_000;

/**
 * Most statements `queryNamed` prepares on one connection. A prepared statement holds server
 * memory until the connection closes, and the look-ahead's texts follow the selection (the
 * columns it reads), so a client could make a connection prepare without end; past this many a
 * new text runs unnamed (parsed and planned each time, as any other statement).
 */
export const MAX_PREPARED_PER_CONNECTION = 200;

/** The names each connection has prepared through `queryNamed`. */
const preparedNames = new WeakMap<PgClient, Set<string>>();

/** Whether `client` may run `name` as a named statement: prepared already, or room for one more. */
function mayPrepare(client: PgClient, name: string): boolean {
  let names = preparedNames.get(client);
  if (names === undefined) {
    names = new Set();
    preparedNames.set(client, names);
  }
  if (names.has(name)) return true;
  if (names.size >= MAX_PREPARED_PER_CONNECTION) return false;
  names.add(name);
  return true;
}

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    if (statementNames.size >= MAX_NAMED) statementNames.clear();
    name = `n_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Runs `text` with `values` as a named prepared statement of the pooled connection, outside any
 * transaction, for the statements a request runs every time (the look-ahead reads of
 * src/graphql/experiment-relations.ts), whose parsing and planning cost PostgreSQL as much CPU as
 * running them. Each connection parses a text once (its name is a hash of the text), and plans it
 * as for any statement under PostgreSQL's default `plan_cache_mode`: a custom plan for the first
 * five runs, then one generic plan for good when that costs no more than the custom ones did (a
 * lookup by a unique key, ids that find as many rows as PostgreSQL assumes of an array), so a
 * statement whose best plan depends on its values keeps getting custom plans. Nothing is set,
 * unlike `queryPrepared`, so no transaction is needed: one round trip, like an unnamed statement.
 * In a shared session (`SHARED_SESSION_SETTING`, the embedded database) it runs unnamed, as does
 * a new text on a connection that has prepared MAX_PREPARED_PER_CONNECTION already. The
 * statement goes through the DataSource's logger, so statement counts include it; the request's
 * deadline applies as to any statement (deadline-client.ts).
 */
export async function queryNamed<T>(dataSource: DataSource, text: string, values: unknown[]): Promise<T[]> {
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as PgClient;
    const shared = await isSharedSession(client);
    dataSource.logger.logQuery(text, values, runner);
    const name = shared ? undefined : statementName(text);
    const named = name !== undefined && mayPrepare(client, name);
    const { rows } = await client.query(named ? { name, text, values } : { text, values });
    return rows as T[];
  } finally {
    await runner.release();
  }
}
