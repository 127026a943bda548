import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Safe writes (issue #5 §2-§3):
 * - `idempotency_key`: the first response of every mutation sent with an idempotency key, per
 *   caller (`scope`: the API key's id, or the principal kind for in-process callers), with a
 *   fingerprint of the operation and its input. Claimed in the mutation's own transaction, so a
 *   failed write leaves no key and a concurrent duplicate waits for the first and replays it. Kept
 *   at least 24 hours (purged after 48).
 * - `audit_log`: append-only, one row per successful write, in the write's transaction: who (key
 *   id and name, or the person named in the request), when, the operation, the entity, and its
 *   state before and after. UPDATE and DELETE are refused by a trigger.
 */
export class SafeWrites1764900000000 implements MigrationInterface {
  name = 'SafeWrites1764900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_key (
        scope text NOT NULL,
        key text NOT NULL,
        operation text NOT NULL,
        fingerprint text NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      )`);
    await queryRunner.query(`CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at)`);
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        principal_kind text NOT NULL,
        api_key_id uuid,
        api_key_name text,
        actor text,
        operation text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid,
        experiment_id uuid,
        before jsonb,
        after jsonb,
        idempotency_key text,
        CONSTRAINT audit_log_principal_check CHECK (principal_kind IN ('API_KEY', 'ANONYMOUS', 'INTERNAL'))
      )`);
    await queryRunner.query(
      `CREATE INDEX audit_log_experiment_idx ON audit_log (experiment_id, id) WHERE experiment_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, id)`);
    await queryRunner.query(`CREATE INDEX audit_log_at_idx ON audit_log (at, id)`);
    await queryRunner.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END
      $fn$`);
    await queryRunner.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_log`);
    await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
    await queryRunner.query(`DROP TABLE idempotency_key`);
  }
}
