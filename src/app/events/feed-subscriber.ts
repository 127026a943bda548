import { type EventType } from '../../domain/events';
import { eventReachesSubscriber, type TransactionSnapshot } from '../../domain/event-feed';
import type { StoredEvent } from '../../domain/webhooks';
import { type FeedEvent } from '../../db/queries/event-feed-reads';

/** What a subscriber asked for, and the key it listens with (checked again while it listens). */
export interface SubscriberRequest {
  /** The org node whose subtree's events it receives; null: the whole organisation. */
  readonly rootId: string | null;
  /** The types it receives; null: every type. */
  readonly types: readonly EventType[] | null;
  /** The API key it authenticated with; null: anonymous or in-process. */
  readonly keyId: string | null;
}

/** More than `limit` events waited for a subscriber: its subscription ended and they are dropped. */
export class SlowConsumerError extends Error {
  constructor(readonly limit: number) {
    super(
      `More than ${limit} events (SUBSCRIBER_QUEUE_LIMIT) were waiting to be sent to this subscription: it was ended; subscribe again`,
    );
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = 'SlowConsumerError';
  }
}

type Waiter = { resolve: (r: IteratorResult<StoredEvent>) => void; reject: (e: unknown) => void };

/**
 * One subscription to the live feed, as an async iterator of events: the feed offers it every
 * batch it reads, it keeps those that reach it (type, subtree, committed after it subscribed) in a
 * queue of at most `queueLimit`, and its consumer takes them with `next()`. It ends when the
 * consumer returns it, or with an error (`fail`): its queue is then dropped. Until it knows its
 * start snapshot (`begin`) it holds what it is offered as is, bounded the same way.
 */
export class FeedSubscriber implements AsyncIterableIterator<StoredEvent> {
  private readonly types: ReadonlySet<EventType> | null;
  private since: TransactionSnapshot | undefined;
  private held: FeedEvent[] = [];
  private queue: StoredEvent[] = [];
  private waiter: Waiter | undefined;
  private ended: { error: unknown } | undefined;

  constructor(
    readonly request: SubscriberRequest,
    private readonly queueLimit: number,
    private readonly onEnd: (subscriber: FeedSubscriber) => void,
  ) {
    this.types = request.types === null ? null : new Set(request.types);
  }

  /** Whether it has its start snapshot and has not ended. */
  get isListening(): boolean {
    return this.since !== undefined && this.ended === undefined;
  }

  /** Whether the subscription has ended (returned by its consumer or failed). */
  get isEnded(): boolean {
    return this.ended !== undefined;
  }

  /** Starts filtering by the snapshot taken when it subscribed, applied to what it already holds. */
  begin(since: TransactionSnapshot): void {
    this.since = since;
    const held = this.held;
    this.held = [];
    this.offer(held);
  }

  /** Queues the events of a batch that reach this subscriber; ends it with SlowConsumerError past its limit. */
  offer(events: readonly FeedEvent[]): void {
    if (this.ended) return;
    const since = this.since;
    if (since === undefined) this.held.push(...events);
    else
      for (const e of events)
        if (
          eventReachesSubscriber(
            { ...e, type: e.event.type },
            { rootId: this.request.rootId, types: this.types, since },
          )
        )
          this.queue.push(e.event);
    if (this.queue.length + this.held.length > this.queueLimit) {
      this.fail(new SlowConsumerError(this.queueLimit));
      return;
    }
    this.wake();
  }

  /** Ends the subscription with `error`, which its consumer's next `next()` throws; drops its queue. */
  fail(error: unknown): void {
    if (this.ended) return;
    this.end({ error });
    const waiter = this.waiter;
    if (waiter === undefined) return;
    // The waiting consumer takes the error; afterwards the iterator is simply done.
    this.waiter = undefined;
    this.ended = { error: undefined };
    waiter.reject(error);
  }

  next(): Promise<IteratorResult<StoredEvent>> {
    const event = this.queue.shift();
    if (event !== undefined) return Promise.resolve({ value: event, done: false });
    if (this.ended) {
      const { error } = this.ended;
      // The error is thrown once; afterwards the iterator is simply done.
      this.ended = { error: undefined };
      return error === undefined ? Promise.resolve({ value: undefined, done: true }) : Promise.reject(error);
    }
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  return(): Promise<IteratorResult<StoredEvent>> {
    if (!this.ended) this.end({ error: undefined });
    else this.ended = { error: undefined };
    this.wake();
    return Promise.resolve({ value: undefined, done: true });
  }

  /** The consumer gave up (graphql-js calls it on an error downstream): the subscription ends. */
  throw(): Promise<IteratorResult<StoredEvent>> {
    return this.return();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<StoredEvent> {
    return this;
  }

  private end(ended: { error: unknown }): void {
    this.ended = ended;
    this.queue = [];
    this.held = [];
    this.onEnd(this);
  }

  private wake(): void {
    const waiter = this.waiter;
    if (waiter === undefined) return;
    const event = this.queue.shift();
    if (event !== undefined) {
      this.waiter = undefined;
      waiter.resolve({ value: event, done: false });
    } else if (this.ended) {
      this.waiter = undefined;
      waiter.resolve({ value: undefined, done: true });
    }
  }
}
