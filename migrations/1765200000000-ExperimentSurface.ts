import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `experiment.surface`: the product surface an experiment changes (e.g. `home`, `search`, `checkout`), free text
 * normalised like a tag (trimmed, lower-cased, at most 50 characters; null when not given). Indexed for the
 * `surface` filter of `experiments`, `stats` and `portfolioStats`.
 */
export class ExperimentSurface1765200000000 implements MigrationInterface {
  name = 'ExperimentSurface1765200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE experiment ADD COLUMN surface text
      CONSTRAINT experiment_surface_length CHECK (length(btrim(surface)) BETWEEN 1 AND 50)
      CONSTRAINT experiment_surface_normalised CHECK (surface = lower(btrim(surface)))`);
    await queryRunner.query(`CREATE INDEX experiment_surface_idx ON experiment (surface)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX experiment_surface_idx`);
    await queryRunner.query(`ALTER TABLE experiment DROP COLUMN surface`);
  }
}
