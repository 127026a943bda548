import { performance } from 'node:perf_hooks';
import { sqlCounter } from '../src/db/data-source';
import { INTERNAL_PRINCIPAL } from '../src/domain/principal';
import { createContext } from '../src/graphql/context';
import { createApp } from '../src/server/app';
import { type GraphQLRequest, type QueryName, readKeyPools, requestsFor } from './api-queries';
import { startChildServer } from './child-server';
import { type BenchDatabase } from './database';
import { loadLargePortfolio } from './large-portfolio';
import { measureInterleaved } from './load-runner';

/** The attacks of issue #9, each refused before execution (test/integration/abuse has the same shapes). */
function attacks(): Array<{ name: string; query: string; variables?: Record<string, unknown> }> {
  let nested = 'key';
  for (let i = 0; i < 20; i++) nested = `${i % 2 === 0 ? 'parent' : 'children'} { ${nested} }`;
  const fragments = ['fragment F0 on OrgNode { key name }'];
  for (let i = 1; i <= 16; i++)
    fragments.push(`fragment F${i} on OrgNode { parent { ...F${i - 1} } children { ...F${i - 1} } }`);
  const alias = (n: number) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: experiments(first: 100) { edges { node { key title } } }`).join(' ')} }`;
  return [
    { name: '20-level parent/children nesting (depth)', query: `{ orgNode(key: "acme") { ${nested} } }` },
    { name: '16-level fragment bomb (depth)', query: `{ orgNode(key: "acme") { ...F16 } } ${fragments.join(' ')}` },
    { name: '10,000 aliases of experiments(first: 100) (tokens)', query: alias(10_000) },
    { name: '31 aliases (aliases)', query: alias(31) },
    {
      name: 'first: 100 at three levels (cost)',
      query: `{ experiments(first: 100) { edges { node { owner { experiments(first: 100) { edges { node {
      owner { experiments(first: 100) { edges { node { key } } } } } } } } } } } }`,
    },
    {
      name: '100,000 tagsAny in a variable (input list)',
      query: 'query Q($t: [String!]) { experiments(filter: { tagsAny: $t }) { totalCount } }',
      variables: { t: Array.from({ length: 100_000 }, (_, i) => `tag-${i}`) },
    },
  ];
}

const REFUSALS = 200;

/**
 * `npm run bench -- abuse`: how long each refusal takes in process (Apollo's executeOperation, as a
 * request after its body is read), median and p99 over REFUSALS requests after a warm-up, and the
 * SQL statements they ran (must be 0).
 */
export async function benchAbuse(db: BenchDatabase): Promise<Record<string, string>> {
  const app = await createApp({ dataSource: db.dataSource, allowAnonymousReads: true });
  const counter = sqlCounter(db.dataSource);
  const result: Record<string, string> = {};
  try {
    for (const attack of attacks()) {
      const run = async () => {
        const response = await app.apollo.executeOperation(
          { query: attack.query, variables: attack.variables },
          { contextValue: createContext(db.dataSource, INTERNAL_PRINCIPAL) },
        );
        if (response.body.kind !== 'single' || !response.body.singleResult.errors?.length)
          throw new Error(`${attack.name} was not refused`);
        return response.body.singleResult.errors[0]!.extensions?.code;
      };
      for (let i = 0; i < 20; i++) await run();
      const before = counter.count;
      const times: number[] = [];
      let code: unknown;
      for (let i = 0; i < REFUSALS; i++) {
        const started = performance.now();
        code = await run();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!.toFixed(2);
      result[attack.name] =
        `${String(code)}: median ${at(0.5)} ms, p99 ${at(0.99)} ms, ${counter.count - before} SQL statements`;
    }
  } finally {
    await app.apollo.stop();
  }
  return result;
}

const LIMIT_QUERIES: readonly QueryName[] = ['Q1', 'Q2', 'Q3', 'Q4'];

/**
 * `npm run bench -- limits`: the issue #4 queries against two servers on the large portfolio, one
 * with the operation limits (the default) and one with GRAPHQL_LIMITS=off, runs interleaved;
 * throughput at 10 connections and the ratio on/off (issue #9: at most 5 % lower), and each server's
 * CPU time per request (from its /metrics), which a loaded machine disturbs less than throughput.
 */
export async function benchLimits(db: BenchDatabase, log: (message: string) => void): Promise<Record<string, string>> {
  const seconds = Number(process.env.BENCH_API_SECONDS ?? 10);
  const repetitions = {
    warmupSeconds: Number(process.env.BENCH_API_WARMUP ?? 5),
    runs: Number(process.env.BENCH_API_RUNS ?? 3),
  };
  await loadLargePortfolio(db.dataSource, log);
  const pools = await readKeyPools(db.dataSource);
  const on = await startChildServer({ entry: 'api-server.ts', databaseUrl: db.url, poolSize: 10 });
  const off = await startChildServer({
    entry: 'api-server.ts',
    databaseUrl: db.url,
    poolSize: 10,
    env: { GRAPHQL_LIMITS: 'off' },
  });
  const result: Record<string, string> = {};
  try {
    for (const query of LIMIT_QUERIES) {
      log(`${query}: limits on vs off, interleaved`);
      const bodies = requestsFor(query, pools).map((r: GraphQLRequest) => JSON.stringify(r));
      const [withLimits, without] = await measureInterleaved(
        { url: on.url, bodies, connections: 10, seconds, serverCpu: true },
        { url: off.url, bodies, connections: 10, seconds, serverCpu: true },
        repetitions,
      );
      result[`${query} req/s on / off (ratio)`] =
        `${withLimits.reqPerSec.toFixed(0)} / ${without.reqPerSec.toFixed(0)} (${(withLimits.reqPerSec / without.reqPerSec).toFixed(3)}); ` +
        `p99 ${withLimits.p99.toFixed(1)} / ${without.p99.toFixed(1)} ms; ` +
        `server CPU ms/request ${withLimits.serverCpuMsPerRequest.toFixed(2)} / ${without.serverCpuMsPerRequest.toFixed(2)} ` +
        `(${(withLimits.serverCpuMsPerRequest / without.serverCpuMsPerRequest).toFixed(3)}); ` +
        `failures ${withLimits.failures + without.failures}`;
    }
  } finally {
    await on.stop();
    await off.stop();
  }
  return result;
}
