import { operation, useTestApp } from '../helpers';
import {
  buildExperiment,
  buildMetrics,
  buildOrgTree,
  expectRefused,
  mutate,
  transition,
} from '../fixtures/write-fixtures';

// amendExperimentDesign (issue #9 item 11, docs/pre-registration.md): the one way to change a
// started experiment's pre-registered design, recorded with its reason and shown on the experiment.

const t = useTestApp();
beforeEach(async () => {
  await t.truncateAll();
  await buildOrgTree(t);
  await buildMetrics(t);
});

const DETAIL = `query ($id: ID!, $asOf: DateTime) { experiment(id: $id) {
  version alpha plannedSampleSize
  analysis(asOf: $asOf) { category provisionalCategory designAmendedAfterLaunch }
  classification { category }
  designAmendments { id amendedAt status reason changedFields before after principalKind apiKeyName actor }
} }`;

interface Detail {
  version: number;
  alpha: number;
  plannedSampleSize: number | null;
  analysis: { category: string; provisionalCategory: string; designAmendedAfterLaunch: boolean };
  classification: { category: string };
  designAmendments: Array<Record<string, unknown> & { amendedAt: string | Date; reason: string }>;
}

async function detail(id: string, asOf?: string): Promise<Detail> {
  const result = await t.exec<{ experiment: Detail }>(DETAIL, { id, asOf: asOf ?? null });
  expect(result.errors).toBeUndefined();
  return result.data!.experiment;
}

const amend = (input: Record<string, unknown>) => mutate(t, 'mutation-amend-experiment-design', input);

async function running() {
  const e = await buildExperiment(t);
  await transition(t, e.id, 'RUNNING', '2025-01-01T00:00:00Z');
  return e;
}

