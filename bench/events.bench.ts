import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { type DataSource } from 'typeorm';
import { runApiKeyCli } from '../src/server/api-key-cli';
import { startChildServer } from './child-server';
import { type BenchDatabase, createBenchDatabase } from './database';
import { type LoadRun, runLoad } from './load-runner';

const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_API_WARMUP ?? 5);
const RUNS = Number(process.env.BENCH_API_RUNS ?? 5);
const CONNECTIONS = 4;
const EXPERIMENTS = 200;
/** Subscriptions of the "with" side: whole-organisation, every event type, one receiver. */
const SUBSCRIPTIONS = 3;
const LATENCY_SECONDS = 20;
/** The dispatcher's pause between polls in the latency runs: the default (WEBHOOK_DISPATCH_INTERVAL_MS) and a short one. */
const LATENCY_INTERVALS_MS = [1000, 100];

const CONTROL = { metricKey: 'conv', variantKey: 'control', n: 20000, sum: 2000 };
/** A clear win, then the same treatment as control (neutral): every write moves the category, so every write has events. */
const RESULT_SETS = [
  [CONTROL, { metricKey: 'conv', variantKey: 'treatment', n: 20000, sum: 2300 }],
  [CONTROL, { metricKey: 'conv', variantKey: 'treatment', n: 20000, sum: 2000 }],
];
const UNITS = [
  { variantKey: 'control', units: 20000 },
  { variantKey: 'treatment', units: 20000 },
];
const RECORD_RESULTS = `mutation R($input: RecordResultsInput!) { recordResults(input: $input) { experimentId } }`;
const RECORD_DECISION = `mutation D($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }`;
const CREATE_SUBSCRIPTION = `mutation S($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { subscription { id } } }`;
const DELETE_SUBSCRIPTION = `mutation U($input: DeleteWebhookSubscriptionInput!) { deleteWebhookSubscription(input: $input) { id } }`;
/** Every event type but the scheduler's decision-overdue (which needs a threshold). */
const EVENT_TYPES = [
  'EXPERIMENT_STATUS_CHANGED',
  'EXPERIMENT_CATEGORY_CHANGED',
  'EXPERIMENT_INVALID',
  'DECISION_RECORDED',
  'DECISION_INCONSISTENT',
  'LEARNING_ADDED',
];

/** A GraphQL call that must succeed; returns the only root field's value. */
type Gql = (query: string, variables: Record<string, unknown>) => Promise<{ id?: string }>;

/** Medians of runs' throughput and latencies. */
export interface WriteSummary {
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly runs: readonly number[];
}

export interface EventsReport {
  readonly experiments: number;
  readonly rows: ReadonlyArray<{ mutation: string; without: WriteSummary; with: WriteSummary; eventsPerWrite: number }>;
  /** Deliveries recorded DELIVERED in the throughput runs, received by the receiver there, received twice. */
  readonly deliveries: { readonly recorded: number; readonly received: number; readonly duplicates: number };
  readonly latency: ReadonlyArray<{ intervalMs: number; events: number; p50: number; p99: number }>;
}

