/**
 * `npm run apikey -- create|list|revoke ...`: manages API keys in the configured database
 * (DATABASE_URL, or the embedded one under EMBEDDED_DATA_DIR, migrated first, like `npm run seed`).
 * While a server runs on the embedded folder, the command works on that server's database through
 * the address it publishes (see openCliDatabase): a key created here is valid at once.
 */
import 'reflect-metadata';
import { runApiKeyCli } from '../src/server/api-key-cli';
import { openCliDatabase } from '../src/server/cli-database';

async function main(): Promise<number> {
  const db = await openCliDatabase({ role: 'apikey', poolSize: 1, migrate: true });
  try {
    return await runApiKeyCli(process.argv.slice(2), db.dataSource, {
      out: (line) => console.log(line),
      err: (line) => console.error(line),
    });
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
