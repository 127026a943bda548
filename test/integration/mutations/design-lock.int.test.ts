import { useTestApp } from '../helpers';
import {
  buildExperiment,
  buildMetrics,
  buildOrgTree,
  expectRefused,
  mutate,
  transition,
} from '../fixtures/write-fixtures';
import { importPayload, importItem } from '../import/import-fixtures';

// Pre-registration lock (issue #9 item 11): a started experiment's statistical design is frozen on
// every write path but amendExperimentDesign.

const t = useTestApp();
let metrics: Record<string, string>;
beforeEach(async () => {
  await t.truncateAll();
  await buildOrgTree(t);
  metrics = await buildMetrics(t);
});

const variants = (controlWeight: number) => [
  { key: 'control', name: 'Control', isControl: true, plannedWeight: controlWeight },
  { key: 'treatment', name: 'Treatment', isControl: false, plannedWeight: 1 },
];
const metricSet = (mde: number) => [
  { metricKey: 'conv', role: 'SUCCESS', mde, mdeScale: 'RELATIVE' },
  { metricKey: 'revenue', role: 'GUARDRAIL', nim: 0.01, nimScale: 'RELATIVE' },
  { metricKey: 'ctr', role: 'DETERIORATION' },
];

async function started(status: 'RUNNING' | 'STOPPED' | 'CONCLUDED') {
  const e = await buildExperiment(t);
  await transition(t, e.id, 'RUNNING', '2025-01-01T00:00:00Z');
  if (status !== 'RUNNING') await transition(t, e.id, 'STOPPED', '2025-01-15T00:00:00Z');
  if (status === 'CONCLUDED') await transition(t, e.id, 'CONCLUDED', '2025-01-20T00:00:00Z');
  return e;
}

describe('updateExperiment on a started experiment', () => {
  it.each([
    ['alpha', { alpha: 0.1 }, 'input.alpha'],
    ['power', { power: 0.9 }, 'input.power'],
    ['the power budget mode', { powerBudgetMode: 'STRICT' }, 'input.powerBudgetMode'],
    ['the deterioration alpha mode', { deteriorationAlphaMode: 'BONFERRONI' }, 'input.deteriorationAlphaMode'],
    ['the planned sample size', { plannedSampleSize: 5000 }, 'input.plannedSampleSize'],
    ['a planned weight', { variants: variants(2) }, 'input.variants[0].plannedWeight'],
    [
      'the control',
      {
        variants: [
          { ...variants(1)[0]!, isControl: false },
          { ...variants(1)[1]!, isControl: true },
        ],
      },
      'input.variants[0].isControl',
    ],
    [
      'a new arm',
      { variants: [...variants(1), { key: 'b', name: 'B', isControl: false, plannedWeight: 1 }] },
      'input.variants[2].key',
    ],
    ['an MDE', { metrics: metricSet(0.05) }, 'input.metrics[0].mde'],
    [
      'an MDE scale',
      { metrics: [{ ...metricSet(0.02)[0], mdeScale: 'ABSOLUTE' }, ...metricSet(0.02).slice(1)] },
      'input.metrics[0].mdeScale',
    ],
    [
      'a NIM',
      { metrics: [metricSet(0.02)[0], { ...metricSet(0.02)[1], nim: 0.05 }, metricSet(0.02)[2]] },
      'input.metrics[1].nim',
    ],
    [
      'a role',
      { metrics: [metricSet(0.02)[0], { metricKey: 'revenue', role: 'DETERIORATION' }, metricSet(0.02)[2]] },
      'input.metrics[1].role',
    ],
    ['a removed metric', { metrics: metricSet(0.02).slice(0, 2) }, 'input.metrics'],
    [
      'an added metric',
      { metrics: [...metricSet(0.02), { metricKey: 'latency', role: 'DETERIORATION' }] },
      'input.metrics[3]',
    ],
  ])(
    'refuses a change of %s with CONFLICT DESIGN_LOCKED naming the field, and writes nothing',
    async (_what, change, field) => {
      const e = await started('RUNNING');
      const error = await expectRefused(
        t,
        'mutation-update-experiment',
        { id: e.id, ...change },
        'CONFLICT',
        'DESIGN_LOCKED',
      );
      expect(error.extensions?.field).toBe(field);
      expect(error.message).toContain('amendExperimentDesign');
    },
  );

  it.each(['STOPPED', 'CONCLUDED'] as const)(
    'refuses design changes of a %s experiment with DESIGN_LOCKED too',
    async (status) => {
      const e = await started(status);
      await expectRefused(t, 'mutation-update-experiment', { id: e.id, power: 0.9 }, 'CONFLICT', 'DESIGN_LOCKED');
    },
  );

  it('accepts resent design values, descriptive changes, variant renames and unit counts', async () => {
    const e = await started('RUNNING');
    const updated = await mutate(t, 'mutation-update-experiment', {
      id: e.id,
      title: 'Renamed',
      alpha: 0.05,
      power: 0.8,
      metrics: metricSet(0.02),
      variants: [
        { ...variants(1)[0], name: 'Baseline', units: 1000 },
        { ...variants(1)[1], units: 1010 },
      ],
    });
    expect(updated).toMatchObject({ title: 'Renamed', alpha: 0.05, power: 0.8 });
    const rows = await t.dataSource.query(
      'SELECT name, units::int AS units FROM variant WHERE experiment_id = $1 ORDER BY position',
      [e.id],
    );
    expect(rows).toEqual([
      { name: 'Baseline', units: 1000 },
      { name: 'Treatment', units: 1010 },
    ]);
  });

  it('lets a DRAFT change its whole design', async () => {
    const e = await buildExperiment(t);
    const updated = await mutate(t, 'mutation-update-experiment', {
      id: e.id,
      alpha: 0.1,
      variants: variants(2),
      metrics: metricSet(0.05),
    });
    expect(updated).toMatchObject({ alpha: 0.1 });
  });
});

