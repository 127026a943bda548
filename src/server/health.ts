import { type DataSource } from 'typeorm';

/** Longest wait for the database's answer to the readiness probe's `SELECT 1`. */
export const HEALTH_DATABASE_TIMEOUT_MS = 2_000;

export type CheckState = 'ok' | 'failing' | 'pending' | 'draining';

/** The body of `/readyz` (and `/healthz`): 200 when `status` is `ready`, else 503. */
export interface Readiness {
  readonly status: 'ready' | 'unavailable';
  readonly checks: { database: CheckState; migrations: CheckState; shutdown?: CheckState };
}

export interface Health {
  /** `/livez`: the process runs and its event loop answers; never touches the database. */
  liveness(): { status: 'ok' };
  /** `/readyz`: the database answers, every migration is applied, and the server is not draining. */
  readiness(): Promise<Readiness>;
}

/**
 * Liveness and readiness probes in the plain shape load balancers and orchestrators expect.
 * Migrations, once all applied, stay applied: that check stops querying after its first success.
 */
export function createHealth(options: {
  dataSource: DataSource;
  isDraining: () => boolean;
  timeoutMs?: number;
}): Health {
  const { dataSource } = options;
  const timeoutMs = options.timeoutMs ?? HEALTH_DATABASE_TIMEOUT_MS;
  let migrationsApplied = false;

  async function checkDatabase(): Promise<{ database: CheckState; migrations: CheckState }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const probe = (async () => {
      await dataSource.query('SELECT 1');
      if (migrationsApplied) return true;
      // A database that was never migrated has no schema_migration table yet: pending, not failing.
      const rows: Array<{ name: string }> = await dataSource.query('SELECT name FROM schema_migration').catch(() => []);
      const applied = new Set(rows.map((row) => row.name));
      migrationsApplied = dataSource.migrations.every(
        (migration) => migration.name !== undefined && applied.has(migration.name),
      );
      return migrationsApplied;
    })();
    try {
      const outcome = await Promise.race([probe, timeout]);
      if (outcome === 'timeout') return { database: 'failing', migrations: migrationsApplied ? 'ok' : 'pending' };
      return { database: 'ok', migrations: outcome ? 'ok' : 'pending' };
    } catch {
      return { database: 'failing', migrations: migrationsApplied ? 'ok' : 'pending' };
    } finally {
      clearTimeout(timer);
      probe.catch(() => undefined);
    }
  }

  return {
    liveness: () => ({ status: 'ok' }),
    async readiness() {
      const checks: Readiness['checks'] = await checkDatabase();
      if (options.isDraining()) checks.shutdown = 'draining';
      const ready = checks.database === 'ok' && checks.migrations === 'ok' && checks.shutdown === undefined;
      return { status: ready ? 'ready' : 'unavailable', checks };
    },
  };
}
