import v8 from 'node:v8';
import vm from 'node:vm';
import { sqlCounter } from '../../../src/db/data-source';
import { INTERNAL_PRINCIPAL } from '../../../src/domain/principal';
import { createContext } from '../../../src/graphql/context';
import { RESPONSE_CACHE_MAX_KEY_LENGTH } from '../../../src/graphql/response-cache';
import { type App, createApp } from '../../../src/server/app';
import { type GraphQLResult, useTestApp } from '../helpers';
import { buildOrgTree } from '../fixtures/write-fixtures';

/**
 * The whole-answer cache under padded requests (issue #9 §3): it keys only on the variables the
 * operation declares, and bounds keys and answers together in bytes (RESPONSE_CACHE_MAX_BYTES).
 * Without those bounds, 44 requests with a distinct unused 10 MB variable each would drive a 512 MB
 * heap out of memory.
 */
const t = useTestApp();
const NODE = `query Node($key: String!, $filter: StatsFilter) { orgNode(key: $key) { key stats(filter: $filter) { concluded pending } } }`;
const MB = 1024 * 1024;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapUsed = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

/** Runs `query` through `app` in-process (the cache's own path) and counts its SQL statements. */
async function run<T = Record<string, unknown>>(app: App, query: string, variables: Record<string, unknown>) {
  const counter = sqlCounter(t.dataSource);
  const before = counter.count;
  const contextValue = createContext(t.dataSource, INTERNAL_PRINCIPAL);
  const response = await app.apollo.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('single result expected');
  const result = response.body.singleResult as GraphQLResult<T>;
  expect(result.errors).toBeUndefined();
  return { result, statements: counter.count - before };
}

/** A distinct string of `bytes` characters (distinct in its first characters, so no two share a key). */
const padding = (i: number, bytes: number) => `${i}-`.padEnd(bytes, 'x');

beforeAll(async () => {
  await t.truncateAll();
  await buildOrgTree(t);
});

describe('response cache bounds', () => {
  it('44 requests each with a distinct unused 10 MB variable make one entry of a few hundred bytes, and the heap stays flat', async () => {
    const store = t.app.responseCache!;
    const [entriesBefore, bytesBefore] = [store.size, store.byteSize];
    await run(t.app, NODE, { key: 'search' });
    const heapBefore = heapUsed();
    for (let i = 0; i < 44; i += 1) {
      const { statements } = await run(t.app, NODE, { key: 'search', pad: padding(i, 10 * MB) });
      // The padded request is a hit of the unpadded one: only the data state is read.
      expect(statements).toBe(1);
    }
    expect(store.size).toBe(entriesBefore + 1);
    expect(store.byteSize - bytesBefore).toBeLessThan(2000);
    // 44 kept variables would hold 440 MB (880 MB as two-byte strings); a few MB are the allocator's.
    expect(heapUsed() - heapBefore).toBeLessThan(50 * MB);
  });

  it('keys on the used variables in a stable order: an input object with its fields reordered is a hit', async () => {
    const filter = { kind: ['AB_TEST'], tagsAll: ['checkout'] };
    await run(t.app, NODE, { key: 'growth', filter });
    const reordered = await run(t.app, NODE, { filter: { tagsAll: ['checkout'], kind: ['AB_TEST'] }, key: 'growth' });
    expect(reordered.statements).toBe(1);
  });

  it('does not keep an answer whose used variable makes its key longer than the limit, however many arrive', async () => {
    const store = t.app.responseCache!;
    const [entriesBefore, bytesBefore] = [store.size, store.byteSize];
    for (let i = 0; i < 6; i += 1) {
      const huge = padding(i, 5 * MB);
      const { result } = await run<{ orgNode: null }>(t.app, NODE, { key: huge });
      expect(result.data).toEqual({ orgNode: null });
    }
    const justOver = padding(99, RESPONSE_CACHE_MAX_KEY_LENGTH);
    await run(t.app, NODE, { key: justOver });
    await run(t.app, NODE, { key: justOver });
    expect([store.size, store.byteSize]).toEqual([entriesBefore, bytesBefore]);
    // A key just under the limit is kept.
    await run(t.app, NODE, { key: padding(98, RESPONSE_CACHE_MAX_KEY_LENGTH - 1000) });
    expect(store.size).toBe(entriesBefore + 1);
  });

  it('stays under RESPONSE_CACHE_MAX_BYTES, dropping the least recently used answers first', async () => {
    const maxBytes = 4000;
    const app = await createApp({
      dataSource: t.dataSource,
      allowAnonymousReads: false,
      responseCacheMaxBytes: maxBytes,
    });
    try {
      const store = app.responseCache!;
      expect(store.maxBytes).toBe(maxBytes);
      const keys = ['acme', 'search', 'ranking', 'growth', 'onboarding'];
      // Distinct used values (about 1 KB of tags) so that a few entries fill the budget.
      const asked = Array.from({ length: 12 }, (_, i) => ({
        key: keys[i % keys.length]!,
        filter: { tagsAll: [padding(i, 450), 'y'.repeat(450)] },
      }));
      for (const variables of asked) {
        await run(app, NODE, variables);
        expect(store.byteSize).toBeLessThanOrEqual(maxBytes);
      }
      expect(store.size).toBeGreaterThan(1);
      expect(store.size).toBeLessThan(asked.length);
      // The newest is kept, the oldest was dropped.
      expect((await run(app, NODE, asked.at(-1)!)).statements).toBe(1);
      expect((await run(app, NODE, asked[0]!)).statements).toBeGreaterThan(1);
    } finally {
      await app.apollo.stop();
    }
  });

  it('is off with RESPONSE_CACHE_MAX_BYTES=0 (the roll-up cache stays)', async () => {
    const app = await createApp({ dataSource: t.dataSource, allowAnonymousReads: false, responseCacheMaxBytes: 0 });
    try {
      expect(app.responseCache).toBeUndefined();
    } finally {
      await app.apollo.stop();
    }
  });
});
