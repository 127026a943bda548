import { operation, useTestApp } from '../helpers';
import { buildExperiment, buildMetrics, buildOrgTree, transition } from '../fixtures/write-fixtures';

const t = useTestApp();

// Rows written before the API refused years outside 0001-9999 (or by hand): year 0 is stored by
// PostgreSQL as 1 BC. Reading and paging them must work, and must not repeat them.
const STORED = {
  'exp-bc2': '0002-03-01 00:00:00+00 BC',
  'exp-year0': '0001-06-01 00:00:00+00 BC',
  'exp-2025': '2025-01-01 00:00:00+00',
  'exp-2026': '2026-01-01 00:00:00+00',
  'exp-year10000': '10000-01-01 00:00:00+00',
} as const;

interface Page {
  experiments: {
    edges: Array<{ node: { key: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

async function pageAll(direction: 'ASC' | 'DESC', field: string): Promise<string[]> {
  const keys: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 20; pages += 1) {
    const result: { data?: Page | null; errors?: unknown } = await t.exec<Page>(operation('query-experiments-page'), {
      first: 1,
      after,
      orderBy: { field, direction },
    });
    expect(result.errors).toBeUndefined();
    keys.push(...result.data!.experiments.edges.map((e) => e.node.key));
    if (!result.data!.experiments.pageInfo.hasNextPage) return keys;
    after = result.data!.experiments.pageInfo.endCursor;
  }
  throw new Error(`paging did not end: ${keys.join(', ')}`);
}

describe('experiments stored with instants outside years 0001-9999', () => {
  beforeAll(async () => {
    await t.truncateAll();
    await buildOrgTree(t);
    await buildMetrics(t);
    for (const key of Object.keys(STORED)) {
      const experiment = await buildExperiment(t, { key });
      await transition(t, experiment.id, 'RUNNING', '2025-06-01T00:00:00Z');
    }
    for (const [key, startedAt] of Object.entries(STORED)) {
      await t.dataSource.query(
        `UPDATE experiment SET started_at = $2::timestamptz, created_at = $2::timestamptz WHERE key = $1`,
        [key, startedAt],
      );
    }
  });

  it.each(['STARTED_AT', 'CREATED_AT'])('pages by %s DESC one row at a time, each row exactly once', async (field) => {
    expect(await pageAll('DESC', field)).toEqual(['exp-year10000', 'exp-2026', 'exp-2025', 'exp-year0', 'exp-bc2']);
  });

  it.each(['STARTED_AT', 'CREATED_AT'])('pages by %s ASC one row at a time, each row exactly once', async (field) => {
    expect(await pageAll('ASC', field)).toEqual(['exp-bc2', 'exp-year0', 'exp-2025', 'exp-2026', 'exp-year10000']);
  });

  it("reads their details, analysis and the owner's statistics without an internal error", async () => {
    for (const key of Object.keys(STORED)) {
      const detail = await t.exec<{ experiment: { key: string; startedAt: string } }>(
        operation('query-experiment-detail'),
        { key },
      );
      expect(detail.errors).toBeUndefined();
      expect(detail.data!.experiment.key).toBe(key);
      const analysis = await t.exec(
        `query ($key: String!) { experiment(key: $key) { ewlCategory analysis { category validity } } }`,
        { key },
      );
      expect(analysis.errors).toBeUndefined();
    }
    const stats = await t.exec(`{ orgNode(key: "acme") { stats { concluded pending } } portfolioStats { concluded } }`);
    expect(stats.errors).toBeUndefined();
    const filtered = await t.exec<Page>(
      `{ experiments(filter: { startedFrom: "0001-01-01T00:00:00Z", startedTo: "9999-12-31T23:59:59Z" }) { edges { node { key } } } }`,
    );
    expect(filtered.data!.experiments.edges.map((e) => e.node.key).sort()).toEqual(['exp-2025', 'exp-2026']);
  });

  it('answers the stored instants in ISO-8601 (a signed or expanded year outside 0001-9999)', async () => {
    const result = await t.exec<{ a: { startedAt: string }; b: { startedAt: string } }>(
      `{ a: experiment(key: "exp-year0") { startedAt } b: experiment(key: "exp-year10000") { startedAt } }`,
    );
    expect(JSON.parse(JSON.stringify(result.data))).toEqual({
      a: { startedAt: '0000-06-01T00:00:00.000Z' },
      b: { startedAt: '+010000-01-01T00:00:00.000Z' },
    });
  });
});
