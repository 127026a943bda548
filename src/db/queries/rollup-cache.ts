import { type DataSource, type EntityManager } from 'typeorm';
import { nextStoppedRuleSql } from '../sql/ewl-rules.sql';

type Queryable = DataSource | EntityManager;

/**
 * A process-wide cache of roll-up answers (docs/decisions/0004-caches.md), exact by construction:
 * - every change to a table the statistics read bumps `rollup_version` in the writer's own
 *   transaction (statement triggers, migration RollupVersion), and an entry is used only under the
 *   version it was computed at, so a committed write is never hidden;
 * - what the clock alone changes is bounded: an entry is used only from the clock it was computed
 *   at up to its validity horizon, the next instant at which time passing would change some answer
 *   (a STOPPED experiment reaching its 30 days, a start, end or conclusion dated in the future,
 *   allowed within the clock tolerance); see `isFresh`;
 * - entries hold instants, not ages: the age of the decision debt is computed per request.
 * What is cached, under which key, and what invalidates it: docs/caching.md.
 * Keys are the statement's meaning (its kind, node set and arguments, the window's end normalised
 * to "now" when it is not in the past), never the request's clock.
 */
export class RollupCache {
  private readonly entries = new Map<string, CacheStamp & { rows: unknown }>();
  /** Lookups answered from the cache, and lookups that computed (metrics). */
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = 500) {}

  /**
   * The answer for `key` under the request's data state: the stored one when it is still fresh for
   * it (see `isFresh`), else computed now and stored.
   */
  async get<T>(key: string, state: RollupDataState, compute: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && isFresh(entry, state)) {
      // Refresh the LRU position.
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.hits += 1;
      return entry.rows as T;
    }
    this.misses += 1;
    const rows = await compute();
    this.entries.delete(key);
    this.entries.set(key, { ...stampOf(state), rows });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return rows;
  }

  /** Number of entries (tests). */
  get size(): number {
    return this.entries.size;
  }
}

/** The data version and the validity horizon seen by a request. */
export interface RollupDataState {
  /** Sum of the version shards: grows with every committed write the statistics read. */
  readonly version: string;
  /** Epoch ms of the request's clock when the state was read. */
  readonly readAt: number;
  /** Epoch ms of the next instant after `readAt` at which the clock alone changes an answer (Infinity: never). */
  readonly validUntil: number;
}

/** What a cached entry records about the data state it was computed under. */
export interface CacheStamp {
  /** The data version. */
  readonly version: string;
  /** The request clock it was computed at, and the validity horizon then (epoch ms). */
  readonly from: number;
  readonly until: number;
}

/** The stamp of an entry computed under `state`. */
export function stampOf(state: RollupDataState): CacheStamp {
  return { version: state.version, from: state.readAt, until: state.validUntil };
}

/**
 * The one rule by which both in-memory caches (roll-up answers here, whole answers in
 * `graphql/response-cache.ts`) reuse an entry: computed under the same data version, for a request
 * clock from the one it was computed at up to (not including) the validity horizon then. An
 * earlier clock is not served: an event between the two clocks is not covered by the horizon.
 */
export function isFresh(stamp: CacheStamp, state: RollupDataState): boolean {
  return stamp.version === state.version && state.readAt >= stamp.from && state.readAt < stamp.until;
}

/**
 * Reads the data version and the validity horizon at `now` in one statement: the earliest start,
 * end or conclusion after `now` (dates within the clock tolerance may lie ahead) and the earliest
 * instant a STOPPED experiment without a conclusion reaches its 30 days (docs/ewl-rules.md §6.4).
 */
export async function readRollupDataState(db: Queryable, now: Date): Promise<RollupDataState> {
  const [row] = await db.query(
    `SELECT (SELECT sum(version) FROM rollup_version)::text AS version, (extract(epoch FROM least(
        (SELECT min(started_at) FROM experiment_classification WHERE started_at > $1),
        (SELECT min(ended_at) FROM experiment_classification WHERE ended_at > $1),
        (SELECT min(concluded_at) FROM experiment_classification WHERE concluded_at > $1),
        ${nextStoppedRuleSql('experiment_classification', '$1::timestamptz')})) * 1000)::float8 AS until`,
    [now.toISOString()],
  );
  return {
    version: row.version as string,
    readAt: now.getTime(),
    validUntil: row.until === null ? Number.POSITIVE_INFINITY : Number(row.until),
  };
}

/** What a request hands the roll-up reads: the process cache and its data state, read once per request. */
export interface RollupCacheHandle {
  readonly cache: RollupCache;
  /** The data state at the request's real clock (read on first use, once per request). */
  state(): Promise<RollupDataState>;
}

const caches = new WeakMap<DataSource, RollupCache>();

/** Turns the roll-up cache on for a data source (the server does, unless STATS_CACHE=off). */
export function enableRollupCache(dataSource: DataSource, maxEntries?: number): RollupCache {
  const cache = new RollupCache(maxEntries);
  caches.set(dataSource, cache);
  return cache;
}

/** A per-request handle on the data source's cache, or undefined when caching is off. */
export function rollupCacheHandle(dataSource: DataSource, now: () => Date): RollupCacheHandle | undefined {
  const cache = caches.get(dataSource);
  if (!cache) return undefined;
  let state: Promise<RollupDataState> | undefined;
  return { cache, state: () => (state ??= readRollupDataState(dataSource, now())) };
}
