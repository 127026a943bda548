import { useTestApp } from '../helpers';
import { buildExperiment, buildMetrics, buildOrgTree, expectRefused, mutate } from '../fixtures/write-fixtures';

const t = useTestApp();
let first: string;
let second: string;
let hypothesisOfFirst: string;
beforeEach(async () => {
  await t.truncateAll();
  await buildOrgTree(t);
  await buildMetrics(t);
  first = (await buildExperiment(t)).id;
  second = (await buildExperiment(t, { key: 'exp-2', hypothesis: null })).id;
  [{ id: hypothesisOfFirst }] = await t.dataSource.query('SELECT id FROM hypothesis WHERE experiment_id = $1', [first]);
});

const links = async (learningId: string) => ({
  experiments: (
    await t.dataSource.query(
      'SELECT e.key FROM learning_experiment l JOIN experiment e ON e.id = l.experiment_id WHERE l.learning_id = $1 ORDER BY 1',
      [learningId],
    )
  ).map((r: { key: string }) => r.key),
  hypotheses: (
    await t.dataSource.query('SELECT hypothesis_id FROM learning_hypothesis WHERE learning_id = $1', [learningId])
  ).map((r: { hypothesis_id: string }) => r.hypothesis_id),
});

const base = { summary: 'Bigger buttons help', kind: 'WHAT_WORKS', author: 'ann' };

describe('addLearning', () => {
  it('writes a learning linked to experiments (by key) and a hypothesis, with normalised tags', async () => {
    const learning = await mutate(t, 'mutation-add-learning', {
      ...base,
      tags: ['UX', 'ux '],
      experimentKeys: ['exp-1', 'exp-2', 'exp-1'],
      hypothesisIds: [hypothesisOfFirst],
    });
    expect(learning).toMatchObject({
      summary: 'Bigger buttons help',
      kind: 'WHAT_WORKS',
      tags: ['ux'],
      author: 'ann',
      version: 1,
    });
    expect(await links(learning.id)).toEqual({ experiments: ['exp-1', 'exp-2'], hypotheses: [hypothesisOfFirst] });
  });

  it.each([
    ['no experiment', { experimentIds: [] }, 'BAD_USER_INPUT'],
    ['an unknown experiment id', { experimentIds: ['00000000-0000-4000-8000-000000000000'] }, 'NOT_FOUND'],
    ['a malformed experiment id', { experimentIds: ['exp-1'] }, 'BAD_USER_INPUT'],
    ['an unknown experiment key', { experimentKeys: ['nope'] }, 'NOT_FOUND'],
    [
      'an unknown hypothesis',
      { experimentKeys: ['exp-1'], hypothesisIds: ['00000000-0000-4000-8000-000000000000'] },
      'NOT_FOUND',
    ],
    ['a blank author', { experimentKeys: ['exp-1'], author: ' ' }, 'BAD_USER_INPUT'],
    ['an unknown kind', { experimentKeys: ['exp-1'], kind: 'GOSSIP' }, 'BAD_USER_INPUT'],
  ])('refuses %s and changes nothing', async (_label, overrides, code) => {
    await expectRefused(t, 'mutation-add-learning', { ...base, ...overrides }, code);
  });

  it('refuses a hypothesis of an experiment that is not linked', async () => {
    await expectRefused(
      t,
      'mutation-add-learning',
      { ...base, experimentIds: [second], hypothesisIds: [hypothesisOfFirst] },
      'BAD_USER_INPUT',
    );
  });
});

describe('updateLearning', () => {
  it('replaces fields and links and bumps the version', async () => {
    const learning = await mutate(t, 'mutation-add-learning', {
      ...base,
      experimentIds: [first],
      hypothesisIds: [hypothesisOfFirst],
    });
    const updated = await mutate(t, 'mutation-update-learning', {
      id: learning.id,
      summary: 'Revised',
      kind: 'METHOD',
      experimentIds: [second],
      hypothesisIds: [],
    });
    expect(updated).toMatchObject({ summary: 'Revised', kind: 'METHOD', version: 2 });
    expect(await links(learning.id)).toEqual({ experiments: ['exp-2'], hypotheses: [] });
  });

  it('refuses new experiments that leave a stored hypothesis link orphaned', async () => {
    const learning = await mutate(t, 'mutation-add-learning', {
      ...base,
      experimentIds: [first],
      hypothesisIds: [hypothesisOfFirst],
    });
    await expectRefused(t, 'mutation-update-learning', { id: learning.id, experimentIds: [second] }, 'BAD_USER_INPUT');
  });

  it('refuses an unknown learning with NOT_FOUND', async () => {
    await expectRefused(
      t,
      'mutation-update-learning',
      { id: '00000000-0000-4000-8000-000000000000', summary: 'x' },
      'NOT_FOUND',
    );
  });
});
