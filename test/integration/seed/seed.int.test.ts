import { type DataSource } from 'typeorm';
import { createDataSource } from '../../../src/db/data-source';
import { resetCatalogue, seedDemoData, seedDemoDataIfEmpty } from '../../../src/db/seed/seed';
import { snapshotDatabase } from '../helpers';

const ANCHOR = new Date('2026-03-01T00:00:00Z');

const countRows = async (dataSource: DataSource, table: string): Promise<number> => {
  const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return row.n;
};

describe('seedDemoData', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = createDataSource({
      url: process.env.TEST_DATABASE_URL!,
      poolSize: process.env.TEST_DATABASE_MODE === 'embedded' ? 1 : 4,
    });
    await dataSource.initialize();
    await dataSource.transaction((manager) => resetCatalogue(manager));
  });

  afterAll(async () => {
    await dataSource.transaction((manager) => resetCatalogue(manager));
    await dataSource.destroy();
  });

  it('inserts the default 500-experiment portfolio into an empty database once, logging progress', async () => {
    const messages: string[] = [];
    const started = Date.now();
    const summary = await seedDemoDataIfEmpty(dataSource, { log: (m) => messages.push(m) });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(summary).toEqual({ orgNodes: 25, experiments: 500 });
    expect(messages.some((m) => m.includes('500 / 500'))).toBe(true);
    expect(await countRows(dataSource, 'experiment')).toBe(500);
    expect(await countRows(dataSource, 'hypothesis')).toBeGreaterThanOrEqual(500);
    expect(await countRows(dataSource, 'variant')).toBeGreaterThanOrEqual(1000);
    expect(await countRows(dataSource, 'experiment_metric')).toBeGreaterThanOrEqual(1000);
    expect(await countRows(dataSource, 'metric_result')).toBeGreaterThan(3000);
    expect(await countRows(dataSource, 'metric')).toBeGreaterThanOrEqual(15);
    for (const table of ['health_check', 'decision', 'learning', 'learning_experiment', 'learning_hypothesis']) {
      expect(await countRows(dataSource, table)).toBeGreaterThan(0);
    }

    const [closure] = await dataSource.query(`
      WITH RECURSIVE depth_of AS (
        SELECT id, 0 AS depth FROM org_node WHERE parent_id IS NULL
        UNION ALL SELECT n.id, d.depth + 1 FROM org_node n JOIN depth_of d ON n.parent_id = d.id
      )
      SELECT (SELECT sum(depth + 1)::int FROM depth_of) AS expected, (SELECT count(*)::int FROM org_node_closure) AS actual`);
    expect(closure.actual).toBe(closure.expected);

    const [current] = await dataSource.query(`
      SELECT count(DISTINCT experiment_id)::int AS decided, count(*) FILTER (WHERE is_current)::int AS current FROM decision`);
    expect(current.current).toBe(current.decided);

    expect(await seedDemoDataIfEmpty(dataSource)).toBeUndefined();
    expect(await countRows(dataSource, 'experiment')).toBe(500);
  });

  it('makes the demo data findable by full-text search', async () => {
    const [row] = await dataSource.query(
      `SELECT count(*)::int AS n FROM experiment WHERE search @@ plainto_tsquery('english', 'checkout')`,
    );
    expect(row.n).toBeGreaterThan(0);
    const [learning] = await dataSource.query(
      `SELECT count(*)::int AS n FROM learning WHERE search @@ plainto_tsquery('english', 'caught before rollout')`,
    );
    expect(learning.n).toBeGreaterThan(0);
    const [hypothesis] = await dataSource.query(
      `SELECT count(*)::int AS n FROM hypothesis WHERE search @@ plainto_tsquery('english', 'search results')`,
    );
    expect(hypothesis.n).toBeGreaterThan(0);
  });

  it('gives identical table fingerprints when seeded twice with a reset in between', async () => {
    const params = { seed: 99, anchor: ANCHOR, experiments: 120, reset: true, classifiedAt: ANCHOR };
    const first = await seedDemoData(dataSource, params);
    const before = await snapshotDatabase(dataSource);
    const second = await seedDemoData(dataSource, params);
    expect(second).toEqual(first);
    expect(await snapshotDatabase(dataSource)).toEqual(before);
    expect(first.experiments).toBe(120);
    expect(await countRows(dataSource, 'metric_result')).toBe(first.metricResults);
  });

  it('rolls back everything when an insert fails part-way', async () => {
    const before = await snapshotDatabase(dataSource);
    // Without a reset the org-node keys clash with the rows already there.
    await expect(seedDemoData(dataSource, { seed: 5, anchor: ANCHOR, experiments: 10 })).rejects.toThrow();
    expect(await snapshotDatabase(dataSource)).toEqual(before);
  });

  it('seeds nothing when the catalogue already has org nodes', async () => {
    await dataSource.query('DELETE FROM experiment');
    expect(await seedDemoDataIfEmpty(dataSource)).toBeUndefined();
    expect(await countRows(dataSource, 'experiment')).toBe(0);
  });
});
