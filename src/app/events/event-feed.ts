import { apiKeyRefusal } from '../../domain/api-key';
import {
  EVENT_FEED_BATCH_SIZE,
  type FeedPosition,
  startPosition,
  SUBSCRIBER_KEY_CHECK_MS,
  SUBSCRIBER_QUEUE_LIMIT,
} from '../../domain/event-feed';
import { findApiKeysByIds } from '../../db/queries/api-key-reads';
import { readCommittedEventsAfter, readTransactionSnapshot } from '../../db/queries/event-feed-reads';
import { type Queryable } from '../../db/rows/table-rows';
import { FeedSubscriber, type SubscriberRequest } from './feed-subscriber';

export interface EventFeedOptions {
  readonly dataSource: Queryable;
  /** Pause between two reads when the last one was not a full batch (EVENT_FEED_INTERVAL_MS). */
  readonly intervalMs: number;
  readonly batchSize?: number;
  /** Events one subscriber may have waiting (default SUBSCRIBER_QUEUE_LIMIT). */
  readonly queueLimit?: number;
  /** How often the subscribers' API keys are checked (default SUBSCRIBER_KEY_CHECK_MS). */
  readonly keyCheckMs?: number;
  readonly log?: (level: 'warn', message: string, fields: Record<string, unknown>) => void;
  readonly clock?: () => Date;
}

/**
 * The live event feed of one server process (docs/events.md "Live subscriptions", ADR 0015): reads
 * the committed events of the outbox in commit-safe order, (xid, seq) after its position among
 * transactions that have all finished, and offers each batch to its subscribers, which keep what
 * reaches them. It runs only while someone subscribes: the first subscriber starts it at the
 * database's current snapshot, the last one leaving stops it. Events committed by any process
 * reach it (it reads the database, not the process's writes). Every `keyCheckMs` it checks the
 * API keys of its subscribers: one revoked or expired since ends with UNAUTHENTICATED.
 */
export class EventFeed {
  private readonly subscribers = new Set<FeedSubscriber>();
  private position: FeedPosition | undefined;
  private starting: Promise<void> | undefined;
  /** Moves on at every stop, so that a read still in flight then is discarded. */
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private lastKeyCheck = 0;
  private closed = false;

  constructor(private readonly options: EventFeedOptions) {}

  /** Subscribers listening now (registered, with the snapshot they start from read). */
  get size(): number {
    return [...this.subscribers].filter((s) => s.isListening).length;
  }

  /**
   * A new subscription: the events committed after this call (by any process) that reach `request`.
   * It is registered before the snapshot it starts from is read, so that no batch read after that
   * snapshot can pass it by.
   */
  async subscribe(request: SubscriberRequest): Promise<FeedSubscriber> {
    if (this.closed) throw new Error('The event feed is closed (the server is shutting down)');
    const subscriber = new FeedSubscriber(request, this.options.queueLimit ?? SUBSCRIBER_QUEUE_LIMIT, (s) =>
      this.remove(s),
    );
    this.subscribers.add(subscriber);
    try {
      await this.start();
      subscriber.begin(await readTransactionSnapshot(this.options.dataSource));
    } catch (error) {
      subscriber.fail(error);
      throw error;
    }
    return subscriber;
  }

  /** Ends every subscription (their consumers see them done) and stops reading. */
  async close(): Promise<void> {
    this.closed = true;
    for (const subscriber of [...this.subscribers]) void subscriber.return();
    this.stop();
    await this.reading;
  }

  private start(): Promise<void> {
    if (this.position !== undefined) return Promise.resolve();
    if (this.starting === undefined) {
      const generation = this.generation;
      this.starting = readTransactionSnapshot(this.options.dataSource).then(
        (snapshot) => {
          if (generation !== this.generation) return;
          this.position = startPosition(snapshot);
          this.schedule(this.options.intervalMs);
        },
        (error: unknown) => {
          if (generation === this.generation) this.starting = undefined;
          throw error;
        },
      );
    }
    return this.starting;
  }

  private remove(subscriber: FeedSubscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) this.stop();
  }

  private stop(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.position = undefined;
    this.starting = undefined;
  }

  private schedule(delayMs: number): void {
    const generation = this.generation;
    this.timer = setTimeout(() => {
      this.reading = this.read(generation).finally(() => (this.reading = undefined));
    }, delayMs);
    this.timer.unref();
  }

  private async read(generation: number): Promise<void> {
    const batchSize = this.options.batchSize ?? EVENT_FEED_BATCH_SIZE;
    let full = false;
    try {
      await this.checkKeys();
      if (generation !== this.generation || this.position === undefined) return;
      const events = await readCommittedEventsAfter(this.options.dataSource, this.position, batchSize);
      if (generation !== this.generation) return;
      const last = events.at(-1);
      if (last !== undefined) {
        this.position = { xid: last.xid, seq: last.event.seq };
        for (const subscriber of [...this.subscribers]) subscriber.offer(events);
      }
      full = events.length === batchSize;
    } catch (error) {
      // A database outage: the position is kept and the read is tried again after the interval.
      this.options.log?.('warn', 'event feed: reading the outbox failed', { error: String(error) });
    }
    if (generation === this.generation) this.schedule(full ? 0 : this.options.intervalMs);
  }

  /** Ends the subscriptions whose API key was revoked, expired or deleted since they subscribed. */
  private async checkKeys(): Promise<void> {
    const now = (this.options.clock ?? (() => new Date()))();
    if (now.getTime() - this.lastKeyCheck < (this.options.keyCheckMs ?? SUBSCRIBER_KEY_CHECK_MS)) return;
    this.lastKeyCheck = now.getTime();
    const keyIds = new Set([...this.subscribers].flatMap((s) => (s.request.keyId === null ? [] : [s.request.keyId])));
    if (keyIds.size === 0) return;
    const keys = new Map((await findApiKeysByIds(this.options.dataSource, [...keyIds])).map((k) => [k.id, k]));
    for (const subscriber of [...this.subscribers]) {
      const keyId = subscriber.request.keyId;
      const refusal = keyId === null ? null : apiKeyRefusal(keys.get(keyId) ?? null, now);
      if (refusal !== null) subscriber.fail(refusal);
    }
  }
}
