import { Client } from 'pg';
import { type EmbeddedPostgres } from '../../src/db/embedded';

/** Stops the embedded databases, or drops the PostgreSQL ones, that global-setup made. */
export default async function globalTeardown(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  const embedded = g.__ewlEmbedded as EmbeddedPostgres[] | undefined;
  if (embedded) await Promise.all(embedded.map((e) => e.stop()));
  const pg = g.__ewlTestDatabases as { adminUrl: string; names: string[] } | undefined;
  if (pg) {
    const client = new Client({ connectionString: pg.adminUrl });
    await client.connect();
    try {
      for (const name of pg.names) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
}
