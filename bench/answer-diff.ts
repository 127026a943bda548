import { type GraphQLRequest } from './api-queries';

/** Paths (`a.b[0].c`) whose values may differ between two servers that behave the same: an error's request id. */
const IGNORED_PATHS: readonly RegExp[] = [/\.extensions\.requestId$/];

/**
 * Numbers computed from the clock at each request, equal within a tolerance: the decision debt's age in
 * days (two requests a few milliseconds apart; one minute allowed). Every other number must be equal.
 */
const CLOCK_NUMBERS: ReadonlyArray<{ readonly path: RegExp; readonly tolerance: number }> = [
  { path: /\.oldestAgeDays$/, tolerance: 1 / 1440 },
];

/** Every path where `a` and `b` differ, with both values (shortened), up to `limit`. */
export function diffJson(a: unknown, b: unknown, at: string, out: string[], limit: number): void {
  if (out.length >= limit || IGNORED_PATHS.some((p) => p.test(at))) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${at}: ${a.length} vs ${b.length} items`);
    for (let i = 0; i < Math.min(a.length, b.length); i += 1) diffJson(a[i], b[i], `${at}[${i}]`, out, limit);
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(key in a) || !(key in b)) out.push(`${at}.${key}: only in ${key in a ? 'the first' : 'the second'}`);
      else diffJson(a[key], b[key], `${at}.${key}`, out, limit);
    }
    return;
  }
  const clock = typeof a === 'number' && typeof b === 'number' && CLOCK_NUMBERS.find((c) => c.path.test(at));
  if (clock && Math.abs(a - b) <= clock.tolerance) return;
  if (!Object.is(a, b)) out.push(`${at}: ${short(a)} vs ${short(b)}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const short = (v: unknown) => JSON.stringify(v)?.slice(0, 80) ?? String(v);

async function answer(url: string, request: GraphQLRequest): Promise<unknown> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

export interface AnswerComparison {
  /** Requests sent to both servers. */
  readonly compared: number;
  /** Requests whose answers differ. */
  readonly differing: number;
  /** Answers with GraphQL errors, on either server. */
  readonly withErrors: number;
  /** The first differences, `<variables> <path>: <first> vs <second>`. */
  readonly examples: readonly string[];
}

/** Sends every request once to each server, one at a time, and compares the answers (HTTP status and body). */
export async function compareAnswers(
  firstUrl: string,
  secondUrl: string,
  requests: readonly GraphQLRequest[],
  examples = 10,
): Promise<AnswerComparison> {
  let differing = 0;
  let withErrors = 0;
  const found: string[] = [];
  for (const request of requests) {
    const first = await answer(firstUrl, request);
    const second = await answer(secondUrl, request);
    for (const a of [first, second]) if ((a as { body: { errors?: unknown } }).body.errors) withErrors += 1;
    const differences: string[] = [];
    diffJson(first, second, '', differences, examples);
    if (differences.length === 0) continue;
    differing += 1;
    for (const d of differences.slice(0, examples - found.length))
      found.push(`${JSON.stringify(request.variables)} ${d}`);
  }
  return { compared: requests.length, differing, withErrors, examples: found };
}
