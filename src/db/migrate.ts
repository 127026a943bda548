import { type DataSource, MigrationExecutor } from 'typeorm';

/** The advisory lock key that serialises migrations across processes ("ewl-migrations" as a stable 32-bit number). */
export const MIGRATION_LOCK_KEY = 0x65776c6d;

/**
 * Applies pending migrations so that several processes starting at once (replicas behind a load
 * balancer) are safe: each takes a session-level advisory lock first, so one migrates while the
 * others wait, then find nothing pending. All pending migrations run in ONE transaction: a failure
 * leaves the schema as it was. The statement timeout is lifted for the migrating session (a
 * migration of a large table may take longer than a request may).
 * @returns the names of the migrations applied.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SET statement_timeout = 0');
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'all';
      return (await executor.executePendingMigrations()).map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      await runner.query('RESET statement_timeout');
    }
  } finally {
    await runner.release();
  }
}
