import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The metric view reads one catalogue metric's stored effects (docs/meta-analysis.md). They were
 * reachable only through `experiment_metric` (by metric) and then one primary-key probe per effect;
 * at 100,000 experiments a company's view made 13,000 such probes. `experiment_metric_effect.metric_id`
 * copies the experiment metric's catalogue metric (which never changes: a design change deletes and
 * re-adds the experiment metric), filled by a trigger on insert whatever the writer, and
 * `experiment_metric_effect_metric_idx` holds every column the view reads, ordered by experiment:
 * the view reads a metric's effects by an index-only scan and joins them to the eligible
 * classifications.
 */
export class MetricEffectsByMetric1765800000000 implements MigrationInterface {
  name = 'MetricEffectsByMetric1765800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE experiment_metric_effect ADD COLUMN metric_id uuid REFERENCES metric (id) ON DELETE CASCADE`,
    );
    await queryRunner.query(`UPDATE experiment_metric_effect f SET metric_id = em.metric_id
      FROM experiment_metric em WHERE em.id = f.experiment_metric_id`);
    await queryRunner.query(`ALTER TABLE experiment_metric_effect ALTER COLUMN metric_id SET NOT NULL`);
    await queryRunner.query(`CREATE FUNCTION experiment_metric_effect_fill_metric() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT em.metric_id INTO STRICT NEW.metric_id FROM experiment_metric em WHERE em.id = NEW.experiment_metric_id;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER experiment_metric_effect_fill_metric BEFORE INSERT ON experiment_metric_effect
      FOR EACH ROW EXECUTE FUNCTION experiment_metric_effect_fill_metric()`);
    await queryRunner.query(`CREATE INDEX experiment_metric_effect_metric_idx ON experiment_metric_effect (metric_id, experiment_id)
      INCLUDE (variant_id, role, effect, std_err, better, worse)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX experiment_metric_effect_metric_idx`);
    await queryRunner.query(`DROP TRIGGER experiment_metric_effect_fill_metric ON experiment_metric_effect`);
    await queryRunner.query(`DROP FUNCTION experiment_metric_effect_fill_metric()`);
    await queryRunner.query(`ALTER TABLE experiment_metric_effect DROP COLUMN metric_id`);
  }
}