describe('updateMetric of a metric a started experiment uses', () => {
  it.each([
    ['type', { type: 'CONTINUOUS' }, 'input.type'],
    ['preferred direction', { preferredDirection: 'DECREASE' }, 'input.preferredDirection'],
  ])('refuses a change of its %s with CONFLICT DESIGN_LOCKED naming the experiment', async (_what, change, field) => {
    await started('RUNNING');
    const error = await expectRefused(
      t,
      'mutation-update-metric',
      { id: metrics.conv, ...change },
      'CONFLICT',
      'DESIGN_LOCKED',
    );
    expect(error.extensions?.field).toBe(field);
    expect(error.message).toContain('exp-1');
  });

  it('accepts a rename, and type and direction changes while only DRAFTs use it', async () => {
    await started('RUNNING');
    expect(await mutate(t, 'mutation-update-metric', { id: metrics.conv, name: 'Orders' })).toMatchObject({
      name: 'Orders',
    });
    await buildExperiment(t, { key: 'exp-2', metrics: [{ metricKey: 'latency', role: 'DETERIORATION' }] });
    expect(
      await mutate(t, 'mutation-update-metric', {
        id: metrics.latency,
        preferredDirection: 'INCREASE',
        type: 'BINARY',
      }),
    ).toMatchObject({ preferredDirection: 'INCREASE', type: 'BINARY' });
  });
});

describe('importExperiments on a started experiment', () => {
  it('refuses a design change with DESIGN_LOCKED naming the item field, and accepts the unchanged item', async () => {
    await importPayload(t, { source: 'gb', items: [importItem('a')] });
    const changed = importItem('a');
    (changed.variants as Array<Record<string, unknown>>)[0]!.plannedWeight = 3;
    const refused = await importPayload(t, { source: 'gb', items: [changed] });
    expect(refused.items[0]).toMatchObject({
      outcome: 'FAILED',
      errors: [{ code: 'CONFLICT', reason: 'DESIGN_LOCKED', field: 'items[0].variants[0].plannedWeight' }],
    });
    const power = await importPayload(t, { source: 'gb', items: [importItem('a', { power: 0.9 })] });
    expect(power.items[0]).toMatchObject({
      outcome: 'FAILED',
      errors: [{ code: 'CONFLICT', reason: 'DESIGN_LOCKED', field: 'items[0].power' }],
    });
    const same = await importPayload(t, { source: 'gb', items: [importItem('a')] });
    expect(same.items[0]!.outcome).not.toBe('FAILED');
  });
});
