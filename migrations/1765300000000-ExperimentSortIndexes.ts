import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The nullable columns `experiments` can be sorted by (`SORT_COLUMNS` in src/db/queries/experiment-page-reads.ts). */
const NULLABLE_SORT_COLUMNS = ['started_at', 'ended_at', 'concluded_at'] as const;

/**
 * An index in the order of every `experiments` sort, so that a page reads its `first + 1` rows from
 * the index and stops instead of sorting every match. The API orders NULL dates last in both
 * directions, then by id: `(column, id)` serves ASC (NULLs last by default) and
 * `(column DESC NULLS LAST, id DESC)` serves DESC. They replace the one-column indexes, whose range
 * scans (`startedFrom`, `endedTo`, ...) the first one serves as well. `key` (unique), `title` and
 * `created_at` (NOT NULL, with id) already had theirs.
 */
export class ExperimentSortIndexes1765300000000 implements MigrationInterface {
  name = 'ExperimentSortIndexes1765300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const column of NULLABLE_SORT_COLUMNS) {
      await queryRunner.query(`DROP INDEX experiment_${column}_idx`);
      await queryRunner.query(`CREATE INDEX experiment_${column}_asc_idx ON experiment (${column}, id)`);
      await queryRunner.query(
        `CREATE INDEX experiment_${column}_desc_idx ON experiment (${column} DESC NULLS LAST, id DESC)`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of NULLABLE_SORT_COLUMNS) {
      await queryRunner.query(`DROP INDEX experiment_${column}_desc_idx`);
      await queryRunner.query(`DROP INDEX experiment_${column}_asc_idx`);
      await queryRunner.query(`CREATE INDEX experiment_${column}_idx ON experiment (${column})`);
    }
  }
}
