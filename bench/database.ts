import { Client } from 'pg';
import { type DataSource } from 'typeorm';
import { createDataSource } from '../src/db/data-source';

export interface BenchDatabase {
  readonly dataSource: DataSource;
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for a benchmark on the server of `BENCH_DATABASE_URL` (default: the
 * local PostgreSQL), dropped afterwards (kept with `BENCH_KEEP_DATABASE=1`, for EXPLAIN and
 * profiling by hand; its URL is printed to stderr).
 *
 * With `BENCH_REUSE_DATABASES=1` and a `reuseName` (the portfolio it holds, e.g. `portfolio_100000`),
 * the database `ewl_bench_<reuseName>` is kept between runs and opened again by the next one, so
 * suites measured one after the other on a quiet machine load the portfolio once
 * (`loadLargePortfolio` sees it is there).
 */
export async function createBenchDatabase(poolSize = 10, reuseName?: string): Promise<BenchDatabase> {
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const reuse = process.env.BENCH_REUSE_DATABASES === '1' && reuseName !== undefined;
  const name = reuse ? `ewl_bench_${reuseName}` : `ewl_bench_${Date.now()}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  const exists = reuse && (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  if (!exists) await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const dataSource = createDataSource({ url: url.toString(), poolSize });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    dataSource,
    url: url.toString(),
    async drop() {
      await dataSource.destroy();
      if (reuse) return;
      if (process.env.BENCH_KEEP_DATABASE === '1') {
        console.error(
          `Kept the benchmark database ${url.toString()} (BENCH_KEEP_DATABASE=1): drop it with DROP DATABASE ${name}`,
        );
        return;
      }
      const c = new Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
