import { Client } from 'pg';
import { DataSource, type QueryRunner } from 'typeorm';
import { createDataSource, SqlStatementCounter } from '../src/db/data-source';
import { SESSION_STARTUP_OPTIONS } from '../src/db/session-time-zone';
import { createApp } from '../src/server/app';
import { execute } from './api-checks';
import { type GraphQLRequest } from './api-queries';

/** The statement counter that also keeps the statements (with parameters) while `capturing`. */
class CapturingCounter extends SqlStatementCounter {
  capturing = false;
  readonly statements: Array<{ sql: string; params: unknown[] }> = [];
  override logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner): void {
    super.logQuery(query, parameters, queryRunner);
    if (this.capturing) this.statements.push({ sql: query, params: parameters ?? [] });
  }
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Total Time': number;
  'Actual Loops': number;
  'Actual Rows': number;
  Plans?: PlanNode[];
}

export interface ExplainedStatement {
  /** The statement, whitespace collapsed and cut. */
  readonly sql: string;
  readonly planningMs: number;
  readonly executionMs: number;
  /** Plan nodes with the most exclusive time (their own, children excluded). */
  readonly hottest: ReadonlyArray<{ node: string; ms: number; rows: number }>;
}

function exclusiveTimes(node: PlanNode, out: Array<{ node: string; ms: number; rows: number }>): number {
  const total = node['Actual Total Time'] * node['Actual Loops'];
  const children = (node.Plans ?? []).reduce((s, c) => s + exclusiveTimes(c, out), 0);
  const on = node['Index Name']
    ? ` using ${node['Index Name']}`
    : node['Relation Name']
      ? ` on ${node['Relation Name']}`
      : '';
  out.push({
    node: `${node['Node Type']}${on}`,
    ms: Math.max(0, total - children),
    rows: node['Actual Rows'] * node['Actual Loops'],
  });
  return total;
}

/**
 * Runs one request in-process on its own DataSource, keeps the SQL statements of its second run
 * (the first warms caches), and runs each with EXPLAIN (ANALYZE, BUFFERS) and the same parameters:
 * where a request's time goes inside PostgreSQL when the server's own profile is mostly idle.
 */
export async function explainRequest(databaseUrl: string, request: GraphQLRequest): Promise<ExplainedStatement[]> {
  const counter = new CapturingCounter(false);
  const dataSource = new DataSource({
    ...createDataSource({ url: databaseUrl, poolSize: 4 }).options,
    logger: counter,
  });
  await dataSource.initialize();
  const client = new Client({ connectionString: databaseUrl, options: SESSION_STARTUP_OPTIONS });
  await client.connect();
  try {
    const app = await createApp({
      dataSource,
      logger: { error: () => undefined },
      allowAnonymousReads: true,
      statsCache: process.env.STATS_CACHE !== 'off',
    });
    await execute(app, request);
    counter.capturing = true;
    await execute(app, request);
    counter.capturing = false;
    await app.apollo.stop();
    const out: ExplainedStatement[] = [];
    for (const { sql, params } of counter.statements) {
      const result = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
      const explained = (
        result.rows[0] as { 'QUERY PLAN': Array<{ Plan: PlanNode; 'Planning Time': number; 'Execution Time': number }> }
      )['QUERY PLAN'][0]!;
      const nodes: Array<{ node: string; ms: number; rows: number }> = [];
      exclusiveTimes(explained.Plan, nodes);
      out.push({
        sql: sql.replace(/\s+/g, ' ').trim().slice(0, 140),
        planningMs: explained['Planning Time'],
        executionMs: explained['Execution Time'],
        hottest: nodes.sort((x, y) => y.ms - x.ms).slice(0, 3),
      });
    }
    return out;
  } finally {
    await client.end();
    await dataSource.destroy();
  }
}
