import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Events and webhooks (issue #13; docs/events.md, docs/decisions/0014-transactional-outbox.md):
 * - `outbox_event`: the transactional outbox. Each write appends its events in its own
 *   transaction, so an event exists if and only if its change committed. An event keeps the
 *   experiment's key and its owner node (id and key) as they were: it is a record of the past and
 *   has no foreign keys (a seed reset may delete the experiment). `seq` orders events for readers
 *   of the outbox. An `experiment.decision_overdue` event carries its threshold `overdue_days`,
 *   unique per experiment, so concurrent schedulers emit it once.
 * - `webhook_subscription`: a target URL, the event types, the org node whose subtree's events it
 *   receives (NULL: the whole organisation), the signing secret (stored as is: every delivery is
 *   signed with it), and the count of consecutive deliveries given up, which disables it.
 * - `webhook_delivery`: one per (subscription, event), written with the event. A dispatcher claims
 *   due rows for a lease (`locked_until`, `lease_id`) with FOR UPDATE SKIP LOCKED; a crash leaves
 *   the lease to expire, after which the row is due again (at least once).
 * - the `webhooks` scope joins the CHECK of `api_key.scopes`.
 */
export class WebhookOutbox1765700000000 implements MigrationInterface {
  name = 'WebhookOutbox1765700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE api_key DROP CONSTRAINT api_key_scopes_check`);
    await queryRunner.query(`ALTER TABLE api_key ADD CONSTRAINT api_key_scopes_check CHECK (
      cardinality(scopes) >= 1
      AND scopes <@ ARRAY['read', 'write:results', 'write:decisions', 'write:catalogue', 'webhooks', 'admin']::text[]
    )`);

    await queryRunner.query(`CREATE TABLE outbox_event (
      id uuid PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      type text NOT NULL,
      occurred_at timestamptz NOT NULL,
      experiment_id uuid NOT NULL,
      experiment_key text NOT NULL,
      owner_node_id uuid NOT NULL,
      owner_node_key text NOT NULL,
      overdue_days integer,
      payload jsonb NOT NULL,
      CONSTRAINT outbox_event_seq_uq UNIQUE (seq),
      CONSTRAINT outbox_event_type_check CHECK (type IN ('experiment.status_changed', 'experiment.category_changed',
        'experiment.invalid', 'decision.recorded', 'decision.inconsistent', 'learning.added', 'experiment.decision_overdue')),
      CONSTRAINT outbox_event_overdue_days_check CHECK ((type = 'experiment.decision_overdue') = (overdue_days IS NOT NULL))
    )`);
    await queryRunner.query(`CREATE INDEX outbox_event_occurred_idx ON outbox_event (occurred_at)`);
    await queryRunner.query(`CREATE INDEX outbox_event_experiment_idx ON outbox_event (experiment_id, seq)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX outbox_event_overdue_uq ON outbox_event (experiment_id, overdue_days) WHERE type = 'experiment.decision_overdue'`,
    );

    await queryRunner.query(`CREATE TABLE webhook_subscription (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      url text NOT NULL,
      event_types text[] NOT NULL,
      org_node_id uuid REFERENCES org_node (id) ON DELETE CASCADE,
      decision_overdue_days integer,
      secret text NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      consecutive_failures integer NOT NULL DEFAULT 0,
      disabled_at timestamptz,
      created_by_api_key_id uuid REFERENCES api_key (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1,
      CONSTRAINT webhook_subscription_url_check CHECK (url ~ '^https?://' AND length(url) <= 2048),
      CONSTRAINT webhook_subscription_event_types_check CHECK (
        cardinality(event_types) >= 1
        AND event_types <@ ARRAY['experiment.status_changed', 'experiment.category_changed', 'experiment.invalid',
          'decision.recorded', 'decision.inconsistent', 'learning.added', 'experiment.decision_overdue']::text[]
      ),
      CONSTRAINT webhook_subscription_overdue_check CHECK (
        ('experiment.decision_overdue' = ANY (event_types)) = (decision_overdue_days IS NOT NULL)
        AND (decision_overdue_days IS NULL OR decision_overdue_days BETWEEN 1 AND 365)
      ),
      CONSTRAINT webhook_subscription_secret_check CHECK (secret ~ '^whsec_[A-Za-z0-9_-]{43}$'),
      CONSTRAINT webhook_subscription_failures_check CHECK (consecutive_failures >= 0),
      CONSTRAINT webhook_subscription_disabled_check CHECK (enabled = (disabled_at IS NULL))
    )`);
    await queryRunner.query(`CREATE INDEX webhook_subscription_org_node_idx ON webhook_subscription (org_node_id)`);

    await queryRunner.query(`CREATE TABLE webhook_delivery (
      id uuid PRIMARY KEY,
      subscription_id uuid NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
      event_id uuid NOT NULL REFERENCES outbox_event (id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'PENDING',
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      locked_until timestamptz,
      lease_id uuid,
      last_attempt_at timestamptz,
      last_http_status integer,
      last_latency_ms integer,
      last_error text,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL,
      CONSTRAINT webhook_delivery_event_uq UNIQUE (subscription_id, event_id),
      CONSTRAINT webhook_delivery_status_check CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
      CONSTRAINT webhook_delivery_attempts_check CHECK (attempts >= 0),
      CONSTRAINT webhook_delivery_delivered_check CHECK ((status = 'DELIVERED') = (delivered_at IS NOT NULL))
    )`);
    // The dispatcher's claim reads due rows in next_attempt_at order; listings read a subscription's newest first.
    await queryRunner.query(
      `CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE INDEX webhook_delivery_subscription_idx ON webhook_delivery (subscription_id, created_at DESC, id DESC)`,
    );
    await queryRunner.query(`CREATE INDEX webhook_delivery_event_idx ON webhook_delivery (event_id)`);
    // The overdue scheduler looks for concluded experiments without a decision.
    await queryRunner.query(
      `CREATE INDEX experiment_classification_awaiting_decision_idx ON experiment_classification (concluded_at)
        WHERE status = 'CONCLUDED' AND decision_kind IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX experiment_classification_awaiting_decision_idx`);
    await queryRunner.query(`DROP TABLE webhook_delivery`);
    await queryRunner.query(`DROP TABLE webhook_subscription`);
    await queryRunner.query(`DROP TABLE outbox_event`);
    // Keys are never deleted (audit rows name them): a key that held only webhooks is revoked.
    await queryRunner.query(
      `UPDATE api_key SET revoked_at = coalesce(revoked_at, now()), scopes = ARRAY['read'] WHERE scopes = ARRAY['webhooks']`,
    );
    await queryRunner.query(
      `UPDATE api_key SET scopes = array_remove(scopes, 'webhooks') WHERE 'webhooks' = ANY (scopes)`,
    );
    await queryRunner.query(`ALTER TABLE api_key DROP CONSTRAINT api_key_scopes_check`);
    await queryRunner.query(`ALTER TABLE api_key ADD CONSTRAINT api_key_scopes_check CHECK (
      cardinality(scopes) >= 1
      AND scopes <@ ARRAY['read', 'write:results', 'write:decisions', 'write:catalogue', 'admin']::text[]
    )`);
  }
}
