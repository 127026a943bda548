import { type DataSource } from 'typeorm';
import { createDataSource, sqlCounter } from '../../../src/db/data-source';
import { MAX_PREPARED_PER_CONNECTION, queryNamed, queryPrepared } from '../../../src/db/prepared-statement';
import { findExperimentsByKeyWithRelations } from '../../../src/db/queries/experiment-relations-reads';

/**
 * `queryPrepared` (the roll-ups' statements): on PostgreSQL a named statement with a generic plan
 * and no JIT, whose settings never outlive it, on its own or inside a caller's transaction, succeeding or
 * failing; on the embedded database (one session shared by every client), an unnamed statement.
 */
const postgres = process.env.TEST_DATABASE_MODE === 'postgres';
const TEXT = 'SELECT $1::int + count(*)::int AS n FROM org_node WHERE key = ANY($2::text[])';
let dataSource: DataSource;

/** The one connection's settings that `queryPrepared` sets, and the prepared statements whose text is `TEXT`. */
async function session(db: Pick<DataSource, 'query'> = dataSource) {
  const [{ mode, jit }] = await db.query(
    `SELECT current_setting('plan_cache_mode') AS mode, current_setting('jit', true) AS jit`,
  );
  const [{ n }] = await db.query('SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1', [TEXT]);
  return { mode, jit, prepared: n };
}
let jitBefore: string | null;

beforeAll(async () => {
  dataSource = createDataSource({ url: process.env.TEST_DATABASE_URL!, poolSize: 1 });
  await dataSource.initialize();
  ({ jit: jitBefore } = await session());
});
afterAll(() => dataSource.destroy());

describe('queryPrepared', () => {
  it('answers as a query does, prepared once per connection on PostgreSQL, and leaves the settings as they were', async () => {
    for (const offset of [1, 2, 3])
      expect(await queryPrepared(dataSource, TEXT, [offset, []])).toEqual([{ n: offset }]);
    expect(await session()).toEqual({ mode: 'auto', jit: jitBefore, prepared: postgres ? 1 : 0 });
  });

  it('runs its statement with a generic plan and without JIT on PostgreSQL, as any query on the embedded database', async () => {
    const settings = `SELECT current_setting('plan_cache_mode') AS mode, current_setting('jit', true) AS jit`;
    expect(await queryPrepared(dataSource, settings, [])).toEqual([
      postgres ? { mode: 'force_generic_plan', jit: 'off' } : { mode: 'auto', jit: jitBefore },
    ]);
  });

  it('runs inside the caller’s transaction and restores the setting there', async () => {
    await dataSource.transaction(async (m) => {
      await m.query('SET LOCAL plan_cache_mode = force_custom_plan');
      expect(await queryPrepared(m, TEXT, [5, []])).toEqual([{ n: 5 }]);
      expect((await session(m)).mode).toBe('force_custom_plan');
    });
    expect(await session()).toMatchObject({ mode: 'auto', jit: jitBefore });
  });

  it('leaves no transaction open and the setting as it was when the statement fails', async () => {
    await expect(queryPrepared(dataSource, TEXT, ['not a number', []])).rejects.toThrow(/integer/);
    expect(await session()).toMatchObject({ mode: 'auto', jit: jitBefore });
    const [{ open }] = await dataSource.query(`SELECT now() <> statement_timestamp() AS open`);
    expect(open).toBe(false);
  });
});

describe('queryNamed', () => {
  const NAMED = 'SELECT count(*)::int AS n FROM org_node WHERE key = $1';

  /** The prepared statements of the one connection whose text is `text`, with their plan counts. */
  const prepared = (text: string) =>
    dataSource.query(
      `SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement = $1`,
      [text],
    ) as Promise<Array<{ generic: number; custom: number }>>;

  it('answers as a query does, counted as one statement, prepared once per connection on PostgreSQL and planned generically after five runs', async () => {
    const counter = sqlCounter(dataSource);
    const before = counter.count;
    for (let i = 0; i < 8; i += 1) expect(await queryNamed(dataSource, NAMED, [`none-${i}`])).toEqual([{ n: 0 }]);
    expect(counter.count - before).toBe(8);
    // Five custom plans, then the generic one (a lookup by a unique key costs the same either way).
    expect(await prepared(NAMED)).toEqual(postgres ? [{ generic: 3, custom: 5 }] : []);
    expect(await session()).toMatchObject({ mode: 'auto', jit: jitBefore });
  });

  it('runs the by-key look-ahead of experiments with a generic plan once prepared', async () => {
    const plan = { variants: true, metrics: { metric: true, resultPeriods: ['EXPOSURE' as const] } };
    const full = { ...plan, decisions: true, classification: true, learnings: false };
    for (let i = 0; i < 7; i += 1)
      expect(await findExperimentsByKeyWithRelations(dataSource, [`none-${i}`], full)).toEqual([null]);
    const statements: Array<{ generic: number }> = await dataSource.query(
      `SELECT generic_plans::int AS generic FROM pg_prepared_statements WHERE statement LIKE '%FROM experiment x %WHERE x.key = $1'`,
    );
    expect(statements).toEqual(postgres ? [{ generic: 2 }] : []);
  });

  it('prepares at most MAX_PREPARED_PER_CONNECTION texts on a connection, and runs any further one unnamed', async () => {
    const named = async () =>
      (await dataSource.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name LIKE 'n\\_%'`))[0]
        .n as number;
    const before = await named();
    const texts = Array.from(
      { length: MAX_PREPARED_PER_CONNECTION + 20 },
      (_, i) => `SELECT $1::int + ${i} AS n /* cap */`,
    );
    for (const [i, text] of texts.entries()) expect(await queryNamed(dataSource, text, [1])).toEqual([{ n: 1 + i }]);
    // Run again: each answers as before, the prepared ones through their names.
    for (const [i, text] of texts.entries()) expect(await queryNamed(dataSource, text, [2])).toEqual([{ n: 2 + i }]);
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE '%/* cap */'`,
    );
    expect(n).toBe(postgres ? MAX_PREPARED_PER_CONNECTION - before : 0);
    expect(await named()).toBe(postgres ? MAX_PREPARED_PER_CONNECTION : 0);
  });

  it('rejects as a query does when the statement fails, and leaves no transaction open', async () => {
    await expect(queryNamed(dataSource, 'SELECT $1::int AS n', ['not a number'])).rejects.toThrow(/integer/);
    expect(await queryNamed(dataSource, 'SELECT $1::int AS n', [7])).toEqual([{ n: 7 }]);
    const [{ open }] = await dataSource.query(`SELECT now() <> statement_timestamp() AS open`);
    expect(open).toBe(false);
  });
});
