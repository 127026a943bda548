import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The facts behind the companion numbers of the learning rate (issue #12 §3, docs/ewl-rules.md
 * §7.1), on the stored classification and on each version of its history (for `asOf` reads):
 * - `planned_runtime_days`: the experiment's pre-registered runtime (a copy, as `started_at` is);
 * - `success_mde_rel`, `success_powered_effect_rel`: per success metric, the pre-registered
 *   relative MDE and the relative powered effect of the analysis (src/domain/companion-numbers.ts),
 *   stored once the experiment has ended, NULL before;
 * - `companions_stored`: whether the row was stored with them. The rows of an existing database
 *   are not, and the server's start-up reclassification of stale rows fills them in (history
 *   versions written before this migration have none: an `asOf` read before it counts them out).
 */
export class CompanionNumbers1765900000000 implements MigrationInterface {
  name = 'CompanionNumbers1765900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const finite = (column: string) =>
      `CONSTRAINT experiment_classification_${column}_positive CHECK (0 < ALL (${column}) AND 'Infinity' > ALL (${column}))`;
    for (const table of ['experiment_classification', 'experiment_classification_history']) {
      await queryRunner.query(`ALTER TABLE ${table}
        ADD COLUMN planned_runtime_days integer,
        ADD COLUMN success_mde_rel double precision[],
        ADD COLUMN success_powered_effect_rel double precision[]`);
    }
    await queryRunner.query(`ALTER TABLE experiment_classification
      ADD ${finite('success_mde_rel')}, ADD ${finite('success_powered_effect_rel')},
      ADD COLUMN companions_stored boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE experiment_classification DROP COLUMN companions_stored`);
    for (const table of ['experiment_classification', 'experiment_classification_history']) {
      await queryRunner.query(`ALTER TABLE ${table}
        DROP COLUMN planned_runtime_days, DROP COLUMN success_mde_rel, DROP COLUMN success_powered_effect_rel`);
    }
  }
}
