import { useTestApp } from '../helpers';
import {
  buildExperiment,
  buildMetrics,
  buildOrgTree,
  expectRefused,
  mutate,
  transition,
} from '../fixtures/write-fixtures';

const t = useTestApp();
let experimentId: string;
beforeEach(async () => {
  await t.truncateAll();
  await buildOrgTree(t);
  await buildMetrics(t);
  experimentId = (await buildExperiment(t, { hypothesis: null })).id;
});

describe('addHypothesis', () => {
  it('adds a hypothesis to a DRAFT experiment', async () => {
    const added = await mutate(t, 'mutation-add-hypothesis', {
      experimentId,
      statement: ' Users convert more ',
      rationale: 'Survey',
    });
    expect(added).toMatchObject({
      experimentId,
      statement: 'Users convert more',
      rationale: 'Survey',
      lockedAt: null,
      version: 1,
    });
  });

  it('refuses a RUNNING experiment with HYPOTHESIS_LOCKED', async () => {
    await transition(t, experimentId, 'RUNNING', '2025-01-01T00:00:00Z');
    await expectRefused(
      t,
      'mutation-add-hypothesis',
      { experimentId, statement: 'Late idea' },
      'CONFLICT',
      'HYPOTHESIS_LOCKED',
    );
  });

  it('refuses a blank statement and an unknown experiment', async () => {
    await expectRefused(t, 'mutation-add-hypothesis', { experimentId, statement: ' ' }, 'BAD_USER_INPUT');
    await expectRefused(
      t,
      'mutation-add-hypothesis',
      { experimentId: '00000000-0000-4000-8000-000000000000', statement: 'x' },
      'NOT_FOUND',
    );
  });
});

describe('updateHypothesis', () => {
  it('edits an unlocked hypothesis and bumps its version', async () => {
    const added = await mutate(t, 'mutation-add-hypothesis', { experimentId, statement: 'First' });
    const updated = await mutate(t, 'mutation-update-hypothesis', { id: added.id, statement: 'Second' });
    expect(updated).toMatchObject({ statement: 'Second', rationale: '', version: 2 });
  });

  it('refuses edits once the experiment started, with HYPOTHESIS_LOCKED', async () => {
    const added = await mutate(t, 'mutation-add-hypothesis', { experimentId, statement: 'First' });
    await transition(t, experimentId, 'RUNNING', '2025-01-01T00:00:00Z');
    const error = await expectRefused(
      t,
      'mutation-update-hypothesis',
      { id: added.id, statement: 'Rewritten' },
      'CONFLICT',
      'HYPOTHESIS_LOCKED',
    );
    expect(error.message).toContain('locked');
  });

  it('refuses an unknown hypothesis with NOT_FOUND', async () => {
    await expectRefused(
      t,
      'mutation-update-hypothesis',
      { id: '00000000-0000-4000-8000-000000000000', statement: 'x' },
      'NOT_FOUND',
    );
  });
});
