import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Design amendments (issue #9 item 11, docs/pre-registration.md): a started experiment's
 * statistical design is locked, and changes only through `amendExperimentDesign`.
 *
 * - `experiment_design_amendment`: one row per amendment, append-only: when, why (the required
 *   reason), the status it was made in, the changed design parts before and after, and who (as in
 *   `audit_log`: principal kind, API key id and name, the person named in the request).
 * - `experiment.design_amended_at`: the instant of its first amendment (null: never amended).
 * - `experiment_classification.design_amended`: its copy on the stored classification, which the
 *   roll-ups read.
 * - `org_rollup_month.amended_after_launch`: per owner node and conclusion month, the in-scope
 *   settled conclusions (the `concluded` column's experiments) whose design was amended. Kept in
 *   step by its own statement-level triggers on `experiment_classification`, next to the
 *   RollupSummary ones (which also empty the table on TRUNCATE); the settled rule and the month
 *   are RollupSummary's.
 */
const SETTLED = `c.status IN ('STOPPED', 'CONCLUDED', 'ARCHIVED') AND c.concluded_at IS NOT NULL`;

/** Adds sign x the amended fact of the rows of `source` (a relation with a `sign` column and the classification columns). */
function applyAmended(source: string): string {
  return `INSERT INTO org_rollup_month AS r (owner_node_id, month, amended_after_launch)
    SELECT c.owner_node_id, date_trunc('month', c.concluded_at AT TIME ZONE 'UTC')::date, sum(c.sign)
      FROM ${source} c
     WHERE ${SETTLED} AND c.counts_toward_ewl AND c.design_amended
     GROUP BY 1, 2
    HAVING sum(c.sign) <> 0
     ORDER BY 1, 2
    ON CONFLICT (owner_node_id, month) DO UPDATE SET amended_after_launch = r.amended_after_launch + EXCLUDED.amended_after_launch`;
}

export class DesignAmendments1765120000000 implements MigrationInterface {
  name = 'DesignAmendments1765120000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE experiment ADD COLUMN design_amended_at timestamptz`);
    await queryRunner.query(`
      CREATE TABLE experiment_design_amendment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        experiment_id uuid NOT NULL REFERENCES experiment (id) ON DELETE CASCADE,
        amended_at timestamptz NOT NULL,
        status text NOT NULL,
        reason text NOT NULL,
        changed_fields text[] NOT NULL,
        before jsonb NOT NULL,
        after jsonb NOT NULL,
        principal_kind text NOT NULL,
        api_key_id uuid,
        api_key_name text,
        actor text,
        CONSTRAINT experiment_design_amendment_status_check CHECK (status IN ('RUNNING', 'STOPPED', 'CONCLUDED')),
        CONSTRAINT experiment_design_amendment_principal_check CHECK (principal_kind IN ('API_KEY', 'ANONYMOUS', 'INTERNAL'))
      )`);
    await queryRunner.query(
      `CREATE INDEX experiment_design_amendment_experiment_idx ON experiment_design_amendment (experiment_id, amended_at, seq)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION experiment_design_amendment_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'experiment_design_amendment is append-only';
      END
      $fn$`);
    await queryRunner.query(`CREATE TRIGGER experiment_design_amendment_append_only BEFORE UPDATE ON experiment_design_amendment
      FOR EACH ROW EXECUTE FUNCTION experiment_design_amendment_append_only()`);

    await queryRunner.query(
      `ALTER TABLE experiment_classification ADD COLUMN design_amended boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE org_rollup_month ADD COLUMN amended_after_launch integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`
      CREATE FUNCTION org_rollup_month_apply_amended() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${applyAmended('(SELECT 1 AS sign, n.* FROM new_rows n)')};
        ELSIF TG_OP = 'UPDATE' THEN
          ${applyAmended('(SELECT -1 AS sign, o.* FROM old_rows o UNION ALL SELECT 1 AS sign, n.* FROM new_rows n)')};
        ELSE
          ${applyAmended('(SELECT -1 AS sign, o.* FROM old_rows o)')};
        END IF;
        RETURN NULL;
      END
      $fn$`);
    await queryRunner.query(`CREATE TRIGGER org_rollup_month_amended_insert AFTER INSERT ON experiment_classification
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION org_rollup_month_apply_amended()`);
    await queryRunner.query(`CREATE TRIGGER org_rollup_month_amended_update AFTER UPDATE ON experiment_classification
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION org_rollup_month_apply_amended()`);
    await queryRunner.query(`CREATE TRIGGER org_rollup_month_amended_delete AFTER DELETE ON experiment_classification
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION org_rollup_month_apply_amended()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete'])
      await queryRunner.query(`DROP TRIGGER org_rollup_month_amended_${op} ON experiment_classification`);
    await queryRunner.query(`DROP FUNCTION org_rollup_month_apply_amended()`);
    await queryRunner.query(`ALTER TABLE org_rollup_month DROP COLUMN amended_after_launch`);
    await queryRunner.query(`ALTER TABLE experiment_classification DROP COLUMN design_amended`);
    await queryRunner.query(`DROP TABLE experiment_design_amendment`);
    await queryRunner.query(`DROP FUNCTION experiment_design_amendment_append_only()`);
    await queryRunner.query(`ALTER TABLE experiment DROP COLUMN design_amended_at`);
  }
}
