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
let id: string;
beforeEach(async () => {
  await t.truncateAll();
  await buildOrgTree(t);
  await buildMetrics(t);
  id = (await buildExperiment(t)).id;
});

describe('transitionExperiment', () => {
  it('walks DRAFT -> RUNNING -> STOPPED -> CONCLUDED -> ARCHIVED setting the implied dates', async () => {
    expect(await transition(t, id, 'RUNNING', '2025-01-01T00:00:00.000Z')).toMatchObject({
      status: 'RUNNING',
      startedAt: new Date('2025-01-01T00:00:00.000Z'),
      version: 2,
    });
    expect(await transition(t, id, 'STOPPED', '2025-01-15T00:00:00.000Z')).toMatchObject({
      status: 'STOPPED',
      endedAt: new Date('2025-01-15T00:00:00.000Z'),
    });
    expect(await transition(t, id, 'CONCLUDED', '2025-01-20T00:00:00.000Z')).toMatchObject({
      status: 'CONCLUDED',
      concludedAt: new Date('2025-01-20T00:00:00.000Z'),
    });
    expect(await transition(t, id, 'ARCHIVED')).toMatchObject({ status: 'ARCHIVED', version: 5 });
    const [row] = await t.dataSource.query(
      'SELECT status, started_at, ended_at, concluded_at FROM experiment WHERE id = $1',
      [id],
    );
    expect(row).toEqual({
      status: 'ARCHIVED',
      started_at: new Date('2025-01-01T00:00:00Z'),
      ended_at: new Date('2025-01-15T00:00:00Z'),
      concluded_at: new Date('2025-01-20T00:00:00Z'),
    });
  });

  it('uses the request time when at is omitted', async () => {
    const before = Date.now();
    const running = await transition(t, id, 'RUNNING');
    expect(new Date(running.startedAt as string).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('locks the hypotheses at the start date', async () => {
    await transition(t, id, 'RUNNING', '2025-01-01T00:00:00.000Z');
    const rows = await t.dataSource.query('SELECT locked_at FROM hypothesis WHERE experiment_id = $1', [id]);
    expect(rows).toEqual([{ locked_at: new Date('2025-01-01T00:00:00Z') }]);
  });

  it.each([
    ['DRAFT', 'STOPPED', []],
    ['DRAFT', 'CONCLUDED', []],
    ['DRAFT', 'DRAFT', []],
    ['RUNNING', 'DRAFT', ['RUNNING']],
    ['RUNNING', 'CONCLUDED', ['RUNNING']],
    ['STOPPED', 'RUNNING', ['RUNNING', 'STOPPED']],
    ['CONCLUDED', 'STOPPED', ['RUNNING', 'STOPPED', 'CONCLUDED']],
    ['ARCHIVED', 'DRAFT', ['RUNNING', 'STOPPED', 'CONCLUDED', 'ARCHIVED']],
  ])('refuses %s -> %s with INVALID_STATUS_TRANSITION and changes nothing', async (from, to, path) => {
    const dates = ['2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', '2025-01-03T00:00:00Z', '2025-01-04T00:00:00Z'];
    for (const [i, step] of path.entries()) await transition(t, id, step, dates[i]);
    const error = await expectRefused(
      t,
      'mutation-transition-experiment',
      { id, to },
      'BAD_USER_INPUT',
      'INVALID_STATUS_TRANSITION',
    );
    expect(error.message).toContain(`from ${from} to ${to}`);
  });

  it('refuses an end date before the start date', async () => {
    await transition(t, id, 'RUNNING', '2025-02-01T00:00:00Z');
    const error = await expectRefused(
      t,
      'mutation-transition-experiment',
      { id, to: 'STOPPED', at: '2025-01-01T00:00:00Z' },
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('input.at');
  });

  it('refuses a date in the future', async () => {
    await expectRefused(
      t,
      'mutation-transition-experiment',
      { id, to: 'RUNNING', at: '2999-01-01T00:00:00Z' },
      'BAD_USER_INPUT',
    );
  });

  it.each(['2025-13-01T00:00:00Z', 'yesterday', '2025-01-01'])('refuses the malformed date %s', async (at) => {
    await expectRefused(t, 'mutation-transition-experiment', { id, to: 'RUNNING', at }, 'BAD_USER_INPUT');
  });

  it('refuses an unknown status value', async () => {
    await expectRefused(t, 'mutation-transition-experiment', { id, to: 'PAUSED' }, 'BAD_USER_INPUT');
  });

  it('refuses an unknown experiment with NOT_FOUND', async () => {
    await expectRefused(
      t,
      'mutation-transition-experiment',
      { id: '00000000-0000-4000-8000-000000000000', to: 'RUNNING' },
      'NOT_FOUND',
    );
  });

  it('makes an ARCHIVED experiment read-only', async () => {
    for (const [to, at] of [
      ['RUNNING', '2025-01-01T00:00:00Z'],
      ['STOPPED', '2025-01-02T00:00:00Z'],
      ['CONCLUDED', '2025-01-03T00:00:00Z'],
      ['ARCHIVED', undefined],
    ] as const) {
      await transition(t, id, to, at);
    }
    await expectRefused(t, 'mutation-update-experiment', { id, title: 'x' }, 'CONFLICT', 'EXPERIMENT_NOT_EDITABLE');
    await expectRefused(
      t,
      'mutation-record-decision',
      { experimentId: id, kind: 'NONE', decidedBy: 'ann' },
      'CONFLICT',
      'EXPERIMENT_NOT_EDITABLE',
    );
    expect(
      await mutate(t, 'mutation-transition-experiment', { id, to: 'ARCHIVED' }).catch((e: Error) => e.message),
    ).toContain('INVALID_STATUS_TRANSITION');
  });
});
