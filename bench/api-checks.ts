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
  Q1D,
  Q3,
  Q4,
  Q4_CHILDREN,
  type QueryName,
  requestsFor,
} from './api-queries';
import { type ChildServer } from './child-server';
import { floorExperimentAnalysis, floorExperimentByKey, floorTeamPage, type Queryable } from './floor-reads';
import { toOurShape, toPostGraphileRequest } from './postgraphile/documents';

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

/** One request of a query at two sizes (page size, or number of nodes, results or experiments). */
export interface SizedRequests {
  readonly small: { readonly label: string; readonly request: GraphQLRequest };
  readonly large: { readonly label: string; readonly request: GraphQLRequest };
}

/** The two requests whose statements are counted for a query (Q4s has none: it is Q4's selection). */
export async function sizedRequests(app: App, pools: KeyPools, name: QueryName): Promise<SizedRequests | undefined> {
  if (name === 'Q2' || name === 'Q5') {
    const [small, large] = name === 'Q2' ? [10, 50] : [20, 100];
    return {
      small: { label: `first: ${small}`, request: requestsFor(name, pools, small)[0]! },
      large: { label: `first: ${large}`, request: requestsFor(name, pools, large)[0]! },
    };
  }
  if (name === 'Q4') {
    const company = pools.companyKeys[0]!;
    return {
      small: {
        label: `children of ${company}`,
        request: { operationName: 'Q4c', query: Q4_CHILDREN, variables: { key: company } },
      },
      large: { label: 'all org nodes', request: { operationName: 'Q4', query: Q4, variables: {} } },
    };
  }
  if (name === 'Q1' || name === 'Q1d') {
    // The experiments with the fewest and the most metric results.
    const [fewest, most] = await extremes(
      app,
      `SELECT e.key, count(r.id) AS n FROM experiment e
        JOIN experiment_metric em ON em.experiment_id = e.id JOIN metric_result r ON r.experiment_metric_id = em.id GROUP BY e.key`,
    );
    const query = name === 'Q1' ? Q1 : Q1D;
    return {
      small: {
        label: `${fewest!.n} metric results`,
        request: { operationName: name, query, variables: { key: fewest!.key } },
      },
      large: {
        label: `${most!.n} metric results`,
        request: { operationName: name, query, variables: { key: most!.key } },
      },
    };
  }
  if (name === 'Q3') {
    // The companies with the fewest and the most experiments.
    const [fewest, most] = await extremes(
      app,
      `SELECT n.key, count(*) AS n FROM org_node n
        JOIN org_node_closure c ON c.ancestor_id = n.id JOIN experiment e ON e.owner_node_id = c.descendant_id WHERE n.parent_id IS NULL GROUP BY n.key`,
    );
    return {
      small: {
        label: `${fewest!.n} experiments`,
        request: { operationName: 'Q3', query: Q3, variables: { key: fewest!.key } },
      },
      large: {
        label: `${most!.n} experiments`,
        request: { operationName: 'Q3', query: Q3, variables: { key: most!.key } },
      },
    };
  }
  return undefined;
}

