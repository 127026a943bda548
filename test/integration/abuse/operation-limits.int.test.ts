import { performance } from 'node:perf_hooks';
import { sqlCounter } from '../../../src/db/data-source';
import { DEFAULT_OPERATION_LIMITS } from '../../../src/graphql/operation-limits';
import { buildOrgTree } from '../fixtures/write-fixtures';
import { type GraphQLResult, type TestApp, useTestApp } from '../helpers';

// Attacks from issue #9, sent over HTTP without a key (anonymous reads on), so that nothing but the
// operation itself could run SQL. Time bounds are generous sanity checks, not benchmarks.
const QUICK_MS = 2000;

function nested(levels: number): string {
  let selection = 'key';
  for (let i = 0; i < levels; i++) selection = `${i % 2 === 0 ? 'parent' : 'children'} { ${selection} }`;
  return `{ orgNode(key: "acme") { ${selection} } }`;
}

/** Fragment i selects fragment i-1 twice, through `parent` and `children`: the answer doubles per level. */
function fragmentBomb(levels: number): string {
  const fragments = ['fragment F0 on OrgNode { key name }'];
  for (let i = 1; i <= levels; i++)
    fragments.push(`fragment F${i} on OrgNode { parent { ...F${i - 1} } children { ...F${i - 1} } }`);
  return `{ orgNode(key: "acme") { ...F${levels} } } ${fragments.join(' ')}`;
}

function aliases(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: experiments(first: 100) { edges { node { key title } } }`).join(' ')} }`;
}

/** `first: 100` at three levels, the largest page the arguments allow (depth 12, within GRAPHQL_MAX_DEPTH). */
const NESTED_PAGES = `{ experiments(first: 100) { edges { node { owner { experiments(first: 100) { edges { node { owner {
  experiments(first: 100) { edges { node { key } } } } } } } } } } } }`;

async function send(
  t: TestApp,
  query: string,
): Promise<{ result: GraphQLResult & { status: number }; statements: number; ms: number }> {
  const counter = sqlCounter(t.dataSource);
  const before = counter.count;
  const started = performance.now();
  const result = await t.post(query);
  return { result, statements: counter.count - before, ms: performance.now() - started };
}

function expectRefusal(sent: Awaited<ReturnType<typeof send>>, limit: string, max: number) {
  expect(sent.result.status).toBe(400);
  expect(sent.result.data ?? undefined).toBeUndefined();
  expect(sent.result.errors).toHaveLength(1);
  const { extensions } = sent.result.errors![0]!;
  expect(extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit, max });
  expect(sent.statements).toBe(0);
  expect(sent.ms).toBeLessThan(QUICK_MS);
  return extensions as { actual: number | null };
}

describe('operation limits against abuse (defaults)', () => {
  const t = useTestApp({ allowAnonymousReads: true });
  beforeAll(async () => {
    await t.truncateAll();
    await buildOrgTree(t);
  });

  it('refuses 20 levels of parent/children nesting by depth', async () => {
    const { actual } = expectRefusal(await send(t, nested(20)), 'depth', 12);
    expect(actual).toBe(22);
  });

  it('refuses a 16-level fragment bomb by depth', async () => {
    const { actual } = expectRefusal(await send(t, fragmentBomb(16)), 'depth', 12);
    expect(actual).toBe(18);
  });

  it('refuses 10,000 aliases of experiments(first: 100) by tokens, before parsing the rest', async () => {
    expectRefusal(await send(t, aliases(10_000)), 'tokens', 5000);
  });

  it('refuses 31 aliases', async () => {
    const { actual } = expectRefusal(await send(t, aliases(31)), 'aliases', 30);
    expect(actual).toBe(31);
  });

  it('refuses more than 50 directives', async () => {
    const query = `{ orgNode(key: "acme") { ${'key @include(if: true) '.repeat(51)}} }`;
    const { actual } = expectRefusal(await send(t, query), 'directives', 50);
    expect(actual).toBe(51);
  });

  it('refuses the largest legal nested page (first: 100 at three levels) by cost', async () => {
    const { actual } = expectRefusal(await send(t, NESTED_PAGES), 'cost', 200_000);
    expect(actual).toBeGreaterThan(1_000_000);
  });

  it('counts `first` given in variables', async () => {
    const query = NESTED_PAGES.replace(/first: 100/g, 'first: $n').replace(/^\{/, 'query Pages($n: Int) {');
    const counter = sqlCounter(t.dataSource);
    const before = counter.count;
    const small = await t.post(query, { n: 1 });
    expect(small.errors).toBeUndefined();
    expect(counter.count - before).toBeGreaterThan(0);
    const large = await t.post(query, { n: 100 });
    expect(large.status).toBe(400);
    expect(large.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
  });

  it('keeps one estimate per cost shape, never one of invalid variables', async () => {
    // The same document with a string variable (the text never changes a cost) and `first` in a variable.
    const query = NESTED_PAGES.replace(/first: 100/g, 'first: $n')
      .replace('experiments(first: $n) {', 'experiments(first: $n, filter: { kind: [$kind] }) {')
      .replace(/^\{/, 'query Pages($n: Int, $kind: ExperimentKind!) {');
    // An invalid enum value cannot be estimated; it must not stand in for the valid request after it.
    const invalid = await t.post(query, { n: 100, kind: 'NOT_A_KIND' });
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const valid = await t.post(query, { n: 100, kind: 'AB_TEST' });
    expect(valid.status).toBe(400);
    expect(valid.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
    // Another value of the string variable has the same cost.
    const other = await t.post(query, { n: 100, kind: 'ROLLOUT' });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
  });

  it('answers the same query nested within the limits', async () => {
    const result = await t.post(nested(6));
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
  });

  it('lets the in-process path refuse the same way (no SQL)', async () => {
    const { result, statements } = await t.execCounting(nested(20));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth' });
    expect(statements).toBe(0);
  });
});

describe('answer-node cap', () => {
  const t = useTestApp({
    allowAnonymousReads: true,
    operationLimits: { ...DEFAULT_OPERATION_LIMITS, maxAnswerNodes: 8 },
  });
  beforeAll(async () => {
    await t.truncateAll();
    await buildOrgTree(t);
  });

  it('answers a query whose answer holds at most the maximum of objects and list items', async () => {
    // 5 org nodes: 5 list items.
    const result = await t.post('{ orgNodes { key } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ orgNodes: expect.any(Array) });
  });

  it('refuses a query whose answer grows past the maximum, with no partial data', async () => {
    const result = await t.post('{ orgNodes { key children { key } } }');
    expect(result.status).toBe(400);
    expect(result.data ?? undefined).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'answerNodes', max: 8 });
    expect((result.errors![0]!.extensions as { actual: number }).actual).toBeGreaterThan(8);
  });

  it('does not cap mutations (their write is done by then)', async () => {
    const result = await t.exec(
      'mutation { createOrgNode(input: { key: "extra", name: "Extra", kind: "team", parentKey: "acme" }) { key parent { key children { key } } } }',
    );
    expect(result.errors).toBeUndefined();
  });
});
