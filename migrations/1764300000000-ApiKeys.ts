import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * API keys (issue #5 §1). A token is `ewl_<lookup_id>_<secret>`: `lookup_id` is public (it finds the
 * row and is shown in listings); only the SHA-256 of the 256-bit random secret is stored, so a leaked
 * table gives no usable token. A fast hash is right here: the secret is random, not a password, so
 * there is nothing to brute-force. Scopes are a CHECKed text[]; a key with `org_node_id` sees and
 * writes only that node's subtree, and such a key can never hold `admin` (it could otherwise create
 * an unrestricted key). Keys are revoked, never deleted, so that audit rows keep their author.
 */
export class ApiKeys1764300000000 implements MigrationInterface {
  name = 'ApiKeys1764300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        lookup_id text NOT NULL,
        secret_sha256 text NOT NULL,
        scopes text[] NOT NULL,
        org_node_id uuid REFERENCES org_node (id) ON DELETE RESTRICT,
        expires_at timestamptz,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        last_used_at timestamptz,
        CONSTRAINT api_key_lookup_id_uq UNIQUE (lookup_id),
        CONSTRAINT api_key_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        CONSTRAINT api_key_lookup_id_check CHECK (lookup_id ~ '^[0-9a-f]{16}$'),
        CONSTRAINT api_key_secret_sha256_check CHECK (secret_sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT api_key_scopes_check CHECK (
          cardinality(scopes) >= 1
          AND scopes <@ ARRAY['read', 'write:results', 'write:decisions', 'write:catalogue', 'admin']::text[]
        ),
        CONSTRAINT api_key_admin_whole_org_check CHECK (org_node_id IS NULL OR NOT ('admin' = ANY (scopes))),
        CONSTRAINT api_key_expiry_check CHECK (expires_at IS NULL OR expires_at > created_at),
        CONSTRAINT api_key_revoked_check CHECK (revoked_at IS NULL OR revoked_at >= created_at)
      )`);
    await queryRunner.query(`CREATE INDEX api_key_org_node_idx ON api_key (org_node_id) WHERE org_node_id IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_key`);
  }
}
