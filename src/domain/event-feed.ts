import type { EventType } from './events';

/**
 * The live event feed (GraphQL subscription `experimentEvents`; docs/events.md "Live subscriptions",
 * docs/decisions/0015-live-event-feed.md): what a subscriber receives and the limits that keep a
 * hostile or slow client from exhausting the server's memory.
 */

/** Subscriptions one WebSocket connection may hold at once; one more is refused (TOO_MANY_SUBSCRIPTIONS). */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 10;

/** WebSocket connections one server process accepts at once; one more is answered 503 (TOO_MANY_CONNECTIONS). */
export const MAX_CONNECTIONS_PER_PROCESS = 1_000;

/**
 * Events waiting to be sent to one subscriber; a subscriber this far behind ends with SLOW_CONSUMER
 * (its memory is bounded by this many small events).
 */
export const SUBSCRIBER_QUEUE_LIMIT = 1_000;

/** Events the feed reads per statement; a full batch is followed at once by the next. */
export const EVENT_FEED_BATCH_SIZE = 500;

/** Default pause between two reads of the outbox while someone subscribes, ms (EVENT_FEED_INTERVAL_MS). */
export const DEFAULT_EVENT_FEED_INTERVAL_MS = 250;

/** How often the feed checks that the API keys of its subscribers are still valid, ms. */
export const SUBSCRIBER_KEY_CHECK_MS = 5_000;

/**
 * A PostgreSQL snapshot (`pg_current_snapshot()`): every transaction id below `xmin` has finished,
 * none from `xmax` on had started, and `inProgress` lists those between that were running.
 */
export interface TransactionSnapshot {
  readonly xmin: bigint;
  readonly xmax: bigint;
  readonly inProgress: readonly bigint[];
}

/**
 * Reads the text form of a `pg_snapshot`, `xmin:xmax:xip,xip,...`.
 * @throws Error on any other text (a database that answered something unexpected).
 * @example parseSnapshot('10:14:10,12') // { xmin: 10n, xmax: 14n, inProgress: [10n, 12n] }
 */
export function parseSnapshot(text: string): TransactionSnapshot {
  const match = /^(\d+):(\d+):([\d,]*)$/.exec(text);
  if (!match) throw new Error(`Not a pg_snapshot: ${JSON.stringify(text.slice(0, 100))}`);
  return {
    xmin: BigInt(match[1]!),
    xmax: BigInt(match[2]!),
    inProgress: match[3] === '' ? [] : match[3]!.split(',').map((x) => BigInt(x)),
  };
}

/**
 * Whether the committed transaction `xid` was already visible in `snapshot` (it had committed when
 * the snapshot was taken), as `pg_visible_in_snapshot` answers for a committed one.
 * @example isCommittedBefore(11n, parseSnapshot('10:14:10,12')) // true
 * @example isCommittedBefore(12n, parseSnapshot('10:14:10,12')) // false
 */
export function isCommittedBefore(xid: bigint, snapshot: TransactionSnapshot): boolean {
  if (xid < snapshot.xmin) return true;
  if (xid >= snapshot.xmax) return false;
  return !snapshot.inProgress.includes(xid);
}

/** The feed's read position: the last (transaction id, seq) it has read. */
export interface FeedPosition {
  readonly xid: bigint;
  readonly seq: number;
}

/**
 * Where a feed starts: before every transaction the snapshot did not see finish, so that an event
 * of a transaction still running then (or started later) is read when it commits.
 */
export function startPosition(snapshot: TransactionSnapshot): FeedPosition {
  return { xid: snapshot.xmin, seq: 0 };
}

/** A committed event as the feed reads it: its transaction, type and the org nodes its owner lies under. */
export interface FeedEventScope {
  readonly xid: bigint;
  readonly type: EventType;
  /** The owner node when the event occurred and every node above it (org_node_closure). */
  readonly ownerAncestorIds: readonly string[];
}

/** What one subscriber asked for and may see. */
export interface SubscriberScope {
  /** The org node whose subtree's events it receives; null: the whole organisation. */
  readonly rootId: string | null;
  /** The types it receives; null: every type. */
  readonly types: ReadonlySet<EventType> | null;
  /** The snapshot taken when it subscribed: events already committed then are not news to it. */
  readonly since: TransactionSnapshot;
}

/**
 * Whether an event reaches a subscriber: of one of its types, owned inside its subtree, and
 * committed after it subscribed (not visible in the snapshot taken then).
 */
export function eventReachesSubscriber(event: FeedEventScope, subscriber: SubscriberScope): boolean {
  return (
    (subscriber.types === null || subscriber.types.has(event.type)) &&
    (subscriber.rootId === null || event.ownerAncestorIds.includes(subscriber.rootId)) &&
    !isCommittedBefore(event.xid, subscriber.since)
  );
}
