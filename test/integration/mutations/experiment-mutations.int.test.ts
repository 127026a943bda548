import { useTestApp } from '../helpers';
import {
  buildExperiment,
  buildMetrics,
  buildOrgTree,
  experimentInput,
  expectRefused,
  mutate,
  transition,
} from '../fixtures/write-fixtures';

const t = useTestApp();
let nodes: Record<string, string>;
let metrics: Record<string, string>;
beforeEach(async () => {
  await t.truncateAll();
  nodes = await buildOrgTree(t);
  metrics = await buildMetrics(t);
});

const twoControls = [
  { key: 'a', name: 'A', isControl: true, plannedWeight: 1 },
  { key: 'b', name: 'B', isControl: true, plannedWeight: 1 },
];

describe('createExperiment', () => {
  it('creates a DRAFT with defaults, normalised tags, variants, metrics and a hypothesis', async () => {
    const created = await buildExperiment(t);
    expect(created).toMatchObject({
      key: 'exp-1',
      status: 'DRAFT',
      kind: 'AB_TEST',
      countsTowardEwl: true,
      alpha: 0.05,
      power: 0.8,
      ownerNodeId: nodes.ranking,
      powerBudgetMode: 'SIMPLE',
      deteriorationAlphaMode: 'PER_TEST',
      analysisMode: 'FIXED_HORIZON',
      randomizationUnit: 'user',
      tags: ['checkout', 'ui'],
      startedAt: null,
      version: 1,
    });
    const variants = await t.dataSource.query(
      'SELECT key, is_control, planned_weight, position FROM variant WHERE experiment_id = $1 ORDER BY position',
      [created.id],
    );
    expect(variants).toEqual([
      { key: 'control', is_control: true, planned_weight: 1, position: 0 },
      { key: 'treatment', is_control: false, planned_weight: 1, position: 1 },
    ]);
    const ems = await t.dataSource.query(
      'SELECT metric_id, role, mde, mde_scale, nim, nim_scale FROM experiment_metric WHERE experiment_id = $1 ORDER BY position',
      [created.id],
    );
    expect(ems).toEqual([
      { metric_id: metrics.conv, role: 'SUCCESS', mde: 0.02, mde_scale: 'RELATIVE', nim: null, nim_scale: null },
      { metric_id: metrics.revenue, role: 'GUARDRAIL', mde: null, mde_scale: null, nim: 0.01, nim_scale: 'RELATIVE' },
      { metric_id: metrics.ctr, role: 'DETERIORATION', mde: null, mde_scale: null, nim: null, nim_scale: null },
    ]);
    const hypotheses = await t.dataSource.query(
      'SELECT statement, rationale, locked_at FROM hypothesis WHERE experiment_id = $1',
      [created.id],
    );
    expect(hypotheses).toEqual([
      { statement: 'A bigger button increases conversion', rationale: 'Heatmaps', locked_at: null },
    ]);
  });

  it('defaults countsTowardEwl to false for a ROLLOUT and keeps external ids', async () => {
    const created = await buildExperiment(t, {
      kind: 'ROLLOUT',
      externalSource: 'growthbook',
      externalId: 'gb-1',
      ownerNodeId: nodes.search,
      ownerNodeKey: null,
    });
    expect(created).toMatchObject({
      kind: 'ROLLOUT',
      countsTowardEwl: false,
      externalSource: 'growthbook',
      externalId: 'gb-1',
      ownerNodeId: nodes.search,
    });
  });

  const v = (extra: Record<string, unknown>) => ({ key: 'b', name: 'B', isControl: false, plannedWeight: 1, ...extra });
  it.each([
    ['two controls', { variants: twoControls }, 'BAD_USER_INPUT', 'TWO_CONTROLS'],
    ['no control', { variants: [v({ key: 'a' }), v({})] }, 'BAD_USER_INPUT', 'NO_CONTROL'],
    ['a single variant', { variants: [v({ isControl: true })] }, 'BAD_USER_INPUT', 'INVALID_VALUE'],
    [
      'a zero weight',
      { variants: [v({ key: 'a', isControl: true }), v({ plannedWeight: 0 })] },
      'BAD_USER_INPUT',
      'INVALID_VALUE',
    ],
    [
      'a negative weight',
      { variants: [v({ key: 'a', isControl: true }), v({ plannedWeight: -1 })] },
      'BAD_USER_INPUT',
      'INVALID_VALUE',
    ],
    ['duplicate variant keys', { variants: [v({ isControl: true }), v({})] }, 'BAD_USER_INPUT', 'DUPLICATE_KEY'],
    [
      'negative units',
      { variants: [v({ key: 'a', isControl: true, units: -5 }), v({})] },
      'BAD_USER_INPUT',
      'INVALID_VALUE',
    ],
    ['alpha of 0.5', { alpha: 0.5 }, 'BAD_USER_INPUT', 'INVALID_VALUE'],
    ['power of 1', { power: 1 }, 'BAD_USER_INPUT', 'INVALID_VALUE'],
    ['an unknown owner key', { ownerNodeKey: 'nope' }, 'NOT_FOUND', 'UNKNOWN_ID'],
    ['no owner', { ownerNodeKey: null }, 'BAD_USER_INPUT', 'INVALID_VALUE'],
    ['an unknown metric key', { metrics: [{ metricKey: 'nope', role: 'SUCCESS' }] }, 'NOT_FOUND', 'UNKNOWN_ID'],
    [
      'an unknown metric id',
      { metrics: [{ metricId: '00000000-0000-4000-8000-000000000000', role: 'SUCCESS' }] },
      'NOT_FOUND',
      'UNKNOWN_ID',
    ],
    ['a malformed metric id', { metrics: [{ metricId: 'x1', role: 'SUCCESS' }] }, 'BAD_USER_INPUT', 'INVALID_VALUE'],
    [
      'a metric twice',
      {
        metrics: [
          { metricKey: 'conv', role: 'SUCCESS' },
          { metricKey: 'conv', role: 'GUARDRAIL' },
        ],
      },
      'BAD_USER_INPUT',
      'DUPLICATE_KEY',
    ],
    [
      'a nim on a SUCCESS metric',
      { metrics: [{ metricKey: 'conv', role: 'SUCCESS', nim: 0.1, nimScale: 'ABSOLUTE' }] },
      'BAD_USER_INPUT',
      'INVALID_VALUE',
    ],
    [
      'an mde without scale',
      { metrics: [{ metricKey: 'conv', role: 'SUCCESS', mde: 0.1 }] },
      'BAD_USER_INPUT',
      'INVALID_VALUE',
    ],
    ['an external id without source', { externalId: 'x' }, 'BAD_USER_INPUT', 'INVALID_VALUE'],
    ['an unknown restartOfId', { restartOfId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', 'UNKNOWN_ID'],
    ['a malformed restartOfId', { restartOfId: 'nope' }, 'BAD_USER_INPUT', 'INVALID_VALUE'],
    ['21 tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'BAD_USER_INPUT', 'INVALID_VALUE'],
    ['an unknown enum value', { kind: 'SPLIT_TEST' }, 'BAD_USER_INPUT', undefined],
  ])('refuses %s and changes nothing', async (_label, overrides, code, reason) => {
    await expectRefused(t, 'mutation-create-experiment', experimentInput(overrides), code, reason);
  });

  it('names the offending variant field in the message', async () => {
    const error = await expectRefused(
      t,
      'mutation-create-experiment',
      experimentInput({ variants: [v({ key: 'a', isControl: true }), v({ plannedWeight: 0 })] }),
      'BAD_USER_INPUT',
    );
    expect(error.message).toContain('input.variants[1].plannedWeight');
    expect(error.extensions?.field).toBe('input.variants[1].plannedWeight');
  });

  it('refuses a duplicate experiment key with CONFLICT DUPLICATE_KEY', async () => {
    await buildExperiment(t);
    await expectRefused(t, 'mutation-create-experiment', experimentInput(), 'CONFLICT', 'DUPLICATE_KEY');
  });

  it('refuses a duplicate external reference with CONFLICT DUPLICATE_KEY', async () => {
    await buildExperiment(t, { externalSource: 'gb', externalId: '1' });
    await expectRefused(
      t,
      'mutation-create-experiment',
      experimentInput({ key: 'exp-2', externalSource: 'gb', externalId: '1' }),
      'CONFLICT',
      'DUPLICATE_KEY',
    );
  });
});

describe('updateExperiment', () => {
  it('updates fields, replaces the variant set by key keeping matched ids, and bumps the version', async () => {
    const created = await buildExperiment(t);
    const [before] = await t.dataSource.query(`SELECT id FROM variant WHERE experiment_id = $1 AND key = 'treatment'`, [
      created.id,
    ]);
    const updated = await mutate(t, 'mutation-update-experiment', {
      id: created.id,
      title: 'New title',
      plannedSampleSize: 10000,
      tags: ['A'],
      variants: [
        { key: 'control', name: 'Control', isControl: true, plannedWeight: 2 },
        { key: 'treatment', name: 'Treatment B', isControl: false, plannedWeight: 1 },
        { key: 'treatment-2', name: 'Treatment C', isControl: false, plannedWeight: 1 },
      ],
      metrics: [{ metricKey: 'conv', role: 'SUCCESS', mde: 0.05, mdeScale: 'ABSOLUTE' }],
    });
    expect(updated).toMatchObject({ title: 'New title', plannedSampleSize: 10000, tags: ['a'], version: 2 });
    const variants = await t.dataSource.query(
      'SELECT id, key, name, planned_weight FROM variant WHERE experiment_id = $1 ORDER BY position',
      [created.id],
    );
    expect(variants.map((r: { key: string }) => r.key)).toEqual(['control', 'treatment', 'treatment-2']);
    expect(variants[1]).toEqual({ id: before.id, key: 'treatment', name: 'Treatment B', planned_weight: 1 });
    const ems = await t.dataSource.query('SELECT metric_id, mde FROM experiment_metric WHERE experiment_id = $1', [
      created.id,
    ]);
    expect(ems).toEqual([{ metric_id: metrics.conv, mde: 0.05 }]);
  });

  it("resets countsTowardEwl to the new kind's default and clears nullable fields with null", async () => {
    const created = await buildExperiment(t, { plannedRuntimeDays: 14 });
    const updated = await mutate(t, 'mutation-update-experiment', {
      id: created.id,
      kind: 'CAMPAIGN',
      plannedRuntimeDays: null,
    });
    expect(updated).toMatchObject({ kind: 'CAMPAIGN', countsTowardEwl: false, plannedRuntimeDays: null });
  });

  it('refuses two controls in the new variant set and changes nothing', async () => {
    const created = await buildExperiment(t);
    await expectRefused(
      t,
      'mutation-update-experiment',
      { id: created.id, variants: twoControls },
      'BAD_USER_INPUT',
      'TWO_CONTROLS',
    );
  });

  it('refuses design changes once STOPPED but accepts descriptive ones', async () => {
    const created = await buildExperiment(t);
    await transition(t, created.id, 'RUNNING', '2025-01-01T00:00:00Z');
    await transition(t, created.id, 'STOPPED', '2025-01-15T00:00:00Z');
    await expectRefused(t, 'mutation-update-experiment', { id: created.id, alpha: 0.1 }, 'CONFLICT', 'DESIGN_LOCKED');
    await expectRefused(t, 'mutation-update-experiment', { id: created.id, metrics: [] }, 'CONFLICT', 'DESIGN_LOCKED');
    const updated = await mutate(t, 'mutation-update-experiment', { id: created.id, title: 'Renamed', alpha: 0.05 });
    expect(updated).toMatchObject({ title: 'Renamed', alpha: 0.05 });
  });

  it('refuses changing the control of a RUNNING experiment', async () => {
    const created = await buildExperiment(t);
    await transition(t, created.id, 'RUNNING', '2025-01-01T00:00:00Z');
    await expectRefused(
      t,
      'mutation-update-experiment',
      {
        id: created.id,
        variants: [
          { key: 'control', name: 'C', isControl: false, plannedWeight: 1 },
          { key: 'treatment', name: 'T', isControl: true, plannedWeight: 1 },
        ],
      },
      'CONFLICT',
      'DESIGN_LOCKED',
    );
  });

  it('refuses a restart chain that loops back to the experiment', async () => {
    const first = await buildExperiment(t);
    const second = await buildExperiment(t, { key: 'exp-2', restartOfId: first.id });
    await expectRefused(
      t,
      'mutation-update-experiment',
      { id: first.id, restartOfId: second.id },
      'BAD_USER_INPUT',
      'RESTART_CYCLE',
    );
  });

  it('refuses an unknown id with NOT_FOUND and a malformed one with BAD_USER_INPUT', async () => {
    await expectRefused(
      t,
      'mutation-update-experiment',
      { id: '00000000-0000-4000-8000-000000000000', title: 'x' },
      'NOT_FOUND',
    );
    await expectRefused(t, 'mutation-update-experiment', { id: 'exp-1', title: 'x' }, 'BAD_USER_INPUT');
  });
});
