import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The outbox's commit-safe read order for the live event feed (GraphQL subscriptions; docs/events.md,
 * docs/decisions/0015-live-event-feed.md): `outbox_event.xid`, the id of the transaction that wrote
 * the event (`pg_current_xact_id()`, 64 bits, never wraps). A reader that takes only events whose
 * xid is below its snapshot's xmin reads only finished transactions, so no event can later appear
 * behind the (xid, seq) position it has reached; `seq` alone gives no such guarantee, as
 * transactions commit in another order than they draw their sequence numbers. Rows written before
 * this migration get the migration's own transaction id: they are older than any feed.
 */
export class OutboxEventXid1765750000000 implements MigrationInterface {
  name = 'OutboxEventXid1765750000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outbox_event ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id()`);
    await queryRunner.query(`CREATE INDEX outbox_event_xid_seq_idx ON outbox_event (xid, seq)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX outbox_event_xid_seq_idx`);
    await queryRunner.query(`ALTER TABLE outbox_event DROP COLUMN xid`);
  }
}
