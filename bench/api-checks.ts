import { deepStrictEqual } from 'node:assert';
import { Pool } from 'pg';
import { sqlCounter } from '../src/db/data-source';
import { SESSION_STARTUP_OPTIONS } from '../src/db/session-time-zone';
import { INTERNAL_PRINCIPAL } from '../src/domain/principal';
import { createContext } from '../src/graphql/context';
import { type App } from '../src/server/app';
import {
  type GraphQLRequest,
  type KeyPools,
  Q1,
  Q3,
  Q4,
  Q4_CHILDREN,
  type QueryName,
  requestsFor,
} from './api-queries';
import { floorExperimentAnalysis, floorTeamPage, type Queryable } from './floor-reads';

interface Executed {
  readonly data: unknown;
  readonly error: string | undefined;
  readonly statements: number;
}

/** Runs one request in-process through Apollo with the real context, counting SQL statements. */
export async function execute(app: App, request: GraphQLRequest): Promise<Executed> {
  const counter = sqlCounter(app.dataSource);
  const before = counter.count;
  const response = await app.apollo.executeOperation(
    { query: request.query, variables: request.variables, operationName: request.operationName },
    { contextValue: createContext(app.dataSource, INTERNAL_PRINCIPAL) },
  );
  if (response.body.kind !== 'single') throw new Error('Expected a single result');
  const { data, errors } = response.body.singleResult;
  return {
    data: JSON.parse(JSON.stringify(data ?? null)),
    error: errors?.length ? errors[0]!.message : undefined,
    statements: counter.count - before,
  };
}

/** The requests of a query that answer without errors (the load uses only those), and the first error seen. */
export async function validRequests(
  app: App,
  requests: GraphQLRequest[],
): Promise<{ valid: GraphQLRequest[]; dropped: number; firstError?: string }> {
  const valid: GraphQLRequest[] = [];
  let firstError: string | undefined;
  for (const request of requests) {
    const result = await execute(app, request);
    if (result.error === undefined && result.data !== null) valid.push(request);
    else firstError ??= result.error ?? 'data is null';
  }
  return { valid, dropped: requests.length - valid.length, firstError };
}

export interface StatementCount {
  readonly query: string;
  readonly small: { readonly label: string; readonly statements: number };
  readonly large: { readonly label: string; readonly statements: number };
}

/** SQL statements of one request at two sizes (page size, or number of nodes for Q4). */
export async function countStatements(
  app: App,
  pools: KeyPools,
  names: readonly QueryName[],
): Promise<StatementCount[]> {
  const count = async (request: GraphQLRequest) => {
    const result = await execute(app, request);
    if (result.error) throw new Error(`${request.operationName}: ${result.error}`);
    return result.statements;
  };
  const out: StatementCount[] = [];
  for (const name of names) {
    if (name === 'Q2' || name === 'Q5') {
      const [small, large] = name === 'Q2' ? [10, 50] : [20, 100];
      out.push({
        query: name,
        small: { label: `first: ${small}`, statements: await count(requestsFor(name, pools, small)[0]!) },
        large: { label: `first: ${large}`, statements: await count(requestsFor(name, pools, large)[0]!) },
      });
    } else if (name === 'Q4') {
      const company = pools.companyKeys[0]!;
      out.push({
        query: name,
        small: {
          label: `children of ${company}`,
          statements: await count({ operationName: 'Q4c', query: Q4_CHILDREN, variables: { key: company } }),
        },
        large: { label: 'all org nodes', statements: await count({ operationName: 'Q4', query: Q4, variables: {} }) },
      });
    } else if (name === 'Q1') {
      // The experiments with the fewest and the most metric results.
      const [fewest, most] = await extremes(
        app,
        `SELECT e.key, count(r.id) AS n FROM experiment e
        JOIN experiment_metric em ON em.experiment_id = e.id JOIN metric_result r ON r.experiment_metric_id = em.id GROUP BY e.key`,
      );
      out.push({
        query: name,
        small: {
          label: `${fewest!.n} metric results`,
          statements: await count({ operationName: 'Q1', query: Q1, variables: { key: fewest!.key } }),
        },
        large: {
          label: `${most!.n} metric results`,
          statements: await count({ operationName: 'Q1', query: Q1, variables: { key: most!.key } }),
        },
      });
    } else if (name === 'Q3') {
      // The companies with the fewest and the most experiments.
      const [fewest, most] = await extremes(
        app,
        `SELECT n.key, count(*) AS n FROM org_node n
        JOIN org_node_closure c ON c.ancestor_id = n.id JOIN experiment e ON e.owner_node_id = c.descendant_id WHERE n.parent_id IS NULL GROUP BY n.key`,
      );
      out.push({
        query: name,
        small: {
          label: `${fewest!.n} experiments`,
          statements: await count({ operationName: 'Q3', query: Q3, variables: { key: fewest!.key } }),
        },
        large: {
          label: `${most!.n} experiments`,
          statements: await count({ operationName: 'Q3', query: Q3, variables: { key: most!.key } }),
        },
      });
    }
  }
  return out;
}

/** The first and last row of `sql` (rows of key and n) ordered by n, then key. */
async function extremes(app: App, sql: string): Promise<Array<{ key: string; n: number }>> {
  const rows: Array<{ key: string; n: number }> = await app.dataSource.query(
    `(SELECT key, n::int AS n FROM (${sql}) s ORDER BY n, key LIMIT 1) UNION ALL (SELECT key, n::int AS n FROM (${sql}) s ORDER BY n DESC, key LIMIT 1)`,
  );
  return rows;
}

/** Checks that the floor answers exactly what the API answers (same JSON) and counts its statements. */
export async function checkFloorParity(
  app: App,
  databaseUrl: string,
  pools: KeyPools,
  samples: number,
): Promise<{ q1Statements: number; q2Statements: StatementCount; checked: number }> {
  const pool = new Pool({ connectionString: databaseUrl, max: 4, options: SESSION_STARTUP_OPTIONS });
  let statements = 0;
  const db: Queryable = {
    query: (sql, params) => {
      statements += 1;
      return pool.query(sql, params) as unknown as ReturnType<Queryable['query']>;
    },
  };
  const floorOf = (request: GraphQLRequest) =>
    request.operationName === 'Q1'
      ? floorExperimentAnalysis(db, String(request.variables.key), new Date())
      : floorTeamPage(db, String(request.variables.key), Number(request.variables.first), new Date());
  const counted = async (request: GraphQLRequest) => {
    statements = 0;
    await floorOf(request);
    return statements;
  };
  try {
    const requests = [
      ...requestsFor('Q1', pools).slice(0, samples),
      ...requestsFor('Q2', pools).slice(0, Math.ceil(samples / 4)),
    ];
    for (const request of requests) {
      const api = await execute(app, request);
      const floor = JSON.parse(JSON.stringify(await floorOf(request))) as { data: unknown };
      deepStrictEqual(
        floor.data,
        api.data,
        `floor and API differ on ${request.operationName} ${JSON.stringify(request.variables)}`,
      );
    }
    return {
      q1Statements: await counted(requestsFor('Q1', pools)[0]!),
      q2Statements: {
        query: 'Q2 floor',
        small: { label: 'first: 10', statements: await counted(requestsFor('Q2', pools, 10)[0]!) },
        large: { label: 'first: 50', statements: await counted(requestsFor('Q2', pools, 50)[0]!) },
      },
      checked: requests.length,
    };
  } finally {
    await pool.end();
  }
}
