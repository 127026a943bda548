import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The stored EwL outcome per experiment (spec §14, issue #3): written in the same transaction as
 * every change of an input, so that roll-ups are plain SQL. `category` holds the scope and
 * lifecycle rules except the clock-dependent one: a STOPPED experiment without a conclusion stores
 * its data category, and readers apply the 30-day rule against their own instant.
 */
export class StoredClassification1764100000000 implements MigrationInterface {
  name = 'StoredClassification1764100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE experiment_classification (
        experiment_id uuid PRIMARY KEY REFERENCES experiment (id) ON DELETE CASCADE,
        validity text NOT NULL,
        validity_reasons text[] NOT NULL DEFAULT '{}',
        category text NOT NULL,
        provisional_category text NOT NULL,
        sub_reason text,
        is_learning boolean,
        is_win boolean,
        recommendation text NOT NULL,
        status text NOT NULL,
        counts_toward_ewl boolean NOT NULL,
        ended_at timestamptz,
        concluded_at timestamptz,
        owner_node_id uuid NOT NULL REFERENCES org_node (id) ON DELETE RESTRICT,
        owner_node_id_at_conclusion uuid REFERENCES org_node (id) ON DELETE SET NULL,
        ruleset_version text NOT NULL,
        classified_at timestamptz NOT NULL,
        CONSTRAINT experiment_classification_validity_check CHECK (validity IN ('VALID', 'INVALID', 'UNKNOWN')),
        CONSTRAINT experiment_classification_category_check CHECK (category IN ('WIN', 'REGRESSION', 'POWERED_NEUTRAL', 'UNDERPOWERED', 'INVALID', 'PENDING', 'EXCLUDED')),
        CONSTRAINT experiment_classification_provisional_check CHECK (provisional_category IN ('WIN', 'REGRESSION', 'POWERED_NEUTRAL', 'UNDERPOWERED', 'INVALID')),
        CONSTRAINT experiment_classification_recommendation_check CHECK (recommendation IN ('SHIP', 'CONTINUE', 'END', 'ABORT', 'INVESTIGATE'))
      )`);
    await queryRunner.query(
      `CREATE INDEX experiment_classification_category_idx ON experiment_classification (category)`,
    );
    await queryRunner.query(
      `CREATE INDEX experiment_classification_ruleset_idx ON experiment_classification (ruleset_version)`,
    );
    await queryRunner.query(
      `CREATE INDEX experiment_classification_owner_idx ON experiment_classification (owner_node_id, concluded_at)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE experiment_classification`);
  }
}
