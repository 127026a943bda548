import { type AnswerComparison, compareAnswers } from './answer-diff';
import { type QueryName, readKeyPools, requestsFor } from './api-queries';
import { currentCheckout, prepareCheckout } from './baseline-checkout';
import { startChildServer } from './child-server';
import { type BenchDatabase } from './database';
import { LARGE_PORTFOLIO, type LoadReport, loadLargePortfolio } from './large-portfolio';
import { type LoadSummary, measureInterleaved } from './load-runner';

/** The last commit before issue #10's first (67f3df4, the formatter): the code issue #10 must not slow down. */
export const AB_BASELINE_COMMIT = '3b3ce0c';

const AB_QUERIES: readonly QueryName[] = ['Q1', 'Q2', 'Q3', 'Q4'];
const CONNECTIONS = 10;

export interface AbQueryResult {
  readonly query: QueryName;
  readonly baseline: LoadSummary;
  readonly current: LoadSummary;
  readonly answers: AnswerComparison;
}

export interface AbReport {
  readonly baselineCommit: string;
  readonly currentCommit: string;
  readonly experiments: number;
  readonly load: LoadReport;
  readonly results: readonly AbQueryResult[];
}

/**
 * `npm run bench -- ab`: the issue #4 queries Q1-Q4 served by two child servers on the same
 * database (the issue #4 portfolio, built with this checkout's migrations and seed): the baseline
 * commit's own bench/api-server.ts and src/ (BENCH_AB_BASELINE, default AB_BASELINE_COMMIT, in a
 * worktree of its own) and this checkout's. Caches on as by default, pool of 10. Per query, the
 * answers of both to every request body are compared once, then the load runs at 10 connections,
 * interleaved (baseline, current, baseline, ...) after a warm-up of each: medians of req/s and p99,
 * the server's CPU time and SQL statements per request.
 */
export async function benchAb(db: BenchDatabase, log: (message: string) => void): Promise<AbReport> {
  const seconds = Number(process.env.BENCH_API_SECONDS ?? 10);
  const repetitions = {
    warmupSeconds: Number(process.env.BENCH_API_WARMUP ?? 5),
    runs: Number(process.env.BENCH_API_RUNS ?? 3),
  };
  const baselineCheckout = prepareCheckout(process.env.BENCH_AB_BASELINE ?? AB_BASELINE_COMMIT, log);
  const load = await loadLargePortfolio(db.dataSource, log);
  const pools = await readKeyPools(db.dataSource);
  const server = { entry: 'api-server.ts', databaseUrl: db.url, poolSize: 10, countStatements: true };
  const baseline = await startChildServer({ ...server, root: baselineCheckout.root });
  const current = await startChildServer(server).catch(async (error: unknown) => {
    await baseline.stop();
    throw error;
  });
  const results: AbQueryResult[] = [];
  try {
    for (const query of AB_QUERIES) {
      const requests = requestsFor(query, pools);
      log(`${query}: comparing the answers to ${requests.length} requests`);
      const answers = await compareAnswers(baseline.url, current.url, requests);
      if (answers.differing > 0) log(`${query}: ${answers.differing} answers differ, e.g. ${answers.examples[0]}`);
      log(`${query}: baseline vs current at ${CONNECTIONS} connections, interleaved`);
      const bodies = requests.map((r) => JSON.stringify(r));
      const side = (s: typeof baseline) => ({
        url: s.url,
        bodies,
        connections: CONNECTIONS,
        seconds,
        serverCpu: true,
        serverStatements: s.readStatements,
      });
      const [b, c] = await measureInterleaved(side(baseline), side(current), repetitions);
      results.push({ query, baseline: b, current: c, answers });
    }
  } finally {
    await baseline.stop();
    await current.stop();
  }
  return {
    baselineCommit: baselineCheckout.commit,
    currentCommit: currentCheckout(),
    experiments: LARGE_PORTFOLIO.experiments,
    load,
    results,
  };
}

const rate = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const ratio = (a: number, b: number) => (a / b).toFixed(3);

/** The `ab` suite's results as Markdown, ready for BENCHMARKS.md. */
export function renderAbReport(r: AbReport): string {
  const out = [
    `Baseline ${r.baselineCommit.slice(0, 7)}, current ${r.currentCommit}; ${r.experiments.toLocaleString('en-US')} experiments ` +
      `(load ${r.load.loadSeconds.toFixed(1)} s, VACUUM ANALYZE ${r.load.analyzeSeconds.toFixed(1)} s).`,
    '',
    '| query | req/s baseline / current | ratio current/baseline | p99 ms baseline / current | server CPU ms/request baseline / current (ratio) | SQL statements/request baseline / current | runs req/s baseline; current | failures | answers |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { query, baseline: b, current: c, answers: a } of r.results) {
    const runs = (s: LoadSummary) => s.runs.map((run) => rate(run.reqPerSec)).join(' / ');
    const same = a.differing === 0 ? `${a.compared} equal` : `**${a.differing} of ${a.compared} differ**`;
    out.push(
      `| ${query} | ${rate(b.reqPerSec)} / ${rate(c.reqPerSec)} | **${ratio(c.reqPerSec, b.reqPerSec)}** | ` +
        `${ms(b.p99)} / ${ms(c.p99)} | ${ms(b.serverCpuMsPerRequest)} / ${ms(c.serverCpuMsPerRequest)} ` +
        `(${ratio(c.serverCpuMsPerRequest, b.serverCpuMsPerRequest)}) | ` +
        `${b.statementsPerRequest.toFixed(2)} / ${c.statementsPerRequest.toFixed(2)} | ${runs(b)}; ${runs(c)} | ` +
        `${b.failures + c.failures} | ${same}${a.withErrors ? `, ${a.withErrors} with errors` : ''} |`,
    );
  }
  const examples = r.results.flatMap((q) => q.answers.examples.map((e) => `- ${q.query} ${e}`));
  if (examples.length) out.push('', 'Differences (first of each query):', '', ...examples);
  return out.join('\n');
}
