import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The classification history becomes a history of versions of the stored row (issue #5 §3, "as
 * of"): besides the category, each row keeps what the roll-ups read (validity reasons, status,
 * scope, start, end, conclusion, restart flag), and a row is written whenever any of these
 * changes, not only the category. `OrgNode.stats(asOf)` reads the version in force at an instant.
 * Existing rows take the values of the current stored row (the history started with them).
 */
export class ClassificationHistorySnapshot1764500000000 implements MigrationInterface {
  name = 'ClassificationHistorySnapshot1764500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE experiment_classification_history
        ADD COLUMN validity_reasons text[] NOT NULL DEFAULT '{}',
        ADD COLUMN status text,
        ADD COLUMN counts_toward_ewl boolean,
        ADD COLUMN started_at timestamptz,
        ADD COLUMN ended_at timestamptz,
        ADD COLUMN concluded_at timestamptz,
        ADD COLUMN is_restart boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      UPDATE experiment_classification_history h
         SET validity_reasons = c.validity_reasons, status = c.status, counts_toward_ewl = c.counts_toward_ewl, started_at = c.started_at,
             ended_at = c.ended_at, concluded_at = c.concluded_at, is_restart = c.is_restart
        FROM experiment_classification c WHERE c.experiment_id = h.experiment_id`);
    await queryRunner.query(
      `ALTER TABLE experiment_classification_history ALTER COLUMN status SET NOT NULL, ALTER COLUMN counts_toward_ewl SET NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX experiment_classification_history_changed_idx ON experiment_classification_history (changed_at)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX experiment_classification_history_changed_idx`);
    await queryRunner.query(`ALTER TABLE experiment_classification_history DROP COLUMN validity_reasons, DROP COLUMN status,
      DROP COLUMN counts_toward_ewl, DROP COLUMN started_at, DROP COLUMN ended_at, DROP COLUMN concluded_at, DROP COLUMN is_restart`);
  }
}
