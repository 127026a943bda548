import autocannon from 'autocannon';
import fs from 'node:fs';

export interface LoadOptions {
  /** Base URL of the server; requests go to `${url}/graphql`. */
  readonly url: string;
  /** Request bodies, cycled through in order across all connections (from the first at every run). */
  readonly bodies: readonly string[];
  /** Or the next request body (a sequence that goes on across runs); replaces `bodies`. */
  readonly nextBody?: () => string;
  readonly connections: number;
  readonly seconds: number;
  /** Also read the server's CPU time (process_cpu_seconds_total at `${url}/metrics`) before and after the run. */
  readonly serverCpu?: boolean;
  /** Reads the server's SQL statement count so far (e.g. `ChildServer.readStatements`), before and after the run. */
  readonly serverStatements?: () => Promise<number>;
  /** Extra request headers (e.g. an API key's `authorization`). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * The server's process id: read its CPU time, PostgreSQL's (every `postgres` process of this
   * machine) and this load generator's, before and after the run (Linux /proc).
   */
  readonly cpuOfPid?: number;
}

/** One autocannon run. Latencies are exact (from each response's hrtime), not autocannon's 1-ms histogram buckets. */
export interface LoadRun {
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly responses: number;
  /** Connection errors, timeouts and non-2xx answers (all should be 0). */
  readonly failures: number;
  /** The server's CPU milliseconds (user + system) per answered request; NaN unless `serverCpu`. */
  readonly serverCpuMsPerRequest: number;
  /** The server's SQL statements per answered request; NaN unless `serverStatements`. */
  readonly statementsPerRequest: number;
  /** CPU milliseconds per answered request of the server, PostgreSQL and the load generator; NaN unless `cpuOfPid`. */
  readonly cpu: CpuPerRequest;
}

/** CPU milliseconds (user + system) per answered request, by process. */
export interface CpuPerRequest {
  readonly server: number;
  readonly postgres: number;
  readonly client: number;
}

const NO_CPU: CpuPerRequest = { server: Number.NaN, postgres: Number.NaN, client: Number.NaN };

/** utime + stime of a process in milliseconds (fields 14 and 15 of /proc/<pid>/stat, after the command). */
function processCpuMs(pid: number | 'self'): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** CPU milliseconds so far of every `postgres` process (the server and its backends), by process id. */
function postgresCpuMs(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres')
        byPid.set(Number(entry), processCpuMs(Number(entry)));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return byPid;
}

interface CpuReading {
  readonly server: number;
  readonly postgres: Map<number, number>;
  readonly client: number;
}

function cpuNow(pid: number): CpuReading {
  return { server: processCpuMs(pid), postgres: postgresCpuMs(), client: processCpuMs('self') };
}

/**
 * CPU per request between two readings. PostgreSQL's: the growth of every process alive at the end
 * (a backend that started during the run counts whole; one that ended during it is not counted).
 */
function cpuPerRequest(before: CpuReading, after: CpuReading, responses: number): CpuPerRequest {
  let postgres = 0;
  for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
  const per = (amount: number) => amount / Math.max(1, responses);
  return {
    server: per(after.server - before.server),
    postgres: per(postgres),
    client: per(after.client - before.client),
  };
}

