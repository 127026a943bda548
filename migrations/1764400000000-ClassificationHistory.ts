import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Append-only history of the stored EwL category (issue #5 §3): a row whenever an experiment's
 * stored category changes (or is first computed), with the cause, written in the same transaction
 * as the classification. Existing classifications start their history with one HISTORY_STARTED row
 * at their classification instant.
 */
export class ClassificationHistory1764400000000 implements MigrationInterface {
  name = 'ClassificationHistory1764400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE experiment_classification_history (
        seq bigserial PRIMARY KEY,
        experiment_id uuid NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
        from_category text,
        category text NOT NULL,
        sub_reason text,
        validity text NOT NULL,
        cause text NOT NULL,
        ruleset_version text NOT NULL,
        changed_at timestamptz NOT NULL,
        CONSTRAINT experiment_classification_history_category_check
          CHECK (category IN ('WIN', 'REGRESSION', 'POWERED_NEUTRAL', 'UNDERPOWERED', 'INVALID', 'PENDING', 'EXCLUDED')),
        CONSTRAINT experiment_classification_history_from_check
          CHECK (from_category IN ('WIN', 'REGRESSION', 'POWERED_NEUTRAL', 'UNDERPOWERED', 'INVALID', 'PENDING', 'EXCLUDED')),
        CONSTRAINT experiment_classification_history_validity_check CHECK (validity IN ('VALID', 'INVALID', 'UNKNOWN')),
        CONSTRAINT experiment_classification_history_cause_check CHECK (cause IN ('CREATED', 'DESIGN_CHANGED', 'STATUS_CHANGED', 'RESULTS',
          'HEALTH_CHECKS', 'METRIC_CHANGED', 'RULESET', 'RECLASSIFIED', 'IMPORTED', 'SEEDED', 'HISTORY_STARTED'))
      )`);
    await queryRunner.query(`CREATE INDEX experiment_classification_history_experiment_idx
      ON experiment_classification_history (experiment_id, changed_at, seq)`);
    await queryRunner.query(`
      INSERT INTO experiment_classification_history (experiment_id, from_category, category, sub_reason, validity, cause, ruleset_version, changed_at)
      SELECT experiment_id, NULL, category, sub_reason, validity, 'HISTORY_STARTED', ruleset_version, classified_at
        FROM experiment_classification ORDER BY classified_at, experiment_id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE experiment_classification_history`);
  }
}