/** The statements of both sized requests of a query, counted by `count`. */
export async function countSized(
  query: string,
  sized: SizedRequests,
  count: (request: GraphQLRequest) => Promise<number>,
): Promise<StatementCount> {
  return {
    query,
    small: { label: sized.small.label, statements: await count(sized.small.request) },
    large: { label: sized.large.label, statements: await count(sized.large.request) },
  };
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
    const sized = await sizedRequests(app, pools, name);
    if (sized) out.push(await countSized(name, sized, count));
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

/** The floor's and PostGraphile's parity with the API: statements per request and how many requests compared equal. */
export interface ParityReport {
  readonly statements: readonly StatementCount[];
  readonly checked: number;
}

/** The sampled requests of the parity checks: `samples` by-key requests of each name, a quarter as many team pages. */
function paritySamples(pools: KeyPools, names: readonly QueryName[], samples: number): GraphQLRequest[] {
  return names.flatMap((name) => requestsFor(name, pools).slice(0, name === 'Q2' ? Math.ceil(samples / 4) : samples));
}

/**
 * Checks that the floor answers exactly what the API answers (same JSON) on sampled requests of
 * `names` (some of Q1, Q1d, Q2), and counts its statements at both sizes.
 */
export async function checkFloorParity(
  app: App,
  databaseUrl: string,
  pools: KeyPools,
  names: readonly QueryName[],
  samples: number,
): Promise<ParityReport> {
  const pool = new Pool({ connectionString: databaseUrl, max: 4, options: SESSION_STARTUP_OPTIONS });
  let statements = 0;
  const db: Queryable = {
    query: (sql, params) => {
      statements += 1;
      return pool.query(sql, params) as unknown as ReturnType<Queryable['query']>;
    },
  };
  const floorOf = (request: GraphQLRequest) => {
    const key = String(request.variables.key);
    if (request.operationName === 'Q1') return floorExperimentAnalysis(db, key, new Date());
    if (request.operationName === 'Q1d') return floorExperimentByKey(db, key);
    if (request.operationName === 'Q2') return floorTeamPage(db, key, Number(request.variables.first), new Date());
    throw new Error(`The floor does not serve ${request.operationName}`);
  };
  const counted = async (request: GraphQLRequest) => {
    statements = 0;
    await floorOf(request);
    return statements;
  };
  try {
    const requests = paritySamples(pools, names, samples);
    for (const request of requests) {
      const api = await execute(app, request);
      const floor = JSON.parse(JSON.stringify(await floorOf(request))) as { data: unknown };
      deepStrictEqual(
        floor.data,
        api.data,
        `floor and API differ on ${request.operationName} ${JSON.stringify(request.variables)}`,
      );
    }
    const counts: StatementCount[] = [];
    for (const name of names)
      counts.push(await countSized(`${name} floor`, (await sizedRequests(app, pools, name))!, counted));
    return { statements: counts, checked: requests.length };
  } finally {
    await pool.end();
  }
}

/** POSTs one request to a GraphQL server and returns its `data`; throws on an HTTP error or GraphQL errors. */
async function postGraphQL(url: string, request: GraphQLRequest): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(request),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string }> };
  if (!response.ok || body.errors?.length)
    throw new Error(`${url} answered ${request.operationName} with ${response.status}: ${text.slice(0, 500)}`);
  return body.data;
}

/**
 * Checks that PostGraphile (a running bench/postgraphile/server.mjs, started with `countStatements`)
 * answers what the API answers on sampled requests of `names` (Q1d, Q2), once its answer is in the
 * API's shape (bench/postgraphile/documents.ts), and counts its statements per request at both sizes
 * (the child's count before and after one request, nothing else running).
 */
export async function checkPostGraphileParity(
  app: App,
  server: ChildServer,
  pools: KeyPools,
  names: readonly QueryName[],
  samples: number,
): Promise<ParityReport> {
  const requests = paritySamples(pools, names, samples);
  for (const request of requests) {
    const api = await execute(app, request);
    if (api.error) throw new Error(`API: ${request.operationName}: ${api.error}`);
    const now = new Date();
    const peer = toOurShape(request.operationName, await postGraphQL(server.url, toPostGraphileRequest(request)), now);
    deepStrictEqual(
      JSON.parse(JSON.stringify(peer)),
      api.data,
      `PostGraphile and API differ on ${request.operationName} ${JSON.stringify(request.variables)}`,
    );
  }
  const counted = async (request: GraphQLRequest) => {
    const before = await server.readStatements();
    await postGraphQL(server.url, toPostGraphileRequest(request));
    return (await server.readStatements()) - before;
  };
  const counts: StatementCount[] = [];
  for (const name of names)
    counts.push(await countSized(`${name} PostGraphile`, (await sizedRequests(app, pools, name))!, counted));
  return { statements: counts, checked: requests.length };
}
