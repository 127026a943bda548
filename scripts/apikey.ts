/**
 * `npm run apikey -- create|list|revoke ...`: manages API keys in the configured database
 * (DATABASE_URL, or the embedded one under EMBEDDED_DATA_DIR, migrated first, like `npm run seed`).
 * The embedded database serves one process at a time: stop the server before using it there.
 */
import 'reflect-metadata';
import { openDatabase } from '../src/db/database';
import { runApiKeyCli } from '../src/server/api-key-cli';
import { loadConfig } from '../src/server/config';

async function main(): Promise<number> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, embeddedDataDir: config.embeddedDataDir, poolSize: 1, logSql: config.logSql, migrate: true });
  try {
    return await runApiKeyCli(process.argv.slice(2), db.dataSource, { out: (line) => console.log(line), err: (line) => console.error(line) });
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('apikey failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
