import { type DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded';
import { runMigrationsLocked } from './migrate';

export interface DatabaseOptions {
  /** PostgreSQL URL; when absent the embedded PGlite server is started on `embeddedDataDir`. */
  readonly databaseUrl: string | undefined;
  readonly embeddedDataDir: string;
  readonly poolSize: number;
  readonly logSql?: boolean;
  /** `statement_timeout` of every pooled connection in ms (DB_STATEMENT_TIMEOUT_MS); PGlite ignores it. */
  readonly statementTimeoutMs?: number;
  /** Apply pending migrations after connecting (the server and tests do; `npm run migrate` too). */
  readonly migrate?: boolean;
  /** What this process is (`server`, `apikey`, ...): named in the embedded folder's owner lock. */
  readonly embeddedRole?: string;
}

export interface Database {
  readonly dataSource: DataSource;
  /** `embedded` when running on PGlite. */
  readonly mode: 'embedded' | 'postgres';
  close(): Promise<void>;
}

/** Connects to the configured database (starting the embedded one if needed) and migrates it. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = options.databaseUrl;
  if (url === undefined) {
    embedded = await startEmbeddedPostgres(options.embeddedDataDir, { role: options.embeddedRole });
    url = embedded.url;
  }
  const dataSource = createDataSource({
    url,
    poolSize: embedded ? 1 : options.poolSize,
    logSql: options.logSql,
    statementTimeoutMs: embedded ? undefined : options.statementTimeoutMs,
    cancelAtDeadline: !embedded,
  });
  try {
    await dataSource.initialize();
    if (options.migrate) await runMigrationsLocked(dataSource);
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    mode: embedded ? 'embedded' : 'postgres',
    async close() {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
