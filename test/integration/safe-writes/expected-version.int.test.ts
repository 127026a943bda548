import { expectError, snapshotDatabase, useTestApp } from '../helpers';
import { buildRunningExperiment, mutate } from '../fixtures/write-fixtures';

const t = useTestApp();

const UPDATE = `mutation ($input: UpdateExperimentInput!) { updateExperiment(input: $input) { id title version } }`;

describe('expectedVersion', () => {
  let ids: { experiment: string; node: string; metric: string; learning: string };
  beforeEach(async () => {
    await t.truncateAll();
    const built = await buildRunningExperiment(t, { key: 'exp-v', hypothesis: null });
    const learning = await mutate(t, 'mutation-add-learning', {
      summary: 's',
      kind: 'WHAT_WORKS',
      author: 'a',
      experimentIds: [built.experiment.id],
    });
    ids = {
      experiment: built.experiment.id,
      node: built.nodes.ranking!,
      metric: built.metrics.conv!,
      learning: learning.id,
    };
  });

  it('lets exactly one of two concurrent updates with the same expected version win; the other gets CONFLICT with the current version', async () => {
    const [a, b] = await Promise.all([
      t.exec(UPDATE, { input: { id: ids.experiment, title: 'A', expectedVersion: 2 } }),
      t.exec(UPDATE, { input: { id: ids.experiment, title: 'B', expectedVersion: 2 } }),
    ]);
    const winners = [a, b].filter((r) => !r.errors);
    const losers = [a, b].filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(expectError(losers[0]!, 'CONFLICT', 'VERSION_MISMATCH').extensions).toMatchObject({
      field: 'input.expectedVersion',
      currentVersion: 3,
    });
    const [row] = await t.dataSource.query('SELECT title, version FROM experiment WHERE id = $1', [ids.experiment]);
    expect(row).toEqual({
      title: (winners[0]!.data as { updateExperiment: { title: string } }).updateExperiment.title,
      version: 3,
    });
  });

  it('refuses a stale version on every update mutation and leaves the database as it was', async () => {
    const cases: Array<[string, string, Record<string, unknown>]> = [
      ['updateExperiment', 'UpdateExperimentInput', { id: ids.experiment, title: 'x' }],
      ['transitionExperiment', 'TransitionExperimentInput', { id: ids.experiment, to: 'STOPPED' }],
      ['updateOrgNode', 'UpdateOrgNodeInput', { id: ids.node, name: 'x' }],
      ['moveOrgNode', 'MoveOrgNodeInput', { id: ids.node, newParentId: null }],
      ['updateMetric', 'UpdateMetricInput', { id: ids.metric, name: 'x' }],
      ['updateLearning', 'UpdateLearningInput', { id: ids.learning, summary: 'x' }],
    ];
    for (const [name, type, input] of cases) {
      const before = await snapshotDatabase(t.dataSource);
      const result = await t.exec(`mutation ($input: ${type}!) { ${name}(input: $input) { id } }`, {
        input: { ...input, expectedVersion: 99 },
      });
      const error = expectError(result, 'CONFLICT', 'VERSION_MISMATCH');
      expect([name, typeof error.extensions?.currentVersion]).toEqual([name, 'number']);
      expect(await snapshotDatabase(t.dataSource)).toEqual(before);
    }
  });

  it('accepts the current version and bumps it by one; without expectedVersion the update is unconditional', async () => {
    const first = await t.exec<{ updateExperiment: { version: number } }>(UPDATE, {
      input: { id: ids.experiment, title: 'one', expectedVersion: 2 },
    });
    expect(first.data!.updateExperiment.version).toBe(3);
    const second = await t.exec<{ updateExperiment: { version: number } }>(UPDATE, {
      input: { id: ids.experiment, title: 'two' },
    });
    expect(second.data!.updateExperiment.version).toBe(4);
  });
});
