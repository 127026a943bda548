import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { COUNT_COLUMNS, stoppedConclusionFactsSql } from '../src/db/queries/rollup-sql';
import { awaitingStoppedRuleSql } from '../src/db/sql/ewl-rules.sql';

/**
 * The STOPPED experiments without a conclusion in the roll-up summary (issue #11). Such an
 * experiment concludes at its end once the 30-day rule has run at the reader's clock, so
 * `org_rollup_month` did not hold it and every roll-up read all of them (3 % of a catalogue, and
 * growing with it). Now:
 *
 * - `org_rollup_month.stopped_<count>` holds, per owner node and UTC month of `ended_at`, the
 *   conclusion counts of those experiments as the raw path counts a concluded row (`COUNT_COLUMNS`
 *   of rollup-sql.ts: the same conditions, generated here). A reader takes the months before the
 *   month of its clock minus 30 days, whose experiments the rule has concluded, and reads only the
 *   30-day margin from the rows.
 * - Statement-level triggers on `experiment_classification` keep the columns in step, beside the
 *   RollupSummary and DesignAmendments ones (the RollupSummary TRUNCATE trigger empties the table).
 * - `experiment_classification_awaiting_idx` (owner, end) and `experiment_classification_awaiting_ended_idx`
 *   (end) over those experiments replace `experiment_classification_unsettled_stopped_idx`: the
 *   oldest undecided one of an owner is one probe, the margin one range.
 */
const FACTS = COUNT_COLUMNS.flatMap((c) => (c.stopped ? [c.stopped] : []));
const AWAITING = `${awaitingStoppedRuleSql('c')} AND c.ended_at IS NOT NULL`;

/** Adds the signed facts of the rows of `source` (classification rows with a `sign`). */
function applyStopped(source: string): string {
  return `INSERT INTO org_rollup_month AS r (owner_node_id, month, ${FACTS.join(', ')})
    SELECT f.owner_node_id, f.month, ${FACTS.map((c) => `sum(f.${c})`).join(', ')}
      FROM (${stoppedConclusionFactsSql(source, AWAITING)}) f
     GROUP BY f.owner_node_id, f.month
    HAVING ${FACTS.map((c) => `sum(f.${c}) <> 0`).join(' OR ')}
     ORDER BY f.owner_node_id, f.month
    ON CONFLICT (owner_node_id, month) DO UPDATE SET ${FACTS.map((c) => `${c} = r.${c} + EXCLUDED.${c}`).join(', ')}`;
}

export class StoppedSummary1765605000000 implements MigrationInterface {
  name = 'StoppedSummary1765605000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE org_rollup_month ${FACTS.map((c) => `ADD COLUMN ${c} integer NOT NULL DEFAULT 0`).join(', ')}`,
    );
    await queryRunner.query(applyStopped('(SELECT 1 AS sign, ec.* FROM experiment_classification ec)'));
    await queryRunner.query(`
      CREATE FUNCTION org_rollup_month_apply_stopped() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${applyStopped('(SELECT 1 AS sign, n.* FROM new_rows n)')};
        ELSIF TG_OP = 'UPDATE' THEN
          ${applyStopped('(SELECT -1 AS sign, o.* FROM old_rows o UNION ALL SELECT 1 AS sign, n.* FROM new_rows n)')};
        ELSE
          ${applyStopped('(SELECT -1 AS sign, o.* FROM old_rows o)')};
        END IF;
        RETURN NULL;
      END
      $fn$`);
    for (const [op, transition] of [
      ['insert', 'NEW TABLE AS new_rows'],
      ['update', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['delete', 'OLD TABLE AS old_rows'],
    ] as const) {
      await queryRunner.query(`CREATE TRIGGER org_rollup_month_stopped_${op} AFTER ${op.toUpperCase()} ON experiment_classification
        REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION org_rollup_month_apply_stopped()`);
    }
    await queryRunner.query(`CREATE INDEX experiment_classification_awaiting_idx ON experiment_classification (owner_node_id, ended_at)
      INCLUDE (decision_kind, counts_toward_ewl, decided_at) WHERE status = 'STOPPED' AND concluded_at IS NULL`);
    await queryRunner.query(`CREATE INDEX experiment_classification_awaiting_ended_idx ON experiment_classification (ended_at)
      WHERE status = 'STOPPED' AND concluded_at IS NULL`);
    await queryRunner.query(`DROP INDEX experiment_classification_unsettled_stopped_idx`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX experiment_classification_unsettled_stopped_idx ON experiment_classification (owner_node_id)
      WHERE status = 'STOPPED' AND concluded_at IS NULL`);
    await queryRunner.query(`DROP INDEX experiment_classification_awaiting_ended_idx`);
    await queryRunner.query(`DROP INDEX experiment_classification_awaiting_idx`);
    for (const op of ['insert', 'update', 'delete'])
      await queryRunner.query(`DROP TRIGGER org_rollup_month_stopped_${op} ON experiment_classification`);
    await queryRunner.query(`DROP FUNCTION org_rollup_month_apply_stopped()`);
    await queryRunner.query(`ALTER TABLE org_rollup_month ${FACTS.map((c) => `DROP COLUMN ${c}`).join(', ')}`);
  }
}
