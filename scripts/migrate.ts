import 'reflect-metadata';
import { runMigrationsLocked } from '../src/db/migrate';
import { openCliDatabase } from '../src/server/cli-database';

/** `npm run migrate`: applies pending migrations to the configured database (DATABASE_URL or the embedded one). */
async function main(): Promise<void> {
  const db = await openCliDatabase({ role: 'migrate', poolSize: 1, migrate: false });
  try {
    const applied = await runMigrationsLocked(db.dataSource);
    console.log(
      applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.',
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error('Migration failed:', error);
  process.exit(1);
});
