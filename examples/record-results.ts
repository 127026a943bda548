/**
 * An integration script (README "Safe writes"): records an experiment's daily results and, once it is over,
 * a decision, the way a pipeline in another system would — plain `fetch`, an API key, an
 * idempotency key per logical write, and retries with exponential back-off and jitter.
 *
 * Retrying with the SAME idempotency key is what makes the retries safe: if a response was lost
 * after the server committed, the retry returns the first answer instead of writing twice.
 *
 *   EWL_URL=http://127.0.0.1:4000/graphql EWL_API_KEY=ewl_... npx ts-node --transpile-only examples/record-results.ts EXPERIMENT_KEY
 */
import { randomUUID } from 'node:crypto';

const URL_ = process.env.EWL_URL ?? 'http://127.0.0.1:4000/graphql';
const API_KEY = process.env.EWL_API_KEY;

interface GraphQLError {
  message: string;
  extensions?: { code?: string; reason?: string };
}

/** Errors worth retrying: the network, 5xx, and a duplicate still in progress. Everything else is the caller's to fix. */
function retryable(error: unknown): boolean {
  if (error instanceof TypeError) return true; // fetch: connection refused, reset, DNS ...
  const e = error as { status?: number; graphql?: GraphQLError };
  if (e.status !== undefined && e.status >= 500) return true;
  return e.graphql?.extensions?.code === 'CONFLICT' && e.graphql.extensions.reason === 'IN_PROGRESS';
}

/** One GraphQL call; throws with the HTTP status or the first GraphQL error attached. */
async function call<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(URL_, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(API_KEY ? { authorization: `Bearer ${API_KEY}` } : {}),
      'x-actor': 'results-pipeline',
    },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: GraphQLError[] };
  if (body.errors?.length)
    throw Object.assign(new Error(body.errors[0]!.message), { status: response.status, graphql: body.errors[0] });
  if (!response.ok) throw Object.assign(new Error(`HTTP ${response.status}`), { status: response.status });
  return body.data as T;
}

/** Calls with up to `attempts` tries, waiting 0.5 s, 1 s, 2 s ... (plus jitter) between them. */
async function withRetries<T>(what: string, attempt: () => Promise<T>, attempts = 6): Promise<T> {
  for (let i = 1; ; i += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= attempts || !retryable(error)) throw error;
      const delay = 500 * 2 ** (i - 1) * (0.5 + Math.random());
      console.warn(`${what}: ${(error as Error).message}; retry ${i}/${attempts - 1} in ${Math.round(delay)} ms`);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

const RECORD_RESULTS = `mutation ($input: RecordResultsInput!, $idempotencyKey: String) {
  recordResults(input: $input, idempotencyKey: $idempotencyKey) { experimentId metricResults { id n sum } } }`;
const RECORD_DECISION = `mutation ($input: RecordDecisionInput!, $idempotencyKey: String) {
  recordDecision(input: $input, idempotencyKey: $idempotencyKey) { id kind decidedAt isCurrent } }`;

async function main(): Promise<void> {
  const experimentKey = process.argv[2];
  if (!experimentKey) throw new Error('usage: record-results.ts EXPERIMENT_KEY');

  // One key per logical write, created BEFORE the first attempt and reused by every retry.
  const resultsKey = randomUUID();
  const results = await withRetries('recordResults', () =>
    call(RECORD_RESULTS, {
      idempotencyKey: resultsKey,
      input: {
        experimentKey,
        units: [
          { variantKey: 'control', units: 10_000 },
          { variantKey: 'treatment', units: 10_050 },
        ],
        results: [
          { metricKey: 'conv', variantKey: 'control', n: 10_000, sum: 1_000 },
          { metricKey: 'conv', variantKey: 'treatment', n: 10_050, sum: 1_106 },
        ],
      },
    }),
  );
  console.log('results recorded:', JSON.stringify(results));

  const decisionKey = randomUUID();
  const decision = await withRetries('recordDecision', () =>
    call(RECORD_DECISION, {
      idempotencyKey: decisionKey,
      input: {
        experimentKey,
        kind: 'SHIP',
        decidedBy: 'results-pipeline',
        rationale: 'Conversion up, guardrails clear.',
      },
    }),
  );
  console.log('decision recorded:', JSON.stringify(decision));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
