import DataLoader from 'dataloader';

/**
 * DataLoader's cache (its `cacheMap` option), which also keeps the values primed as plain values:
 * DataLoader holds promises only, so a primed value could otherwise be read only a tick later.
 * The promise of a primed value is made when DataLoader first looks the key up, so `load` behaves
 * exactly as after DataLoader's own `prime`.
 */
class PrimedValueCache<C, V> implements DataLoader.CacheMap<C, Promise<V>> {
  private readonly promises = new Map<C, Promise<V>>();
  private readonly values = new Map<C, V>();

  get(key: C): Promise<V> | undefined {
    const promise = this.promises.get(key);
    if (promise !== undefined || !this.values.has(key)) return promise;
    const primed = Promise.resolve(this.values.get(key) as V);
    this.promises.set(key, primed);
    return primed;
  }

  set(key: C, promise: Promise<V>): void {
    this.promises.set(key, promise);
  }

  delete(key: C): void {
    this.promises.delete(key);
    this.values.delete(key);
  }

  clear(): void {
    this.promises.clear();
    this.values.clear();
  }

  /** Keeps `value` under `key` unless the key is cached already (DataLoader's `prime` rule). */
  primeValue(key: C, value: V): void {
    if (!this.promises.has(key) && !this.values.has(key)) this.values.set(key, value);
  }

  /** The value primed under `key`, or `undefined` (a primed `undefined` is then read through `load`, with the same value). */
  value(key: C): V | undefined {
    return this.values.get(key);
  }
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function';

/**
 * A DataLoader whose primed values can be read synchronously (`loadPrimed`). The look-ahead reads
 * (src/graphql/experiment-relations.ts) prime the relation loaders of a page before its field
 * resolvers run; answering those fields with the values themselves, not with promises of them,
 * lets graphql-js complete the page's objects without a promise per field, object and list.
 * Everything else is DataLoader's: `load` of a primed key answers the primed value, and `prime`
 * leaves a key that is already cached (primed or loaded) as it is.
 */
export class PrimedDataLoader<K, V, C = K> extends DataLoader<K, V, C> {
  private readonly cache: PrimedValueCache<C, V>;
  private readonly cacheKeyOf: (key: K) => C;

  constructor(
    batch: DataLoader.BatchLoadFn<K, V>,
    options: Omit<DataLoader.Options<K, V, C>, 'cache' | 'cacheMap'> = {},
  ) {
    const cache = new PrimedValueCache<C, V>();
    super(batch, { ...options, cacheMap: cache });
    this.cache = cache;
    this.cacheKeyOf = options.cacheKeyFn ?? ((key: K) => key as unknown as C);
  }

  override prime(key: K, value: V | PromiseLike<V> | Error): this {
    if (value instanceof Error || isPromiseLike(value)) return super.prime(key, value);
    this.cache.primeValue(this.cacheKeyOf(key), value);
    return this;
  }

  /** The value primed under `key`, synchronously; for a key not primed, `load(key)`. */
  loadPrimed(key: K): V | Promise<V> {
    const value = this.cache.value(this.cacheKeyOf(key));
    return value !== undefined ? value : this.load(key);
  }
}

/**
 * `then` for a value that may already be there: applies `f` at once to a value, after it to a
 * promise, so a resolver over `loadPrimed` stays synchronous when its input is.
 */
export function whenLoaded<T, R>(value: T | Promise<T>, f: (loaded: T) => R): R | Promise<R> {
  return value instanceof Promise ? value.then(f) : f(value);
}
