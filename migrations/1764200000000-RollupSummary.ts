import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The roll-up summary (issue #4): per owner node and UTC calendar month, the counts the org
 * statistics add up, so that a node's stats read a few hundred summary rows instead of every
 * experiment below it.
 *
 * - `experiment_classification` gains what the roll-up reads besides the classification: the
 *   start, whether the experiment reruns another, and its current decision (kind, instant, and
 *   whether it is one the category expects, computed by the application from the ruleset).
 * - `org_rollup_month` holds two kinds of facts per (owner node, month):
 *   - start facts, by the month of `started_at`: in-scope starts and restarts;
 *   - conclusion facts of SETTLED experiments (STOPPED, CONCLUDED or ARCHIVED with a
 *     `concluded_at`), by the month of `concluded_at`: concluded (in scope) per category, validity
 *     reason, underpowered sub-reason and decision kind, inconsistent and undecided; excluded.
 *   A STOPPED experiment without a conclusion is not summarised: its conclusion date depends on
 *   the reader's clock (the 30-day rule), so readers take it from the experiment rows.
 * - Statement-level triggers on `experiment_classification` keep the summary exactly in step, in
 *   the same transaction as every insert, update, delete or truncate of a classification: each
 *   statement subtracts the old rows' facts and adds the new rows' facts, grouped and applied in
 *   key order.
 *
 * The literal lists below are frozen with this migration; a new category, reason or decision
 * kind needs a new migration (as it does for the CHECK constraints anyway). An integration test
 * checks that the columns match the application's lists.
 */
const CATEGORIES = ['WIN', 'REGRESSION', 'POWERED_NEUTRAL', 'UNDERPOWERED', 'INVALID'];
const VALIDITY_REASONS = ['SRM_FAILED', 'NO_TRAFFIC', 'REPORTED_CHECK_FAILED', 'MISSING_HEALTH_DATA'];
const SUB_REASONS = [
  'NO_EFFECT',
  'GUARDRAIL_NOT_CLEARED',
  'INFRA_SAFE',
  'BELOW_REQUIRED_SAMPLE',
  'MISSING_MDE',
  'NO_DECISION_METRICS',
  'NO_DATA',
  'SUCCESS_METRIC_IMPROVED',
  'METRIC_DETERIORATED',
  ...VALIDITY_REASONS,
];
const DECISION_KINDS = ['SHIP', 'SHIP_INFRA', 'ABORT', 'ITERATE', 'ABANDON', 'RERUN', 'NONE'];

const lower = (v: string) => v.toLowerCase();

/** Summary columns and the per-row fact each holds ({c} is the classification row). */
function factColumns(): Array<{ name: string; start: string; conclusion: string }> {
  const inScope = 'c.counts_toward_ewl';
  const cols: Array<{ name: string; start: string; conclusion: string }> = [
    { name: 'started', start: inScope, conclusion: 'false' },
    { name: 'restarts', start: `${inScope} AND c.is_restart`, conclusion: 'false' },
    { name: 'concluded', start: 'false', conclusion: inScope },
    { name: 'excluded', start: 'false', conclusion: `NOT ${inScope}` },
  ];
  for (const cat of CATEGORIES)
    cols.push({ name: `cat_${lower(cat)}`, start: 'false', conclusion: `${inScope} AND c.category = '${cat}'` });
  for (const r of VALIDITY_REASONS) {
    cols.push({
      name: `vr_${lower(r)}`,
      start: 'false',
      conclusion: `${inScope} AND c.category = 'INVALID' AND '${r}' = ANY(c.validity_reasons)`,
    });
  }
  for (const s of SUB_REASONS) {
    cols.push({
      name: `us_${lower(s)}`,
      start: 'false',
      conclusion: `${inScope} AND c.category = 'UNDERPOWERED' AND c.sub_reason = '${s}'`,
    });
  }
  for (const k of DECISION_KINDS)
    cols.push({ name: `dk_${lower(k)}`, start: 'false', conclusion: `${inScope} AND c.decision_kind = '${k}'` });
  cols.push(
    {
      name: 'inconsistent',
      start: 'false',
      conclusion: `${inScope} AND c.decision_kind IS NOT NULL AND NOT c.decision_consistent`,
    },
    { name: 'undecided', start: 'false', conclusion: `${inScope} AND c.decision_kind IS NULL` },
  );
  return cols;
}

/** Adds sign x facts of the rows of `source` (a relation with a `sign` column and the classification columns). */
function applyFacts(source: string): string {
  const cols = factColumns();
  const month = (column: string) => `date_trunc('month', c.${column} AT TIME ZONE 'UTC')::date`;
  const settled = `c.status IN ('STOPPED', 'CONCLUDED', 'ARCHIVED') AND c.concluded_at IS NOT NULL`;
  const fact = (kind: 'start' | 'conclusion') =>
    cols.map((col) => `c.sign * coalesce(${col[kind]}, false)::int`).join(', ');
  return `INSERT INTO org_rollup_month AS r (owner_node_id, month, ${cols.map((c) => c.name).join(', ')})
    SELECT f.owner_node_id, f.month, ${cols.map((c) => `sum(f.${c.name})`).join(', ')}
      FROM (SELECT c.owner_node_id, ${month('started_at')} AS month, ${fact('start')} FROM ${source} c WHERE c.started_at IS NOT NULL
            UNION ALL
            SELECT c.owner_node_id, ${month('concluded_at')}, ${fact('conclusion')} FROM ${source} c WHERE ${settled})
        AS f(owner_node_id, month, ${cols.map((c) => c.name).join(', ')})
     GROUP BY f.owner_node_id, f.month
    HAVING ${cols.map((c) => `sum(f.${c.name}) <> 0`).join(' OR ')}
     ORDER BY f.owner_node_id, f.month
    ON CONFLICT (owner_node_id, month) DO UPDATE SET ${cols.map((c) => `${c.name} = r.${c.name} + EXCLUDED.${c.name}`).join(', ')}`;
}

export class RollupSummary1764200000000 implements MigrationInterface {
  name = 'RollupSummary1764200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE experiment_classification
        ADD COLUMN started_at timestamptz,
        ADD COLUMN is_restart boolean NOT NULL DEFAULT false,
        ADD COLUMN decision_kind text,
        ADD COLUMN decided_at timestamptz,
        ADD COLUMN decision_consistent boolean,
        ADD CONSTRAINT experiment_classification_decision_check CHECK (
          (decision_kind IS NULL AND decided_at IS NULL AND decision_consistent IS NULL)
          OR (decision_kind IN (${DECISION_KINDS.map((k) => `'${k}'`).join(', ')}) AND decided_at IS NOT NULL AND decision_consistent IS NOT NULL))`);
    // Backfill from the experiment and its current decision; consistency with the ruleset of
    // StoredClassification (ewl-2026.1), frozen here as it stood.
    await queryRunner.query(`
      UPDATE experiment_classification ec
         SET started_at = e.started_at, is_restart = e.restart_of_id IS NOT NULL,
             decision_kind = d.kind, decided_at = d.decided_at,
             decision_consistent = CASE WHEN d.kind IS NOT NULL THEN coalesce((CASE ec.category
               WHEN 'WIN' THEN d.kind IN ('SHIP', 'SHIP_INFRA') WHEN 'REGRESSION' THEN d.kind IN ('ABORT', 'ITERATE')
               WHEN 'POWERED_NEUTRAL' THEN CASE ec.sub_reason WHEN 'GUARDRAIL_NOT_CLEARED' THEN d.kind IN ('ITERATE', 'ABANDON')
                 WHEN 'INFRA_SAFE' THEN d.kind IN ('SHIP_INFRA', 'SHIP', 'ITERATE', 'ABANDON') ELSE d.kind IN ('ITERATE', 'ABANDON', 'SHIP_INFRA') END
               WHEN 'UNDERPOWERED' THEN d.kind IN ('RERUN', 'ABANDON') WHEN 'INVALID' THEN d.kind IN ('RERUN', 'ABANDON') ELSE false END), false) END
        FROM experiment e LEFT JOIN decision d ON d.experiment_id = e.id AND d.is_current
       WHERE e.id = ec.experiment_id`);

    const cols = factColumns();
    await queryRunner.query(`
      CREATE TABLE org_rollup_month (
        owner_node_id uuid NOT NULL REFERENCES org_node (id) ON DELETE CASCADE,
        month date NOT NULL,
        ${cols.map((c) => `${c.name} integer NOT NULL DEFAULT 0`).join(',\n        ')},
        PRIMARY KEY (owner_node_id, month)
      )`);
    await queryRunner.query(applyFacts(`(SELECT 1 AS sign, ec.* FROM experiment_classification ec)`));

    await queryRunner.query(`
      CREATE FUNCTION org_rollup_month_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${applyFacts('(SELECT 1 AS sign, n.* FROM new_rows n)')};
        ELSIF TG_OP = 'UPDATE' THEN
          ${applyFacts('(SELECT -1 AS sign, o.* FROM old_rows o UNION ALL SELECT 1 AS sign, n.* FROM new_rows n)')};
        ELSIF TG_OP = 'DELETE' THEN
          ${applyFacts('(SELECT -1 AS sign, o.* FROM old_rows o)')};
        ELSE
          DELETE FROM org_rollup_month;
        END IF;
        RETURN NULL;
      END
      $fn$`);
    await queryRunner.query(`CREATE TRIGGER org_rollup_month_insert AFTER INSERT ON experiment_classification
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION org_rollup_month_apply()`);
    await queryRunner.query(`CREATE TRIGGER org_rollup_month_update AFTER UPDATE ON experiment_classification
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION org_rollup_month_apply()`);
    await queryRunner.query(`CREATE TRIGGER org_rollup_month_delete AFTER DELETE ON experiment_classification
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION org_rollup_month_apply()`);
    await queryRunner.query(`CREATE TRIGGER org_rollup_month_truncate AFTER TRUNCATE ON experiment_classification
      FOR EACH STATEMENT EXECUTE FUNCTION org_rollup_month_apply()`);

    // Indexes of the roll-up's reads at the window edges and of the clock-dependent rows.
    await queryRunner.query(
      `CREATE INDEX experiment_classification_concluded_idx ON experiment_classification (concluded_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX experiment_classification_started_idx ON experiment_classification (started_at)`,
    );
    await queryRunner.query(`CREATE INDEX experiment_classification_unsettled_stopped_idx ON experiment_classification (owner_node_id)
      WHERE status = 'STOPPED' AND concluded_at IS NULL`);
    await queryRunner.query(`CREATE INDEX experiment_classification_undecided_idx ON experiment_classification (owner_node_id, concluded_at)
      WHERE decision_kind IS NULL AND counts_toward_ewl AND concluded_at IS NOT NULL AND status IN ('STOPPED', 'CONCLUDED', 'ARCHIVED')`);
    await queryRunner.query(`CREATE INDEX experiment_classification_decided_idx ON experiment_classification (owner_node_id, concluded_at)
      INCLUDE (status, ended_at, decided_at) WHERE decision_kind IS NOT NULL AND counts_toward_ewl`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete', 'truncate']) {
      await queryRunner.query(`DROP TRIGGER org_rollup_month_${op} ON experiment_classification`);
    }
    await queryRunner.query(`DROP FUNCTION org_rollup_month_apply()`);
    await queryRunner.query(`DROP TABLE org_rollup_month`);
    for (const idx of ['concluded', 'started', 'unsettled_stopped', 'undecided', 'decided']) {
      await queryRunner.query(`DROP INDEX experiment_classification_${idx}_idx`);
    }
    await queryRunner.query(`ALTER TABLE experiment_classification DROP CONSTRAINT experiment_classification_decision_check,
      DROP COLUMN started_at, DROP COLUMN is_restart, DROP COLUMN decision_kind, DROP COLUMN decided_at, DROP COLUMN decision_consistent`);
  }
}
