import { performance } from 'node:perf_hooks';
import { MAX_INPUT_LIST_ITEMS } from '../../../src/domain/rules/input-lists';
import { buildOrgTree } from '../fixtures/write-fixtures';
import { expectError, operation, snapshotDatabase, useTestApp } from '../helpers';

// Oversized lists in inputs (issue #9): refused with BAD_USER_INPUT naming the field and the
// maximum, before any SQL. Time bounds are generous sanity checks, not benchmarks.
const QUICK_MS = 2000;
const many = (n: number, make: (i: number) => unknown = (i) => `tag-${i}`) =>
  Array.from({ length: n }, (_, i) => make(i));

describe('input list maximums', () => {
  const t = useTestApp();
  beforeAll(async () => {
    await t.truncateAll();
    await buildOrgTree(t);
  });

  it('refuses 100,000 tagsAny quickly, naming the field and the maximum, with no SQL', async () => {
    const started = performance.now();
    const { result, statements } = await t.execCounting(
      'query Q($tags: [String!]) { experiments(filter: { tagsAny: $tags }) { totalCount } }',
      { tags: many(100_000) },
    );
    const ms = performance.now() - started;
    const error = expectError(result, 'BAD_USER_INPUT', 'TOO_MANY_ITEMS');
    expect(error.extensions).toMatchObject({
      field: 'filter.tagsAny',
      value: '100000 items',
      allowed: `at most ${MAX_INPUT_LIST_ITEMS} items`,
    });
    expect(error.message).toContain('filter.tagsAny');
    expect(statements).toBe(0);
    expect(ms).toBeLessThan(QUICK_MS);
  });

  it('accepts the maximum', async () => {
    const result = await t.exec(
      'query Q($tags: [String!]) { experiments(filter: { tagsAny: $tags }) { totalCount } }',
      { tags: many(MAX_INPUT_LIST_ITEMS) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ experiments: { totalCount: 0 } });
  });

  it.each([
    [
      'experiment statuses',
      'query Q($v: [ExperimentStatus!]) { experiments(filter: { status: $v }) { totalCount } }',
      many(101, () => 'RUNNING'),
      'filter.status',
    ],
    [
      'learning tags',
      'query Q($v: [String!]) { learnings(filter: { tagsAll: $v }) { totalCount } }',
      many(101),
      'filter.tagsAll',
    ],
    [
      'statistics tags',
      'query Q($v: [String!]) { orgNode(key: "acme") { stats(filter: { tagsAny: $v }) { concluded } } }',
      many(101),
      'filter.tagsAny',
    ],
    [
      'planner weights',
      'query Q($v: [Float!]) { planSampleSize(input: { metrics: [{ key: "m", type: BINARY, role: SUCCESS, baseline: 0.1, mde: 0.05 }], weights: $v }) { totalUnits } }',
      many(101, () => 1),
      'input.weights',
    ],
  ])('refuses more than the maximum of %s', async (_label, query, value, field) => {
    const { result, statements } = await t.execCounting(query, { v: value });
    const error = expectError(result, 'BAD_USER_INPUT', 'TOO_MANY_ITEMS');
    expect(error.extensions?.field).toBe(field);
    expect(statements).toBe(0);
  });

  it('refuses a list written in the document at the field, before its resolver runs', async () => {
    const tags = many(101)
      .map((tag) => JSON.stringify(tag))
      .join(' ');
    const { result, statements } = await t.execCounting(
      `{ experiments(filter: { tagsAll: [${tags}] }) { totalCount } }`,
    );
    const error = expectError(result, 'BAD_USER_INPUT', 'TOO_MANY_ITEMS');
    expect(error.extensions?.field).toBe('filter.tagsAll');
    expect(statements).toBe(0);
  });

  it('answers over HTTP with status 400 under application/graphql-response+json, 200 under application/json (GraphQL over HTTP)', async () => {
    const query = 'query Q($tags: [String!]) { experiments(filter: { tagsAny: $tags }) { totalCount } }';
    for (const [accept, status] of [
      ['application/graphql-response+json', 400],
      ['application/json', 200],
    ] as const) {
      const result = await t.post(query, { tags: many(1000) }, undefined, { accept });
      expect(result.status).toBe(status);
      expect(result.data ?? undefined).toBeUndefined();
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'TOO_MANY_ITEMS',
        field: 'filter.tagsAny',
      });
    }
  });

  it('refuses a learning linked to more than the maximum of experiment keys, and writes nothing', async () => {
    const before = await snapshotDatabase(t.dataSource);
    const input = {
      summary: 'Too many links',
      kind: 'INSIGHT',
      author: 'Ada',
      experimentKeys: many(101, (i) => `exp-${i}`),
    };
    const { result, statements } = await t.execCounting(operation('mutation-add-learning'), { input });
    const error = expectError(result, 'BAD_USER_INPUT', 'TOO_MANY_ITEMS');
    expect(error.extensions?.field).toBe('input.experimentKeys');
    expect(statements).toBe(0);
    expect(await snapshotDatabase(t.dataSource)).toEqual(before);
  });
});
