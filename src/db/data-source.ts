import { DataSource, type Logger, type QueryRunner } from 'typeorm';
import { migrations } from '../../migrations';
import { createDeadlineClient } from './deadline-client';
import { withSessionOptions } from './session-time-zone';
import * as entities from './entities';
import { countStatementInScope } from './statement-scope';

/**
 * Counts (and optionally prints) every SQL statement. Tests use the count to prove that a request's
 * statement count does not grow with page size; the benchmark reports statements per request.
 */
export class SqlStatementCounter implements Logger {
  count = 0;
  constructor(private readonly print: boolean) {}
  logQuery(query: string, parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.count += 1;
    countStatementInScope();
    if (this.print)
      console.log(`[sql] ${query}${parameters?.length ? ` -- ${JSON.stringify(parameters).slice(0, 200)}` : ''}`);
  }
  logQueryError(error: string | Error, query: string): void {
    if (this.print) console.error(`[sql error] ${String(error)} in ${query}`);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    if (this.print) console.log(`[migration] ${message}`);
  }
  log(): void {}
}

export interface DataSourceOptions {
  readonly url: string;
  /** Pool size; must be 1 for the embedded database (one PGlite session). */
  readonly poolSize: number;
  readonly logSql?: boolean;
  /**
   * PostgreSQL's `statement_timeout` on every pooled connection, in ms (0 or absent: none). PGlite
   * (the embedded database) ignores it: it runs each statement to its end.
   */
  readonly statementTimeoutMs?: number;
  /** Cancel a request's running statement at its deadline (a real PostgreSQL server; PGlite has no cancel). */
  readonly cancelAtDeadline?: boolean;
}

/** A TypeORM DataSource over `pg`. It never synchronizes: the schema comes from `migrations/`. */
export function createDataSource(options: DataSourceOptions): DataSource {
  const connection = withSessionOptions(options.url);
  return new DataSource({
    type: 'postgres',
    url: connection.url,
    entities: Object.values(entities),
    migrations,
    migrationsTableName: 'schema_migration',
    synchronize: false,
    migrationsRun: false,
    logging: ['query', 'error', 'migration'],
    logger: new SqlStatementCounter(options.logSql ?? false),
    extra: {
      max: options.poolSize,
      connectionTimeoutMillis: 30_000,
      statement_timeout: options.statementTimeoutMs || undefined,
      // A startup parameter: PostgreSQL applies it before the first statement, over the server's,
      // database's and role's defaults (and after any the URL gives). PGlite ignores it;
      // startEmbeddedPostgres sets its session.
      options: connection.options,
      Client: createDeadlineClient({ cancelAtDeadline: options.cancelAtDeadline ?? false }),
    },
  });
}

/** The statement counter attached to a DataSource made by `createDataSource`. */
export function sqlCounter(dataSource: DataSource): SqlStatementCounter {
  return dataSource.logger as SqlStatementCounter;
}
