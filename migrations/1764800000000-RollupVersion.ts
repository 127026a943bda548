import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A data version for the roll-up cache (issue #4): every statement that changes a table the
 * statistics read bumps it, in the same transaction, so a cached answer can be checked with one
 * tiny read. The counter is split into 16 shards (the writer's transaction id picks one) so that
 * concurrent writers do not queue on one row; readers sum the shards, which grows with every
 * committed write. Also indexes for the cache's validity horizon (the next instant at which the
 * clock alone would change an answer).
 */
const TABLES = [
  'experiment_classification',
  'experiment_classification_history',
  'experiment',
  'decision',
  'org_node',
  'org_node_closure',
  'hypothesis',
  'learning',
  'learning_experiment',
];

export class RollupVersion1764800000000 implements MigrationInterface {
  name = 'RollupVersion1764800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE rollup_version (shard smallint PRIMARY KEY, version bigint NOT NULL DEFAULT 0)`,
    );
    await queryRunner.query(`INSERT INTO rollup_version (shard) SELECT generate_series(0, 15)`);
    await queryRunner.query(`
      CREATE FUNCTION rollup_version_bump() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        UPDATE rollup_version SET version = version + 1 WHERE shard = (txid_current() % 16);
        RETURN NULL;
      END
      $fn$`);
    for (const table of TABLES) {
      await queryRunner.query(`CREATE TRIGGER ${table}_rollup_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION rollup_version_bump()`);
    }
    await queryRunner.query(`CREATE INDEX experiment_classification_ended_idx ON experiment_classification (ended_at)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX experiment_classification_ended_idx`);
    for (const table of TABLES) await queryRunner.query(`DROP TRIGGER ${table}_rollup_version ON ${table}`);
    await queryRunner.query(`DROP FUNCTION rollup_version_bump()`);
    await queryRunner.query(`DROP TABLE rollup_version`);
  }
}
