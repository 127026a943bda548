import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `experiment_metric_effect`: each treatment arm's relative effect on each metric, with its standard
 * error and the verdicts of the experiment's own tests, stored with the classification (the metric
 * view pools them: docs/meta-analysis.md). `experiment_classification.effects_stored` tells which
 * rows were stored with their effects: the rows of an existing database are not, and the server's
 * start-up reclassification of stale rows fills them in.
 */
export class MetricEffects1765600000000 implements MigrationInterface {
  name = 'MetricEffects1765600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE experiment_metric_effect (
      experiment_metric_id uuid NOT NULL REFERENCES experiment_metric (id) ON DELETE CASCADE,
      variant_id uuid NOT NULL REFERENCES variant (id) ON DELETE CASCADE,
      experiment_id uuid NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
      role text NOT NULL CONSTRAINT experiment_metric_effect_role CHECK (role IN ('SUCCESS', 'GUARDRAIL', 'DETERIORATION')),
      effect double precision NOT NULL CONSTRAINT experiment_metric_effect_finite CHECK (effect > '-Infinity' AND effect < 'Infinity'),
      std_err double precision NOT NULL CONSTRAINT experiment_metric_effect_std_err CHECK (std_err > 0 AND std_err < 'Infinity'),
      better boolean NOT NULL,
      worse boolean NOT NULL,
      PRIMARY KEY (experiment_metric_id, variant_id)
    )`);
    // Each classification replaces its experiment's rows; a variant's deletion cascades.
    await queryRunner.query(
      `CREATE INDEX experiment_metric_effect_experiment_idx ON experiment_metric_effect (experiment_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX experiment_metric_effect_variant_idx ON experiment_metric_effect (variant_id)`,
    );
    await queryRunner.query(
      `ALTER TABLE experiment_classification ADD COLUMN effects_stored boolean NOT NULL DEFAULT false`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE experiment_classification DROP COLUMN effects_stored`);
    await queryRunner.query(`DROP TABLE experiment_metric_effect`);
  }
}
