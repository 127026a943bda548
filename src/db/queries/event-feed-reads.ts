import { type FeedPosition, parseSnapshot, type TransactionSnapshot } from '../../domain/event-feed';
import type { StoredEvent } from '../../domain/webhooks';
import { type Queryable } from '../rows/table-rows';
import { outboxEventRows } from '../rows/tables';
import { type Row } from './row-values-reads';

/** A committed event as the live feed reads it: the event, its transaction and its owner's ancestors. */
export interface FeedEvent {
  readonly event: StoredEvent;
  readonly xid: bigint;
  /** The owner node and every node above it (org_node_closure, as the tree is when the feed reads). */
  readonly ownerAncestorIds: readonly string[];
}

/** The database's current snapshot (`pg_current_snapshot()`), which says which transactions have finished. */
export async function readTransactionSnapshot(db: Queryable): Promise<TransactionSnapshot> {
  const rows = (await db.query('SELECT pg_current_snapshot()::text AS snapshot')) as Array<{ snapshot: string }>;
  return parseSnapshot(rows[0]!.snapshot);
}

/**
 * At most `limit` events after `after` in (xid, seq) order, of transactions that have all finished
 * (xid below the statement's snapshot's xmin), each with its owner's ancestors, in one statement:
 * every transaction with a smaller id has finished too, so no event can appear behind the last one
 * read later on. The read of an event's subtree is one closure lookup per event inside this statement.
 */
export async function readCommittedEventsAfter(
  db: Queryable,
  after: FeedPosition,
  limit: number,
): Promise<FeedEvent[]> {
  const rows = (await db.query(
    `SELECT ${outboxEventRows.columns('o')}, o.xid::text AS feed_xid,
            coalesce((SELECT json_agg(c.ancestor_id) FROM org_node_closure c WHERE c.descendant_id = o.owner_node_id),
                     '[]'::json) AS feed_ancestors
       FROM outbox_event o
      WHERE (o.xid, o.seq) > ($1::xid8, $2::bigint) AND o.xid < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY o.xid, o.seq
      LIMIT $3`,
    [after.xid.toString(), after.seq, limit],
  )) as Row[];
  return rows.map((row) => ({
    event: outboxEventRows.decode(row),
    xid: BigInt(String(row.feed_xid)),
    ownerAncestorIds: row.feed_ancestors as string[],
  }));
}
