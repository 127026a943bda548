import { Client } from 'pg';
import { type EmbeddedPostgres } from '../../src/db/embedded';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  const embedded = g.__ewlEmbedded as EmbeddedPostgres | undefined;
  if (embedded) await embedded.stop();
  const pg = g.__ewlTestDatabase as { adminUrl: string; name: string } | undefined;
  if (pg) {
    const client = new Client({ connectionString: pg.adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${pg.name} WITH (FORCE)`);
    await client.end();
  }
}
