import { createReadFixtures } from '../fixtures/read-fixtures';
import { operation, useTestApp } from '../helpers';

interface DeepPage {
  experiments: {
    totalCount: number;
    edges: Array<{
      node: { key: string; variants: unknown[]; metrics: Array<{ results: unknown[] }>; decision: unknown };
    }>;
  };
}

/**
 * The N+1 guard: every relation of a page goes through a batched DataLoader, so the number of
 * SQL statements of one request does not depend on the page size.
 */
describe('experiments (N+1 guard)', () => {
  const t = useTestApp();
  /** Page (2) + one per relation level: owner, hypotheses, variants, metrics, metric, results, result variant, external results, decisions, shipped variant, learnings, learning experiments/hypotheses, hypothesis learnings, health checks, restartOf, restarts. */
  const CEILING = 20;

  beforeAll(async () => {
    await t.truncateAll();
    const f = createReadFixtures(t.dataSource);
    const tree = await f.buildOrgTree();
    const metrics = [await f.buildMetric(), await f.buildMetric()];
    const owners = [tree.onboarding, tree.checkout, tree.ranking];
    let previous: string | null = null;
    for (let i = 0; i < 50; i += 1) {
      const { experiment, variants } = await f.buildRichExperiment(owners[i % 3]!.id, metrics, {
        restartOfId: i % 10 === 1 ? previous : null,
      });
      if (i % 5 === 0) {
        const [em] = await t.dataSource.query(
          `SELECT id FROM experiment_metric WHERE experiment_id = $1 ORDER BY position LIMIT 1`,
          [experiment.id],
        );
        await f.buildExternalResult(em.id, variants[1]!.id);
      }
      previous = experiment.id;
    }
  });

  it('runs the same number of statements for a page of 5 as for a page of 50', async () => {
    const small = await t.execCounting<DeepPage>(operation('query-experiments-deep'), { first: 5 });
    const large = await t.execCounting<DeepPage>(operation('query-experiments-deep'), { first: 50 });
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(small.result.data!.experiments.edges).toHaveLength(5);
    expect(large.result.data!.experiments.edges).toHaveLength(50);
    expect(
      large.result.data!.experiments.edges.every(
        (e) => e.node.variants.length === 2 && e.node.metrics[1]!.results.length === 2 && e.node.decision,
      ),
    ).toBe(true);
    console.log(`N+1 guard: first 5 -> ${small.statements} statements, first 50 -> ${large.statements} statements`);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(CEILING);
  });
});
