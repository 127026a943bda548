import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { type DataSource } from 'typeorm';
import { type RequestRecord } from './request-log';

/** Distinct operation names kept as label values; later new names are counted as `other`. */
export const MAX_OPERATION_LABELS = 200;

/** Anything with hit and miss counts (the roll-up cache, the whole-answer cache). */
export interface CacheCounts {
  readonly hits: number;
  readonly misses: number;
}

interface PgPool {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

export interface Metrics {
  readonly registry: Registry;
  /** Counts one answered GraphQL request. */
  observe(record: RequestRecord, status: number, seconds: number): void;
}

/**
 * Prometheus metrics of one app, in a registry of its own (several apps may live in one process):
 * GraphQL requests by operation name and outcome (count and latency), the connection pool, cache
 * hits and misses, and Node's default process metrics (event-loop lag included). Labels carry
 * operation names and outcomes only: never variables, keys or data.
 */
export function createMetrics(options: {
  dataSource: DataSource;
  caches: Record<string, CacheCounts | undefined>;
}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests answered, by operation name and outcome',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time to answer a GraphQL request, by operation name and outcome',
    labelNames: ['operation', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const pool = () => (options.dataSource.driver as unknown as { master?: PgPool }).master;
  for (const [name, help, read] of [
    ['db_pool_connections', 'Connections open in the pool', (p: PgPool) => p.totalCount],
    ['db_pool_idle_connections', 'Idle connections in the pool', (p: PgPool) => p.idleCount],
    ['db_pool_waiting_clients', 'Requests waiting for a pooled connection', (p: PgPool) => p.waitingCount],
  ] as const) {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const p = pool();
        this.set(p ? read(p) : 0);
      },
    });
  }
  const caches = Object.entries(options.caches).filter(
    (entry): entry is [string, CacheCounts] => entry[1] !== undefined,
  );
  new Gauge({
    name: 'cache_hits_total',
    help: 'Cache lookups answered from memory, by cache',
    labelNames: ['cache'],
    registers: [registry],
    collect() {
      for (const [cache, counts] of caches) this.set({ cache }, counts.hits);
    },
  });
  new Gauge({
    name: 'cache_misses_total',
    help: 'Cache lookups that computed the answer, by cache',
    labelNames: ['cache'],
    registers: [registry],
    collect() {
      for (const [cache, counts] of caches) this.set({ cache }, counts.misses);
    },
  });

  const known = new Set<string>();
  const operationLabel = (name: string | undefined) => {
    if (name === undefined) return 'none';
    if (known.has(name)) return name;
    if (known.size >= MAX_OPERATION_LABELS) return 'other';
    known.add(name);
    return name;
  };

  return {
    registry,
    observe(record, status, seconds) {
      const outcome =
        status >= 500 || record.errorCodes.has('INTERNAL_SERVER_ERROR')
          ? 'server_error'
          : status >= 400 || record.errorCodes.size > 0
            ? 'client_error'
            : 'ok';
      const labels = { operation: operationLabel(record.operationName), outcome };
      requests.inc(labels);
      latency.observe(labels, seconds);
    },
  };
}
