import { createReadFixtures, fixtureId } from '../fixtures/read-fixtures';
import { expectError, operation, useTestApp } from '../helpers';

describe('experiment', () => {
  const t = useTestApp();

  beforeAll(async () => {
    await t.truncateAll();
    const f = createReadFixtures(t.dataSource);
    const tree = await f.buildOrgTree();
    const metrics = [
      await f.buildMetric({ key: 'conversion', name: 'Conversion' }),
      await f.buildMetric({ key: 'bounce', name: 'Bounce', preferredDirection: 'DECREASE' }),
    ];
    const { experiment, variants } = await f.buildRichExperiment(tree.onboarding.id, metrics, {
      title: 'Shorter signup form',
      description: 'Drop the phone field',
      plannedSampleSize: 20000,
      plannedRuntimeDays: 14,
      externalSource: 'growthbook',
      externalId: 'gb-1',
    });
    const [em] = await t.dataSource.query(
      `SELECT id FROM experiment_metric WHERE experiment_id = $1 ORDER BY position LIMIT 1`,
      [experiment.id],
    );
    await f.buildMetricResults(em.id, variants, 'PRE_EXPOSURE');
    await f.buildExternalResult(em.id, variants[1]!.id);
    await f.buildExperiment({
      ownerNodeId: tree.onboarding.id,
      key: 'signup-rerun',
      title: 'Shorter signup form, rerun',
      restartOfId: experiment.id,
    });
  });

  it('returns the whole experiment with its relations by key', async () => {
    const result = await t.exec(operation('query-experiment-detail'), { key: 'exp-001' });
    expect(result).toMatchSnapshot();
  });

  it('returns the same experiment by id', async () => {
    const byId = await t.exec(operation('query-experiment-detail'), { id: fixtureId('e', 1) });
    const byKey = await t.exec(operation('query-experiment-detail'), { key: 'exp-001' });
    expect(byId).toEqual(byKey);
  });

  it('returns a restart with restartOf and no decision', async () => {
    const result = await t.exec<{
      experiment: { restartOf: unknown; decision: unknown; decisions: unknown[]; variants: unknown[] };
    }>(operation('query-experiment-detail'), { key: 'signup-rerun' });
    expect(result.data!.experiment).toMatchObject({
      restartOf: { key: 'exp-001' },
      decision: null,
      decisions: [],
      variants: [],
    });
  });

  it.each([
    ['an unknown id', { id: fixtureId('e', 999) }],
    ['a malformed id', { id: 'not-a-uuid' }],
    ['an unknown key', { key: 'nope' }],
  ])('returns null for %s', async (_name, vars) => {
    const result = await t.exec(operation('query-experiment-detail'), vars);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ experiment: null });
  });

  it.each([
    ['both id and key', { id: fixtureId('e', 1), key: 'exp-001' }],
    ['neither id nor key', {}],
  ])('rejects %s with BAD_USER_INPUT', async (_name, vars) => {
    const error = expectError(
      await t.exec(operation('query-experiment-detail'), vars),
      'BAD_USER_INPUT',
      'INVALID_VALUE',
    );
    expect(error.message).toMatch(/exactly one of id and key/);
  });
});
