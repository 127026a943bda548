import 'reflect-metadata';
import { Client } from 'pg';
import { createDataSource } from '../../src/db/data-source';
import { startEmbeddedPostgres } from '../../src/db/embedded';
import { runMigrationsLocked } from '../../src/db/migrate';

/**
 * Prepares one database for the whole integration run and runs the real migrations once:
 * - with `DATABASE_URL`: a fresh database `ewl_test_<time>_<pid>` on that server, dropped afterwards;
 * - without: an in-memory embedded PGlite served over the wire protocol, like the server's default.
 * Test files read `TEST_DATABASE_URL`. Jest runs them in band (one at a time).
 */
export default async function globalSetup(): Promise<void> {
  let url: string;
  if (process.env.DATABASE_URL) {
    const admin = new URL(process.env.DATABASE_URL);
    const name = `ewl_test_${Date.now()}_${process.pid}`;
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const target = new URL(admin.toString());
    target.pathname = `/${name}`;
    url = target.toString();
    process.env.TEST_DATABASE_MODE = 'postgres';
    (globalThis as Record<string, unknown>).__ewlTestDatabase = { adminUrl: admin.toString(), name };
  } else {
    const embedded = await startEmbeddedPostgres('memory://', { maxConnections: 4 });
    url = embedded.url;
    process.env.TEST_DATABASE_MODE = 'embedded';
    (globalThis as Record<string, unknown>).__ewlEmbedded = embedded;
  }
  const dataSource = createDataSource({ url, poolSize: 1 });
  await dataSource.initialize();
  await runMigrationsLocked(dataSource);
  await dataSource.destroy();
  process.env.TEST_DATABASE_URL = url;
}
