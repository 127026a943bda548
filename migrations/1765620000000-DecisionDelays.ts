import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { awaitingStoppedRuleSql, settledSql } from '../src/db/sql/ewl-rules.sql';

/**
 * The histogram behind the median days to decision (issue #11). A median is not a sum, so the
 * roll-up used to sort every decided experiment of a subtree (13,000 for a company at 100,000
 * experiments). `org_decision_delay` counts, per org node over its whole SUBTREE (the closure
 * table's ancestors of the owner) and per whole hour from end to decision, the decided, in-scope
 * experiments with an end: `settled` ones (ewl-rules.sql.ts) and STOPPED ones without a conclusion
 * (`awaiting`: they conclude at their end once the 30-day rule has run at the reader's clock). A
 * reader finds the hour that holds the middle rank from a few hundred counts, then sorts only that
 * hour's experiments (`rollup-median-sql.ts`).
 *
 * - `decision_delay_hour(decided_at, ended_at)`: the hour, floor(seconds / 3600); the histogram,
 *   its readers and the index of the experiments by hour use this one function.
 * - Statement-level triggers on `experiment_classification` add each statement's change (new rows'
 *   facts minus old rows') to every ancestor of the owner.
 * - Statement-level triggers on `org_node_closure` move the facts with the tree: an added
 *   (ancestor, descendant) pair adds the descendant's own experiments to the ancestor, a removed
 *   pair subtracts them.
 * - Both take a lock on `org_node_closure` first: the classification triggers ROW SHARE (writers
 *   run side by side), the closure triggers EXCLUSIVE (which `lockOrgTree` already holds for
 *   every tree write). A classification write therefore never adds to the ancestors of a tree that
 *   a concurrent move is changing: one of the two waits for the other's commit, then reads it
 *   (READ COMMITTED, each trigger statement with a fresh snapshot).
 */
const HOUR = 'decision_delay_hour(c.decided_at, c.ended_at)';

/** The classification rows `c` the histogram counts, and in which column. */
const COUNTED = 'c.decision_kind IS NOT NULL AND c.counts_toward_ewl AND c.ended_at IS NOT NULL';
const SETTLED = settledSql('c');
const AWAITING = awaitingStoppedRuleSql('c');

/** Upserts signed counts per (node, hour) from `select`, which yields (node_id, hour, sign, c), in key order. */
function upsert(select: string): string {
  return `INSERT INTO org_decision_delay AS h (node_id, hour, settled, awaiting)
    SELECT f.node_id, f.hour, coalesce(sum(f.sign) FILTER (WHERE f.settled), 0), coalesce(sum(f.sign) FILTER (WHERE NOT f.settled), 0)
      FROM (${select}) f(node_id, hour, sign, settled)
     GROUP BY f.node_id, f.hour
    HAVING coalesce(sum(f.sign) FILTER (WHERE f.settled), 0) <> 0 OR coalesce(sum(f.sign) FILTER (WHERE NOT f.settled), 0) <> 0
     ORDER BY f.node_id, f.hour
    ON CONFLICT (node_id, hour) DO UPDATE SET settled = h.settled + EXCLUDED.settled, awaiting = h.awaiting + EXCLUDED.awaiting`;
}

/** The (hour, sign, settled) of the counted rows `c`, with the sign `sign`. */
const facts = (sign: string) => `${HOUR}, ${sign}, ${SETTLED}`;
const WHERE = `${COUNTED} AND ((${SETTLED}) OR (${AWAITING}))`;

/** Adds the signed counted rows of `source` (classification rows with a `sign`) to every ancestor of their owner. */
function applyRows(source: string): string {
  return upsert(`SELECT oc.ancestor_id, ${facts('c.sign')} FROM ${source} c
      JOIN org_node_closure oc ON oc.descendant_id = c.owner_node_id
     WHERE ${WHERE}`);
}

/** Adds the counted rows owned by each pair's descendant to its ancestor, signed (`source`: closure pairs with a `sign`). */
function applyPairs(source: string): string {
  return upsert(`SELECT p.ancestor_id, ${facts('p.sign')} FROM ${source} p
      JOIN org_node n ON n.id = p.ancestor_id
      JOIN experiment_classification c ON c.owner_node_id = p.descendant_id
     WHERE ${WHERE}`);
}

