import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes of the `experiments` filters that had none:
 * - `experiment_concluding_created_at_idx`: the newest-first order over concluding experiments
 *   (STOPPED, CONCLUDED, ARCHIVED: `concludingStatusSql` in src/db/sql/ewl-rules.sql.ts). A filter
 *   on data categories (`isLearning`, `category`) implies that status; with it, the page reads past
 *   none of the DRAFT and RUNNING experiments, which are the newest and grow with the catalogue.
 * - `validity` and `recommendation` of the stored classification (`category` had its index).
 */
export class ExperimentFilterIndexes1765400000000 implements MigrationInterface {
  name = 'ExperimentFilterIndexes1765400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX experiment_concluding_created_at_idx ON experiment (created_at, id)
      WHERE status IN ('STOPPED', 'CONCLUDED', 'ARCHIVED')`);
    await queryRunner.query(
      `CREATE INDEX experiment_classification_validity_idx ON experiment_classification (validity)`,
    );
    await queryRunner.query(
      `CREATE INDEX experiment_classification_recommendation_idx ON experiment_classification (recommendation)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX experiment_classification_recommendation_idx`);
    await queryRunner.query(`DROP INDEX experiment_classification_validity_idx`);
    await queryRunner.query(`DROP INDEX experiment_concluding_created_at_idx`);
  }
}
