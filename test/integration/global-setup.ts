import 'reflect-metadata';
import { Client } from 'pg';
import { createDataSource } from '../../src/db/data-source';
import { startEmbeddedPostgres } from '../../src/db/embedded';
import { runMigrationsLocked } from '../../src/db/migrate';

/**
 * Prepares one database per Jest worker (`maxWorkers`: 1 with `--runInBand`) and runs the real migrations on each:
 * - with `DATABASE_URL`: fresh databases `ewl_test_<time>_<pid>_w<n>` on that server, dropped afterwards;
 * - without: one in-memory embedded PGlite per worker, each served over the wire protocol, like the server's default.
 * The URLs go to the workers in `TEST_DATABASE_URLS` (a JSON array); `worker-database.ts` gives each test file
 * its worker's as `TEST_DATABASE_URL`. A worker runs one test file at a time, so a file has its database to itself.
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const workers = Math.max(1, globalConfig.maxWorkers);
  const g = globalThis as Record<string, unknown>;
  let urls: string[];
  if (process.env.DATABASE_URL) {
    const admin = new URL(process.env.DATABASE_URL);
    const names = Array.from({ length: workers }, (_, i) => `ewl_test_${Date.now()}_${process.pid}_w${i + 1}`);
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      for (const name of names) await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    g.__ewlTestDatabases = { adminUrl: admin.toString(), names };
    urls = names.map((name) => {
      const target = new URL(admin.toString());
      target.pathname = `/${name}`;
      return target.toString();
    });
    process.env.TEST_DATABASE_MODE = 'postgres';
  } else {
    const embedded = await Promise.all(
      Array.from({ length: workers }, () => startEmbeddedPostgres('memory://', { maxConnections: 4 })),
    );
    g.__ewlEmbedded = embedded;
    urls = embedded.map((e) => e.url);
    process.env.TEST_DATABASE_MODE = 'embedded';
  }
  await Promise.all(urls.map(migrate));
  process.env.TEST_DATABASE_URLS = JSON.stringify(urls);
}

async function migrate(url: string): Promise<void> {
  const dataSource = createDataSource({ url, poolSize: 1 });
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