export class DecisionDelays1765620000000 implements MigrationInterface {
  name = 'DecisionDelays1765620000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION decision_delay_hour(decided_at timestamptz, ended_at timestamptz) RETURNS bigint
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT floor(extract(epoch FROM decided_at - ended_at) / 3600)::bigint $$`);
    await queryRunner.query(`
      CREATE TABLE org_decision_delay (
        node_id uuid NOT NULL REFERENCES org_node (id) ON DELETE CASCADE,
        hour bigint NOT NULL,
        settled integer NOT NULL,
        awaiting integer NOT NULL,
        PRIMARY KEY (node_id, hour)
      )`);
    await queryRunner.query(applyRows('(SELECT 1 AS sign, ec.* FROM experiment_classification ec)'));
    // The decided experiments of one hour, per owner: what a reader sorts once it has found the median's hour.
    await queryRunner.query(`CREATE INDEX experiment_classification_delay_idx ON experiment_classification
      (decision_delay_hour(decided_at, ended_at), owner_node_id) INCLUDE (status, concluded_at, ended_at, decided_at)
      WHERE decision_kind IS NOT NULL AND counts_toward_ewl`);

    await queryRunner.query(`
      CREATE FUNCTION org_decision_delay_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        LOCK TABLE org_node_closure IN ROW SHARE MODE;
        IF TG_OP = 'INSERT' THEN
          ${applyRows('(SELECT 1 AS sign, n.* FROM new_rows n)')};
        ELSIF TG_OP = 'UPDATE' THEN
          ${applyRows('(SELECT -1 AS sign, o.* FROM old_rows o UNION ALL SELECT 1 AS sign, n.* FROM new_rows n)')};
        ELSIF TG_OP = 'DELETE' THEN
          ${applyRows('(SELECT -1 AS sign, o.* FROM old_rows o)')};
        ELSE
          DELETE FROM org_decision_delay;
        END IF;
        RETURN NULL;
      END
      $fn$`);
    for (const [op, transition] of [
      ['insert', 'NEW TABLE AS new_rows'],
      ['update', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['delete', 'OLD TABLE AS old_rows'],
    ] as const) {
      await queryRunner.query(`CREATE TRIGGER org_decision_delay_${op} AFTER ${op.toUpperCase()} ON experiment_classification
        REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION org_decision_delay_apply()`);
    }
    await queryRunner.query(`CREATE TRIGGER org_decision_delay_truncate AFTER TRUNCATE ON experiment_classification
      FOR EACH STATEMENT EXECUTE FUNCTION org_decision_delay_apply()`);

    await queryRunner.query(`
      CREATE FUNCTION org_decision_delay_move() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        LOCK TABLE org_node_closure IN EXCLUSIVE MODE;
        IF TG_OP = 'INSERT' THEN
          ${applyPairs('(SELECT 1 AS sign, n.ancestor_id, n.descendant_id FROM new_rows n)')};
        ELSIF TG_OP = 'UPDATE' THEN
          ${applyPairs('(SELECT -1 AS sign, o.ancestor_id, o.descendant_id FROM old_rows o UNION ALL SELECT 1 AS sign, n.ancestor_id, n.descendant_id FROM new_rows n)')};
        ELSIF TG_OP = 'DELETE' THEN
          ${applyPairs('(SELECT -1 AS sign, o.ancestor_id, o.descendant_id FROM old_rows o)')};
        ELSE
          DELETE FROM org_decision_delay;
        END IF;
        RETURN NULL;
      END
      $fn$`);
    for (const [op, transition] of [
      ['insert', 'NEW TABLE AS new_rows'],
      ['update', 'OLD TABLE AS old_rows NEW TABLE AS new_rows'],
      ['delete', 'OLD TABLE AS old_rows'],
    ] as const) {
      await queryRunner.query(`CREATE TRIGGER org_decision_delay_${op} AFTER ${op.toUpperCase()} ON org_node_closure
        REFERENCING ${transition} FOR EACH STATEMENT EXECUTE FUNCTION org_decision_delay_move()`);
    }
    await queryRunner.query(`CREATE TRIGGER org_decision_delay_truncate AFTER TRUNCATE ON org_node_closure
      FOR EACH STATEMENT EXECUTE FUNCTION org_decision_delay_move()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['experiment_classification', 'org_node_closure'])
      for (const op of ['insert', 'update', 'delete', 'truncate'])
        await queryRunner.query(`DROP TRIGGER org_decision_delay_${op} ON ${table}`);
    await queryRunner.query(`DROP FUNCTION org_decision_delay_move()`);
    await queryRunner.query(`DROP FUNCTION org_decision_delay_apply()`);
    await queryRunner.query(`DROP INDEX experiment_classification_delay_idx`);
    await queryRunner.query(`DROP TABLE org_decision_delay`);
    await queryRunner.query(`DROP FUNCTION decision_delay_hour(timestamptz, timestamptz)`);
  }
}
