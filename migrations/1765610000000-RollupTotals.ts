import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * All-time totals of the roll-up summary (issue #11): `org_rollup_total` holds, per owner node, the
 * sum of its `org_rollup_month` rows, so that a window open at its start (the default "all time up
 * to now") reads one total per owner minus the months from the window's end on, instead of every
 * month of the owner's history.
 *
 * Statement-level triggers on `org_rollup_month` add each statement's change (new rows minus old
 * rows) to the totals in the same transaction, in owner order; so the totals follow the months
 * whatever writes them (the classification triggers, a cascade from `org_node`). The columns are
 * those of `org_rollup_month` as installed when this migration runs, read from the catalogue: the
 * totals hold no rule of their own. A migration that adds a column to `org_rollup_month` adds it
 * here too and re-creates the function (a test compares the two tables' columns).
 */
async function countColumns(queryRunner: QueryRunner): Promise<string[]> {
  const rows: Array<{ column_name: string }> = await queryRunner.query(
    `SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'org_rollup_month' AND column_name NOT IN ('owner_node_id', 'month')
      ORDER BY ordinal_position`,
  );
  return rows.map((r) => r.column_name);
}

/** Adds the signed rows of `source` (a relation with `sign`, `owner_node_id` and the count columns) to the totals. */
function applyTotals(columns: readonly string[], source: string): string {
  return `INSERT INTO org_rollup_total AS t (owner_node_id, ${columns.join(', ')})
    SELECT d.owner_node_id, ${columns.map((c) => `sum(d.sign * d.${c})`).join(', ')}
      FROM ${source} d
     GROUP BY d.owner_node_id
    HAVING ${columns.map((c) => `sum(d.sign * d.${c}) <> 0`).join(' OR ')}
     ORDER BY d.owner_node_id
    ON CONFLICT (owner_node_id) DO UPDATE SET ${columns.map((c) => `${c} = t.${c} + EXCLUDED.${c}`).join(', ')}`;
}

export class RollupTotals1765610000000 implements MigrationInterface {
  name = 'RollupTotals1765610000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const columns = await countColumns(queryRunner);
    await queryRunner.query(`
      CREATE TABLE org_rollup_total (
        owner_node_id uuid PRIMARY KEY REFERENCES org_node (id) ON DELETE CASCADE,
        ${columns.map((c) => `${c} integer NOT NULL DEFAULT 0`).join(',\n        ')}
      )`);
    await queryRunner.query(applyTotals(columns, '(SELECT 1 AS sign, m.* FROM org_rollup_month m)'));
    await queryRunner.query(`
      CREATE FUNCTION org_rollup_total_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        -- An INSERT ... ON CONFLICT fires the statement triggers of both events, most often with no row for one.
        IF TG_OP = 'INSERT' THEN
          IF EXISTS (SELECT FROM new_rows) THEN
            ${applyTotals(columns, '(SELECT 1 AS sign, n.* FROM new_rows n)')};
          END IF;
        ELSIF TG_OP = 'UPDATE' THEN
          IF EXISTS (SELECT FROM new_rows) THEN
            ${applyTotals(columns, '(SELECT -1 AS sign, o.* FROM old_rows o UNION ALL SELECT 1 AS sign, n.* FROM new_rows n)')};
          END IF;
        ELSIF TG_OP = 'DELETE' THEN
          ${applyTotals(columns, '(SELECT -1 AS sign, o.* FROM old_rows o)')};
        ELSE
          DELETE FROM org_rollup_total;
        END IF;
        RETURN NULL;
      END
      $fn$`);
    await queryRunner.query(`CREATE TRIGGER org_rollup_total_insert AFTER INSERT ON org_rollup_month
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION org_rollup_total_apply()`);
    await queryRunner.query(`CREATE TRIGGER org_rollup_total_update AFTER UPDATE ON org_rollup_month
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION org_rollup_total_apply()`);
    await queryRunner.query(`CREATE TRIGGER org_rollup_total_delete AFTER DELETE ON org_rollup_month
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION org_rollup_total_apply()`);
    await queryRunner.query(`CREATE TRIGGER org_rollup_total_truncate AFTER TRUNCATE ON org_rollup_month
      FOR EACH STATEMENT EXECUTE FUNCTION org_rollup_total_apply()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete', 'truncate'])
      await queryRunner.query(`DROP TRIGGER org_rollup_total_${op} ON org_rollup_month`);
    await queryRunner.query(`DROP FUNCTION org_rollup_total_apply()`);
    await queryRunner.query(`DROP TABLE org_rollup_total`);
  }
}
