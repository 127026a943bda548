import 'reflect-metadata';
import os from 'node:os';
import { benchAb, renderAbReport } from './ab.bench';
import { benchApi } from './api.bench';
import { renderApiReport } from './api-report';
import { benchPureClassification, benchReclassify } from './classify.bench';
import { createBenchDatabase } from './database';
import { LARGE_PORTFOLIO } from './large-portfolio';
import { benchDashboard, renderDashboardReport } from './dashboard.bench';
import { IMPORT_POOL_SIZE } from '../src/app/import/ndjson-import';
import { benchFilters, renderFiltersReport } from './filters.bench';
import { benchInsights, renderInsightsReport } from './insights.bench';
import { benchEvents, renderEventsReport } from './events.bench';
import { benchMemory, renderMemoryReport } from './memory.bench';
import { benchImport } from './import.bench';
import { benchAbuse, benchLimits } from './limits.bench';

/**
 * `npm run bench [-- suite ...]`: runs the benchmarks and prints Markdown tables to paste into
 * BENCHMARKS.md. Suites: `classify` (pure, one core), `reclassify` (PostgreSQL), `api` (issue #4:
 * the large portfolio and the load test of the GraphQL server against a hand-written floor and, for
 * issue #11, against PostGraphile 5 on Q1d and Q2, installed with its Node 22 into a cache folder on
 * first use (bench/postgraphile; `BENCH_API_POSTGRAPHILE=off` leaves it out); `BENCH_API_QUERIES=Q1d,Q2`
 * measures only the queries named; about 12 minutes), `import` (issue #5: `npm run import` of a
 * 100,000-experiment NDJSON file into a fresh database), `abuse` (issue #9: how long the refusals of the abuse attacks take, in process), `limits`
 * (issue #9: the issue #4 queries with the operation limits on and off, interleaved; loads the large
 * portfolio, about 6 minutes), `filters` (issue #11: each `experiments` filter's page plan and Q5's load
 * at 10,000 and 100,000 experiments, `BENCH_FILTERS_SIZES`; about 8 minutes), `ab` (issue #10: Q1-Q4
 * served by the code of a baseline commit, `BENCH_AB_BASELINE`, and by this checkout on one large
 * portfolio, interleaved; about 15 minutes), `insights` (issue #12: the metric views and the companion numbers
 * over the large portfolio at one connection, with STATS_CACHE=off), `memory` (issue #11: the RSS of the server
 * started as `npm start` does, after start and after the issue #4 loads), `events` (issue #13: recordResults and
 * recordDecision throughput without and with webhook subscriptions, interleaved, and the delivery latency), `dashboard`
 * (issue #14: the organisation page's transferred bytes and time to a drawn treemap in headless Chromium, cold and
 * warm, on the demo portfolio in an embedded database; `BENCH_DASHBOARD_LOADS`, default 10). `BENCH_API_EXPERIMENTS` shrinks the portfolio for a trial
 * of the harness. Needs a PostgreSQL server (BENCH_DATABASE_URL, default the local one); never part of CI.
 * Progress goes to stderr, results (Markdown) to stdout.
 */
async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const all = [
    'classify',
    'reclassify',
    'api',
    'import',
    'abuse',
    'limits',
    'filters',
    'ab',
    'insights',
    'memory',
    'events',
    'dashboard',
  ];
  const suites = wanted.length ? wanted : all;
  const unknown = suites.filter((s) => !all.includes(s));
  if (unknown.length) throw new Error(`Unknown suite(s) ${unknown.join(', ')}; expected some of ${all.join(', ')}`);
  console.log(`# Benchmark run ${new Date().toISOString()}`);
  console.log(
    `Machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, NODE_ENV=${process.env.NODE_ENV ?? ''}\n`,
  );
  for (const suite of suites) {
    if (suite === 'api') {
      const db = await createBenchDatabase(10, `portfolio_${LARGE_PORTFOLIO.experiments}`);
      try {
        const report = await benchApi(db, (message) => console.error(`[api] ${message}`));
        console.log(`## api\n\n${renderApiReport(report)}`);
      } finally {
        await db.drop();
      }
      continue;
    }
    if (suite === 'ab') {
      const db = await createBenchDatabase(10, `portfolio_${LARGE_PORTFOLIO.experiments}`);
      try {
        const report = await benchAb(db, (message) => console.error(`[ab] ${message}`));
        console.log(`## ab\n\n${renderAbReport(report)}\n`);
      } finally {
        await db.drop();
      }
      continue;
    }
    if (suite === 'memory') {
      const report = await benchMemory((message) => console.error(`[memory] ${message}`));
      console.log(`## memory\n\n${renderMemoryReport(report)}\n`);
      continue;
    }
    if (suite === 'events') {
      const report = await benchEvents((message) => console.error(`[events] ${message}`));
      console.log(`## events\n\n${renderEventsReport(report)}\n`);
      continue;
    }
    if (suite === 'dashboard') {
      const report = await benchDashboard((message) => console.error(`[dashboard] ${message}`));
      console.log(`## dashboard\n\n${renderDashboardReport(report)}\n`);
      continue;
    }
    if (suite === 'insights') {
      const report = await benchInsights((message) => console.error(`[insights] ${message}`));
      console.log(`## insights\n\n${renderInsightsReport(report)}\n`);
      continue;
    }
    if (suite === 'filters') {
      const reports = await benchFilters((message) => console.error(`[filters] ${message}`));
      console.log(`## filters\n\n${renderFiltersReport(reports)}\n`);
      continue;
    }
    let result: Record<string, number | string>;
    if (suite === 'abuse' || suite === 'limits') {
      const db = await createBenchDatabase();
      try {
        result =
          suite === 'abuse'
            ? await benchAbuse(db)
            : await benchLimits(db, (message) => console.error(`[limits] ${message}`));
      } finally {
        await db.drop();
      }
    } else if (suite === 'classify') result = benchPureClassification();
    else {
      const db = await createBenchDatabase(suite === 'import' ? IMPORT_POOL_SIZE : 10);
      try {
        result =
          suite === 'import'
            ? await benchImport(db, (message) => console.error(`[import] ${message}`))
            : await benchReclassify(db);
      } finally {
        await db.drop();
      }
    }
    console.log(`## ${suite}\n`);
    console.log('| measure | value |\n| --- | --- |');
    for (const [k, v] of Object.entries(result)) console.log(`| ${k} | ${v} |`);
    console.log('');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