/** The server process's CPU seconds so far, from its Prometheus endpoint. */
async function readServerCpuSeconds(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = /^process_cpu_seconds_total (\S+)$/m.exec(text);
  if (!line?.[1]) throw new Error(`${url}/metrics has no process_cpu_seconds_total`);
  return Number(line[1]);
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs autocannon once against POST /graphql with the given bodies. */
export async function runLoad(options: LoadOptions): Promise<LoadRun> {
  const cpuBefore = options.serverCpu ? await readServerCpuSeconds(options.url) : Number.NaN;
  const statementsBefore = options.serverStatements ? await options.serverStatements() : Number.NaN;
  const cpuBeforeRun = options.cpuOfPid === undefined ? undefined : cpuNow(options.cpuOfPid);
  const run = await runAutocannon(options);
  const cpuAfterRun = options.cpuOfPid === undefined ? undefined : cpuNow(options.cpuOfPid);
  const perRequest = (amount: number) => amount / Math.max(1, run.responses);
  return {
    ...run,
    cpu: cpuBeforeRun && cpuAfterRun ? cpuPerRequest(cpuBeforeRun, cpuAfterRun, run.responses) : NO_CPU,
    serverCpuMsPerRequest: options.serverCpu
      ? perRequest(((await readServerCpuSeconds(options.url)) - cpuBefore) * 1000)
      : Number.NaN,
    statementsPerRequest: options.serverStatements
      ? perRequest((await options.serverStatements()) - statementsBefore)
      : Number.NaN,
  };
}

function runAutocannon(options: LoadOptions): Promise<LoadRun> {
  let next = 0;
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${options.url}/graphql`,
        connections: options.connections,
        duration: options.seconds,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: '/graphql',
            headers: { 'content-type': 'application/json', ...options.headers },
            setupRequest: (request) => {
              request.body = options.nextBody ? options.nextBody() : options.bodies[next % options.bodies.length];
              next += 1;
              return request;
            },
          },
        ],
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          reqPerSec: latencies.length / result.duration,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          responses: latencies.length,
          failures: result.errors + result.timeouts + result.non2xx,
          serverCpuMsPerRequest: Number.NaN,
          statementsPerRequest: Number.NaN,
          cpu: NO_CPU,
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

export interface LoadSummary {
  readonly connections: number;
  readonly runs: readonly LoadRun[];
  /** Medians over the runs, each measure separately. */
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
  /** Median of the runs' server CPU milliseconds per request (NaN unless measured). */
  readonly serverCpuMsPerRequest: number;
  /** Median of the runs' SQL statements per request (NaN unless measured). */
  readonly statementsPerRequest: number;
  /** Medians of the runs' CPU per request, by process (NaN unless measured). */
  readonly cpu: CpuPerRequest;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
};

function summarise(connections: number, runs: LoadRun[]): LoadSummary {
  return {
    connections,
    runs,
    reqPerSec: median(runs.map((r) => r.reqPerSec)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    failures: runs.reduce((s, r) => s + r.failures, 0),
    serverCpuMsPerRequest: median(runs.map((r) => r.serverCpuMsPerRequest)),
    statementsPerRequest: median(runs.map((r) => r.statementsPerRequest)),
    cpu: {
      server: median(runs.map((r) => r.cpu.server)),
      postgres: median(runs.map((r) => r.cpu.postgres)),
      client: median(runs.map((r) => r.cpu.client)),
    },
  };
}

export interface Repetitions {
  readonly warmupSeconds: number;
  readonly runs: number;
}

/** A discarded warm-up run, then `runs` measured runs; medians of req/s, p50 and p99. */
export async function measureLoad(options: LoadOptions & Repetitions): Promise<LoadSummary> {
  await runLoad({
    url: options.url,
    bodies: options.bodies,
    connections: options.connections,
    seconds: options.warmupSeconds,
  });
  const runs: LoadRun[] = [];
  for (let i = 0; i < options.runs; i += 1) runs.push(await runLoad(options));
  return summarise(options.connections, runs);
}

/**
 * Two servers under the same load, runs interleaved (a, b, a, b, ...) after a warm-up of each, so
 * that a slow phase of the shared machine hits both sides of a ratio alike.
 */
export async function measureInterleaved(
  a: LoadOptions,
  b: LoadOptions,
  repetitions: Repetitions,
): Promise<[LoadSummary, LoadSummary]> {
  const [summaryA, summaryB] = await measureInterleavedAll([a, b], repetitions);
  return [summaryA!, summaryB!];
}

/** Any number of servers under the same load, interleaved like measureInterleaved (a, b, c, a, b, c, ...). */
export async function measureInterleavedAll(
  sides: readonly LoadOptions[],
  repetitions: Repetitions,
): Promise<LoadSummary[]> {
  for (const side of sides) await runLoad({ ...side, seconds: repetitions.warmupSeconds });
  const runs: LoadRun[][] = sides.map(() => []);
  for (let i = 0; i < repetitions.runs; i += 1) {
    for (const [j, side] of sides.entries()) runs[j]!.push(await runLoad(side));
  }
  return sides.map((side, j) => summarise(side.connections, runs[j]!));
}
