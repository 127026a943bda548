import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Keeps the copies of `experiment.started_at` and `restart_of_id` on the stored classification in
 * step with the experiment row whatever changed it: an application write reclassifies anyway, but
 * a foreign-key action does not (deleting an experiment sets its reruns' `restart_of_id` to NULL,
 * which must stop counting them as restarts). The update of the classification row in turn keeps
 * `org_rollup_month` in step through its own triggers.
 */
export class ExperimentCopies1764850000000 implements MigrationInterface {
  name = 'ExperimentCopies1764850000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION experiment_classification_copy_experiment() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        UPDATE experiment_classification c SET started_at = n.started_at, is_restart = n.restart_of_id IS NOT NULL
          FROM new_rows n
         WHERE c.experiment_id = n.id
           AND (c.started_at IS DISTINCT FROM n.started_at OR c.is_restart <> (n.restart_of_id IS NOT NULL));
        RETURN NULL;
      END
      $fn$`);
    await queryRunner.query(`CREATE TRIGGER experiment_classification_copy_experiment AFTER UPDATE ON experiment
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION experiment_classification_copy_experiment()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER experiment_classification_copy_experiment ON experiment`);
    await queryRunner.query(`DROP FUNCTION experiment_classification_copy_experiment()`);
  }
}
