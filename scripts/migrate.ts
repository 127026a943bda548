import 'reflect-metadata';
import { openCliDatabase } from '../src/server/cli-database';

/** `npm run migrate`: applies pending migrations to the configured database (DATABASE_URL or the embedded one). */
async function main(): Promise<void> {
  const db = await openCliDatabase({ role: 'migrate', poolSize: 1, migrate: false });
  try {
    const applied = await db.dataSource.runMigrations({ transaction: 'each' });
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}` : 'Database is up to date.');
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error('Migration failed:', error);
  process.exit(1);
});