describe('amendExperimentDesign', () => {
  it('changes the design of a RUNNING experiment and records the reason, the changed parts before and after, and who', async () => {
    const e = await running();
    const before = await detail(e.id);
    expect(before.analysis.designAmendedAfterLaunch).toBe(false);
    expect(before.designAmendments).toEqual([]);
    const amended = await amend({
      experimentId: e.id,
      reason: '  Traffic halved by an outage; planned size lowered  ',
      plannedSampleSize: 5000,
      alpha: 0.05,
      variants: [
        { key: 'control', name: 'Control', isControl: true, plannedWeight: 2 },
        { key: 'treatment', name: 'Treatment', isControl: false, plannedWeight: 1 },
      ],
    });
    expect(amended).toMatchObject({
      status: 'RUNNING',
      plannedSampleSize: 5000,
      alpha: 0.05,
      version: before.version + 1,
    });
    const after = await detail(e.id);
    expect(after.analysis.designAmendedAfterLaunch).toBe(true);
    expect(after.designAmendments).toEqual([
      {
        id: expect.any(String),
        amendedAt: expect.anything(),
        status: 'RUNNING',
        reason: 'Traffic halved by an outage; planned size lowered',
        changedFields: ['plannedSampleSize', 'variants'],
        before: {
          plannedSampleSize: null,
          variants: [
            { key: 'control', isControl: true, plannedWeight: 1 },
            { key: 'treatment', isControl: false, plannedWeight: 1 },
          ],
        },
        after: {
          plannedSampleSize: 5000,
          variants: [
            { key: 'control', isControl: true, plannedWeight: 2 },
            { key: 'treatment', isControl: false, plannedWeight: 1 },
          ],
        },
        principalKind: 'INTERNAL',
        apiKeyName: expect.any(String),
        actor: null,
      },
    ]);
    // As of a time before the amendment, the analysis was on the registered design.
    const earlier = new Date(new Date(after.designAmendments[0]!.amendedAt).getTime() - 1000).toISOString();
    expect((await detail(e.id, earlier)).analysis.designAmendedAfterLaunch).toBe(false);
    const [row] = await t.dataSource.query(
      `SELECT e.design_amended_at, c.design_amended FROM experiment e JOIN experiment_classification c ON c.experiment_id = e.id WHERE e.id = $1`,
      [e.id],
    );
    expect(row.design_amended).toBe(true);
    expect(row.design_amended_at.toISOString()).toBe(new Date(after.designAmendments[0]!.amendedAt).toISOString());
    const audit = await t.dataSource.query(
      `SELECT operation, entity_type, before IS NOT NULL AS has_before FROM audit_log WHERE experiment_id = $1 AND operation = 'amendExperimentDesign'`,
      [e.id],
    );
    expect(audit).toEqual([{ operation: 'amendExperimentDesign', entity_type: 'experiment', has_before: true }]);
  });

  it("lists amendments oldest first and keeps the first amendment's instant on the experiment", async () => {
    const e = await running();
    await amend({ experimentId: e.id, reason: 'first', power: 0.9 });
    await amend({
      experimentId: e.id,
      reason: 'second',
      metrics: [
        { metricKey: 'conv', role: 'SUCCESS', mde: 0.05, mdeScale: 'RELATIVE' },
        { metricKey: 'revenue', role: 'GUARDRAIL', nim: 0.01, nimScale: 'RELATIVE' },
        { metricKey: 'ctr', role: 'DETERIORATION' },
      ],
    });
    const { designAmendments } = await detail(e.id);
    expect(designAmendments.map((a) => [a.reason, a.changedFields])).toEqual([
      ['first', ['power']],
      ['second', ['metrics']],
    ]);
    expect(designAmendments[1]!.before).toEqual({
      metrics: [
        { metricKey: 'conv', role: 'SUCCESS', mde: 0.02, mdeScale: 'RELATIVE', nim: null, nimScale: null },
        { metricKey: 'revenue', role: 'GUARDRAIL', mde: null, mdeScale: null, nim: 0.01, nimScale: 'RELATIVE' },
        { metricKey: 'ctr', role: 'DETERIORATION', mde: null, mdeScale: null, nim: null, nimScale: null },
      ],
    });
    const [row] = await t.dataSource.query('SELECT design_amended_at FROM experiment WHERE id = $1', [e.id]);
    expect(row.design_amended_at.toISOString()).toBe(new Date(designAmendments[0]!.amendedAt).toISOString());
  });

  it('reclassifies a CONCLUDED experiment, which then counts in its new category and in OrgStats.amendedAfterLaunch', async () => {
    const e = await running();
    const n = 20_000;
    await mutate(t, 'mutation-record-results', {
      experimentId: e.id,
      units: [
        { variantKey: 'control', units: n },
        { variantKey: 'treatment', units: n },
      ],
      results: [
        { metricKey: 'conv', variantKey: 'control', n, sum: n / 10 },
        { metricKey: 'conv', variantKey: 'treatment', n, sum: n / 10 },
      ],
    });
    await transition(t, e.id, 'STOPPED');
    await transition(t, e.id, 'CONCLUDED');
    expect((await detail(e.id)).classification.category).toBe('UNDERPOWERED');
    await amend({
      experimentId: e.id,
      reason: 'The 2% MDE was a typo for 50%',
      metrics: [{ metricKey: 'conv', role: 'SUCCESS', mde: 0.5, mdeScale: 'RELATIVE' }],
    });
    const after = await detail(e.id);
    expect(after.classification.category).toBe('POWERED_NEUTRAL');
    expect(after.analysis).toEqual({
      category: 'POWERED_NEUTRAL',
      provisionalCategory: 'POWERED_NEUTRAL',
      designAmendedAfterLaunch: true,
    });
    const stats = await t.exec<{ orgNode: { stats: Record<string, unknown> } }>(
      `{ orgNode(key: "ranking") { stats(scope: OWN) { concluded amendedAfterLaunch counts { poweredNeutral } } } }`,
    );
    expect(stats.data!.orgNode.stats).toEqual({ concluded: 1, amendedAfterLaunch: 1, counts: { poweredNeutral: 1 } });
  });

  it('answers the first response for a repeated idempotency key and records one amendment', async () => {
    const e = await running();
    const run = () =>
      t.exec(operation('mutation-amend-experiment-design'), {
        input: { experimentId: e.id, reason: 'once', power: 0.9 },
        idempotencyKey: 'amend-1',
      });
    const [first, second] = [await run(), await run()];
    expect(first.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect((await detail(e.id)).designAmendments).toHaveLength(1);
  });

  it.each([
    ['a blank reason', { reason: '   ', power: 0.9 }, 'BAD_USER_INPUT', 'INVALID_VALUE', 'input.reason'],
    [
      'a reason over 2000 characters',
      { reason: 'x'.repeat(2001), power: 0.9 },
      'BAD_USER_INPUT',
      'INVALID_VALUE',
      'input.reason',
    ],
    ['no design change', { reason: 'nothing', power: 0.8, alpha: 0.05 }, 'BAD_USER_INPUT', 'INVALID_VALUE', 'input'],
    ['an invalid alpha', { reason: 'r', alpha: 0.7 }, 'BAD_USER_INPUT', 'INVALID_VALUE', 'input.alpha'],
    [
      'a new control',
      {
        reason: 'r',
        variants: [
          { key: 'control', name: 'C', isControl: false, plannedWeight: 1 },
          { key: 'treatment', name: 'T', isControl: true, plannedWeight: 1 },
        ],
      },
      'CONFLICT',
      'EXPERIMENT_NOT_EDITABLE',
      'input.variants',
    ],
    [
      'a stale expectedVersion',
      { reason: 'r', power: 0.9, expectedVersion: 1 },
      'CONFLICT',
      'VERSION_MISMATCH',
      'input.expectedVersion',
    ],
  ])('refuses %s and writes nothing', async (_what, input, code, reason, field) => {
    const e = await running();
    const error = await expectRefused(
      t,
      'mutation-amend-experiment-design',
      { experimentId: e.id, ...input },
      code,
      reason,
    );
    expect(error.extensions?.field).toBe(field);
  });

  it('refuses a DRAFT (DESIGN_NOT_LOCKED, pointing to updateExperiment) and an ARCHIVED experiment', async () => {
    const draft = await buildExperiment(t);
    const error = await expectRefused(
      t,
      'mutation-amend-experiment-design',
      { experimentId: draft.id, reason: 'r', power: 0.9 },
      'CONFLICT',
      'DESIGN_NOT_LOCKED',
    );
    expect(error.message).toContain('updateExperiment');
    const archived = await buildExperiment(t, { key: 'exp-2' });
    for (const to of ['RUNNING', 'STOPPED', 'CONCLUDED', 'ARCHIVED']) await transition(t, archived.id, to);
    await expectRefused(
      t,
      'mutation-amend-experiment-design',
      { experimentId: archived.id, reason: 'r', power: 0.9 },
      'CONFLICT',
      'EXPERIMENT_NOT_EDITABLE',
    );
  });

  it('refuses to remove a metric with results (HAS_RESULTS)', async () => {
    const e = await running();
    await mutate(t, 'mutation-record-results', {
      experimentId: e.id,
      results: [
        { metricKey: 'ctr', variantKey: 'control', n: 100, sum: 10, sumSq: 20, sumX: 100, sumXSq: 120, sumXY: 15 },
        { metricKey: 'ctr', variantKey: 'treatment', n: 100, sum: 10, sumSq: 20, sumX: 100, sumXSq: 120, sumXY: 15 },
      ],
    });
    await expectRefused(
      t,
      'mutation-amend-experiment-design',
      {
        experimentId: e.id,
        reason: 'drop ctr',
        metrics: [{ metricKey: 'conv', role: 'SUCCESS', mde: 0.02, mdeScale: 'RELATIVE' }],
      },
      'CONFLICT',
      'HAS_RESULTS',
    );
  });
});