/** A local webhook receiver answering 204 at once, recording each delivery's id and the time from its event to its arrival. */
async function startReceiver() {
  const deliveryIds: string[] = [];
  const latencies: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string; occurredAt: string };
      deliveryIds.push(String(req.headers['x-ewl-delivery-id']));
      latencies.push(Date.now() - Date.parse(body.occurredAt));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { deliveryIds, latencies, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function adminToken(dataSource: DataSource): Promise<string> {
  let out = '';
  const io = { out: (s: string) => (out += `${s}\n`), err: (s: string) => (out += `${s}\n`) };
  const code = await runApiKeyCli(['create', '--name', 'bench', '--scopes', 'admin'], dataSource, io);
  const token = /^ewl_\S+$/m.exec(out)?.[0];
  if (code !== 0 || !token) throw new Error(`apikey create failed: ${out}`);
  return token;
}

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

function summary(runs: readonly LoadRun[]): WriteSummary {
  return {
    reqPerSec: percentile(
      runs.map((r) => r.reqPerSec),
      50,
    ),
    p50: percentile(
      runs.map((r) => r.p50),
      50,
    ),
    p99: percentile(
      runs.map((r) => r.p99),
      50,
    ),
    runs: runs.map((r) => r.reqPerSec),
  };
}

async function countEvents(dataSource: DataSource): Promise<number> {
  const [row] = (await dataSource.query(`SELECT count(*)::int AS n FROM outbox_event`)) as [{ n: number }];
  return row.n;
}

/** Waits until no delivery is pending (the dispatcher has sent everything queued). */
async function drain(dataSource: DataSource): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const [row] = (await dataSource.query(
      `SELECT count(*)::int AS n FROM webhook_delivery WHERE status = 'PENDING'`,
    )) as [{ n: number }];
    if (row.n === 0) return;
    if (Date.now() > deadline) throw new Error(`${row.n} deliveries still pending after 300 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** An org node, the metric `conv`, and EXPERIMENTS concluded experiments measuring it; returns their ids. */
async function buildPortfolio(gql: Gql, log: (message: string) => void): Promise<string[]> {
  log(`building ${EXPERIMENTS} concluded experiments through the API`);
  await gql(`mutation N($input: CreateOrgNodeInput!) { createOrgNode(input: $input) { id } }`, {
    input: { key: 'acme', name: 'Acme', kind: 'company' },
  });
  await gql(`mutation M($input: CreateMetricInput!) { createMetric(input: $input) { id } }`, {
    input: { key: 'conv', name: 'Conversion', type: 'BINARY', preferredDirection: 'INCREASE' },
  });
  const ids: string[] = [];
  const move = (id: string, to: string, at: string) =>
    gql(`mutation T($input: TransitionExperimentInput!) { transitionExperiment(input: $input) { id } }`, {
      input: { id, to, at },
    });
  for (let i = 0; i < EXPERIMENTS; i++) {
    const { id } = await gql(`mutation E($input: CreateExperimentInput!) { createExperiment(input: $input) { id } }`, {
      input: {
        key: `bench-${i}`,
        title: `Bench ${i}`,
        ownerNodeKey: 'acme',
        variants: [
          { key: 'control', name: 'Control', isControl: true, plannedWeight: 1 },
          { key: 'treatment', name: 'Treatment', isControl: false, plannedWeight: 1 },
        ],
        metrics: [{ metricKey: 'conv', role: 'SUCCESS', mde: 0.02, mdeScale: 'RELATIVE' }],
      },
    });
    await move(id!, 'RUNNING', '2025-01-01T00:00:00.000Z');
    await move(id!, 'STOPPED', '2025-02-01T00:00:00.000Z');
    await move(id!, 'CONCLUDED', '2025-02-02T00:00:00.000Z');
    ids.push(id!);
  }
  return ids;
}

/** A server with a webhook dispatcher polling every `intervalMs`, and a GraphQL client of it with an admin key. */
async function startServer(db: BenchDatabase, token: string, intervalMs: number) {
  const server = await startChildServer({
    entry: 'api-server.ts',
    databaseUrl: db.url,
    poolSize: 10,
    env: { BENCH_WEBHOOKS: 'on', WEBHOOK_DISPATCH_INTERVAL_MS: String(intervalMs) },
  });
  const headers = { authorization: `Bearer ${token}` };
  const gql: Gql = async (query, variables) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const result = (await response.json()) as { data?: Record<string, { id?: string }>; errors?: unknown[] };
    if (result.errors) throw new Error(`${query.slice(0, 50)}: ${JSON.stringify(result.errors)}`);
    return Object.values(result.data!)[0]!;
  };
  return { server, headers, gql };
}

/** Webhook subscriptions to every event type for the whole organisation, created and deleted through the API. */
function subscriptions(gql: Gql, db: BenchDatabase, url: string) {
  const ids: string[] = [];
  let delivered = 0;
  return {
    async add(count: number) {
      for (let i = 0; i < count; i++) {
        const created = (await gql(CREATE_SUBSCRIPTION, { input: { url, eventTypes: EVENT_TYPES } })) as {
          subscription?: { id: string };
        };
        ids.push(created.subscription!.id);
      }
    },
    /** Waits until everything queued was sent, counts it, and deletes the subscriptions (and their delivery log). */
    async removeAll() {
      await drain(db.dataSource);
      const [row] = (await db.dataSource.query(
        `SELECT count(*)::int AS n FROM webhook_delivery WHERE status = 'DELIVERED'`,
      )) as [{ n: number }];
      delivered += row.n;
      for (const id of ids.splice(0)) await gql(DELETE_SUBSCRIPTION, { input: { id } });
    },
    delivered: () => delivered,
  };
}

/** An endless sequence over `bodiesPerRound` rounds: the i-th body of round r+1 follows that of round r. */
function sequence(rounds: readonly (readonly string[])[]): () => string {
  const all = rounds.flat();
  let next = 0;
  return () => all[next++ % all.length]!;
}

/**
 * Issue #13: the outbox's cost on the write path (recordResults and recordDecision throughput with
 * no webhook subscription and with SUBSCRIPTIONS of them, interleaved, the dispatcher sending to a
 * local receiver), and the end-to-end delivery latency (the event's time to its arrival) at each of
 * LATENCY_INTERVALS_MS between the dispatcher's polls.
 */
export async function benchEvents(log: (message: string) => void): Promise<EventsReport> {
  const db = await createBenchDatabase();
  const receiver = await startReceiver();
  try {
    const token = await adminToken(db.dataSource);
    const { server, headers, gql } = await startServer(db, token, 1000);
    const subs = subscriptions(gql, db, receiver.url);
    const rows: Array<EventsReport['rows'][number]> = [];
    let ids: string[] = [];
    try {
      ids = await buildPortfolio(gql, log);
      const body = (query: string, input: Record<string, unknown>) => JSON.stringify({ query, variables: { input } });
      // Consecutive writes to one experiment alternate, so that each moves its category (or records a decision).
      const results = RESULT_SETS.map((set) =>
        ids.map((experimentId) => body(RECORD_RESULTS, { experimentId, units: UNITS, results: set })),
      );
      const decisions = ['SHIP', 'ABANDON'].map((kind) =>
        ids.map((experimentId) =>
          body(RECORD_DECISION, {
            experimentId,
            kind,
            decidedBy: 'bench',
            ...(kind === 'SHIP' ? { shippedVariantKey: 'treatment' } : {}),
          }),
        ),
      );
      for (const [mutation, rounds] of [
        ['recordResults', results],
        ['recordDecision', decisions],
      ] as const) {
        const load = { url: server.url, bodies: [], nextBody: sequence(rounds), connections: CONNECTIONS, headers };
        const eventsBefore = await countEvents(db.dataSource);
        let writes = 0;
        const runs: [LoadRun[], LoadRun[]] = [[], []];
        log(`${mutation}: ${RUNS} runs of ${SECONDS} s without and with ${SUBSCRIPTIONS} subscriptions, interleaved`);
        for (let round = -1; round < RUNS; round++) {
          // Round -1 warms both sides up; the order alternates between rounds.
          for (const side of round % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const)) {
            if (side === 1) await subs.add(SUBSCRIPTIONS);
            const run = await runLoad({ ...load, seconds: round < 0 ? WARMUP_SECONDS : SECONDS });
            writes += run.responses;
            if (side === 1) await subs.removeAll();
            if (round >= 0) runs[side].push(run);
          }
        }
        const eventsPerWrite = ((await countEvents(db.dataSource)) - eventsBefore) / Math.max(1, writes);
        rows.push({ mutation, without: summary(runs[0]), with: summary(runs[1]), eventsPerWrite });
      }
    } finally {
      await server.stop();
    }

    const throughputDeliveries = [...receiver.deliveryIds];
    const latency: Array<EventsReport['latency'][number]> = [];
    let written = 0;
    for (const intervalMs of LATENCY_INTERVALS_MS) {
      log(`latency: one writer for ${LATENCY_SECONDS} s, one subscription, dispatcher interval ${intervalMs} ms`);
      const { server: writer, gql: write } = await startServer(db, token, intervalMs);
      const one = subscriptions(write, db, receiver.url);
      try {
        await one.add(1);
        receiver.latencies.length = 0;
        const end = Date.now() + LATENCY_SECONDS * 1000;
        // Each write flips its experiment's category from what the last write to it left.
        for (; Date.now() < end; written++) {
          const results = RESULT_SETS[(Math.floor(written / ids.length) + 1) % 2];
          await write(RECORD_RESULTS, { input: { experimentId: ids[written % ids.length], units: UNITS, results } });
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await one.removeAll();
        latency.push({
          intervalMs,
          events: receiver.latencies.length,
          p50: percentile(receiver.latencies, 50),
          p99: percentile(receiver.latencies, 99),
        });
      } finally {
        await writer.stop();
      }
    }
    return {
      experiments: EXPERIMENTS,
      rows,
      deliveries: {
        recorded: subs.delivered(),
        received: throughputDeliveries.length,
        duplicates: throughputDeliveries.length - new Set(throughputDeliveries).size,
      },
      latency,
    };
  } finally {
    await receiver.close();
    await db.drop();
  }
}

/** The median over rounds of with / without (the two runs of a round ran back to back). */
function pairedRatio(withRuns: readonly number[], withoutRuns: readonly number[]): number {
  return percentile(
    withRuns.map((w, i) => w / withoutRuns[i]!),
    50,
  );
}

/** The report as Markdown (BENCHMARKS.md). */
export function renderEventsReport(r: EventsReport): string {
  const lines = [
    `${r.experiments} concluded experiments; ${CONNECTIONS} connections; ${RUNS} runs of ${SECONDS} s per side, interleaved; "with": ${SUBSCRIPTIONS} subscriptions to every event type.`,
    '',
    "| mutation | events per write | req/s without | req/s with | with / without (median of the rounds' ratios) | p50 ms without / with | p99 ms without / with | runs (req/s) without; with |",
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...r.rows.map(
      (row) =>
        `| ${row.mutation} | ${row.eventsPerWrite.toFixed(2)} | ${row.without.reqPerSec.toFixed(0)} | ${row.with.reqPerSec.toFixed(0)} | ${pairedRatio(row.with.runs, row.without.runs).toFixed(3)} | ${row.without.p50.toFixed(1)} / ${row.with.p50.toFixed(1)} | ${row.without.p99.toFixed(1)} / ${row.with.p99.toFixed(1)} | ${row.without.runs.map(Math.round).join(', ')}; ${row.with.runs.map(Math.round).join(', ')} |`,
    ),
    '',
    `Deliveries in these runs: ${r.deliveries.recorded} recorded DELIVERED, ${r.deliveries.received} received, ${r.deliveries.duplicates} received twice.`,
    '',
    `Delivery latency: the event's time (the write's start) to its arrival at the receiver; one writer, a recordResults every ~50 ms, one subscription.`,
    '',
    '| dispatcher interval ms | events | p50 ms | p99 ms |',
    '| --- | --- | --- | --- |',
    ...r.latency.map((l) => `| ${l.intervalMs} | ${l.events} | ${l.p50} | ${l.p99} |`),
  ];
  return lines.join('\n');
}
