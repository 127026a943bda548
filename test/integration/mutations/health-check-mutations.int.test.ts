import { useTestApp } from '../helpers';
import { buildRunningExperiment, expectRefused, mutate } from '../fixtures/write-fixtures';

const t = useTestApp();
let experimentId: string;
beforeEach(async () => {
  await t.truncateAll();
  experimentId = (await buildRunningExperiment(t)).experiment.id;
});

type Check = Record<string, unknown>;

describe('recordHealthChecks', () => {
  it('stores reported checks with type-dependent default severities', async () => {
    const checks = await mutate<Check[]>(t, 'mutation-record-health-checks', {
      experimentId,
      checks: [
        { type: 'SRM', status: 'FAIL', pValue: 0.0001, reporter: 'growthbook' },
        { type: 'CUSTOM', name: 'bot-traffic', status: 'WARN', observed: 0.03, threshold: 0.01, details: 'bots' },
      ],
    });
    expect(checks).toEqual([
      expect.objectContaining({
        type: 'SRM',
        name: '',
        source: 'REPORTED',
        severity: 'BLOCKING',
        status: 'FAIL',
        pValue: 0.0001,
        reporter: 'growthbook',
      }),
      expect.objectContaining({
        type: 'CUSTOM',
        name: 'bot-traffic',
        severity: 'WARNING',
        observed: 0.03,
        threshold: 0.01,
        details: 'bots',
      }),
    ]);
  });

  it('upserts by type and name', async () => {
    await mutate(t, 'mutation-record-health-checks', { experimentId, checks: [{ type: 'SRM', status: 'FAIL' }] });
    await mutate(t, 'mutation-record-health-checks', {
      experimentId,
      checks: [{ type: 'SRM', status: 'PASS', pValue: 0.4 }],
    });
    expect(await t.dataSource.query('SELECT type, status, p_value FROM health_check')).toEqual([
      { type: 'SRM', status: 'PASS', p_value: 0.4 },
    ]);
  });

  it.each([
    ['a p-value above 1', [{ type: 'SRM', status: 'FAIL', pValue: 1.5 }], 'BAD_USER_INPUT'],
    ['an SRM check downgraded to WARNING', [{ type: 'SRM', status: 'FAIL', severity: 'WARNING' }], 'BAD_USER_INPUT'],
    [
      'the same check twice',
      [
        { type: 'CUSTOM', name: 'a', status: 'PASS' },
        { type: 'CUSTOM', name: 'a', status: 'FAIL' },
      ],
      'BAD_USER_INPUT',
    ],
    ['an unknown status', [{ type: 'SRM', status: 'BROKEN' }], 'BAD_USER_INPUT'],
  ])('refuses %s and changes nothing', async (_label, checks, code) => {
    await expectRefused(t, 'mutation-record-health-checks', { experimentId, checks }, code);
  });

  it('refuses an unknown experiment with NOT_FOUND', async () => {
    await expectRefused(t, 'mutation-record-health-checks', { experimentKey: 'nope', checks: [] }, 'NOT_FOUND');
  });
});
