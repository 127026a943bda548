import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The metric view reads one catalogue metric's stored effects (docs/meta-analysis.md). They were
 * reachable only through `experiment_metric` (by metric) and then one primary-key probe per effect;
 * at 100,000 experiments a company's view made 13,000 such probes. `experiment_metric_effect.metric_id`
 * copies the experiment metric's catalogue metric (which never changes: a design change deletes and
 * re-adds the experiment metric), filled by a trigger on insert whatever the writer, and
 * `experiment_metric_effect_metric_idx` holds every column the view reads, ordered by experiment:
 * the view reads a metric's effects by an index-only scan. `first_arm` marks one stored arm per
 * experiment metric (the writer's first), so that counting experiments is a plain count.
 * `experiment_classification_metric_view_idx` holds what decides eligibility of the classifications
 * that can be eligible (VALID, counting toward EwL), ordered by experiment as well: a merge join of
 * two index-only scans. `decision_shipped_idx` gives the current SHIP decisions with their variant.
 */
export class MetricEffectsByMetric1765800000000 implements MigrationInterface {
  name = 'MetricEffectsByMetric1765800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      // No foreign key of its own: the value is the experiment metric's, whose row is referenced (and cascades).
      `ALTER TABLE experiment_metric_effect ADD COLUMN metric_id uuid`,
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
    await queryRunner.query(`ALTER TABLE experiment_metric_effect ADD COLUMN first_arm boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`UPDATE experiment_metric_effect f SET first_arm = true
      FROM (SELECT DISTINCT ON (experiment_metric_id) experiment_metric_id, variant_id FROM experiment_metric_effect
             ORDER BY experiment_metric_id, variant_id) first
     WHERE first.experiment_metric_id = f.experiment_metric_id AND first.variant_id = f.variant_id`);
    await queryRunner.query(`ALTER TABLE experiment_metric_effect ALTER COLUMN first_arm DROP DEFAULT`);
    await queryRunner.query(`CREATE INDEX experiment_metric_effect_metric_idx ON experiment_metric_effect (metric_id, experiment_id)
      INCLUDE (variant_id, role, effect, std_err, better, worse, first_arm)`);
    await queryRunner.query(`CREATE INDEX experiment_classification_metric_view_idx ON experiment_classification (experiment_id)
      INCLUDE (owner_node_id, status, concluded_at, ended_at) WHERE validity = 'VALID' AND counts_toward_ewl`);
    await queryRunner.query(`CREATE INDEX decision_shipped_idx ON decision (experiment_id, shipped_variant_id)
      WHERE is_current AND kind = 'SHIP'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX decision_shipped_idx`);
    await queryRunner.query(`DROP INDEX experiment_classification_metric_view_idx`);
    await queryRunner.query(`DROP INDEX experiment_metric_effect_metric_idx`);
    await queryRunner.query(`ALTER TABLE experiment_metric_effect DROP COLUMN first_arm`);
    await queryRunner.query(`DROP TRIGGER experiment_metric_effect_fill_metric ON experiment_metric_effect`);
    await queryRunner.query(`DROP FUNCTION experiment_metric_effect_fill_metric()`);
    await queryRunner.query(`ALTER TABLE experiment_metric_effect DROP COLUMN metric_id`);
  }
}
