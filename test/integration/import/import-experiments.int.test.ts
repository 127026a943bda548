import { loadAnalysisInputs } from '../../../src/db/queries/analysis-input-reads';
import { findClassificationsByExperimentIds } from '../../../src/db/queries/classification-reads';
import { analyseExperiment } from '../../../src/domain/analyse-experiment';
import { importExperiments } from '../../../src/app/import/import-writes';
import { SubtreeGuard } from '../../../src/app/subtree-guard';
import { createWriteContext } from '../../../src/app/write-context';
import { type Principal } from '../../../src/domain/principal';
import { toStoredClassification } from '../../../src/domain/stored-classification';
import { buildMetrics, buildOrgTree } from '../fixtures/write-fixtures';
import { expectError, snapshotDatabase, useTestApp } from '../helpers';
import { importedRowCounts, importItem, importPayload, runImport } from './import-fixtures';

const t = useTestApp();
let nodes: Record<string, string>;
beforeEach(async () => {
  await t.truncateAll();
  nodes = await buildOrgTree(t);
  await buildMetrics(t);
});

const badStatistics = (externalId: string) =>
  importItem(externalId, {
    results: [
      { metricKey: 'conv', variantKey: 'control', n: 1000, sum: 100 },
      { metricKey: 'conv', variantKey: 'treatment', n: 1000, sum: 1200 },
    ],
  });

describe('importExperiments', () => {
  it('returns one result per item in input order, writing the good items and refusing the bad one', async () => {
    const payload = await importPayload(t, {
      source: 'growthbook',
      items: [importItem('a'), badStatistics('b'), importItem('c', { source: 'optimizely' })],
    });
    expect(payload).toMatchObject({ created: 2, updated: 0, unchanged: 0, failed: 1 });
    expect(payload.items.map((i) => [i.index, i.source, i.externalId, i.outcome])).toEqual([
      [0, 'growthbook', 'a', 'CREATED'],
      [1, 'growthbook', 'b', 'FAILED'],
      [2, 'optimizely', 'c', 'CREATED'],
    ]);
    expect(payload.items[0]!.experiment).toMatchObject({
      key: 'growthbook:a',
      title: 'Imported a',
      status: 'CONCLUDED',
      externalSource: 'growthbook',
      externalId: 'a',
      ewlCategory: 'WIN',
    });
    expect(payload.items[2]!.experiment).toMatchObject({ key: 'optimizely:c', externalSource: 'optimizely' });
    expect(payload.items[1]).toMatchObject({
      experiment: null,
      errors: [{ code: 'BAD_USER_INPUT', reason: 'INCONSISTENT_STATISTICS', field: 'items[1].results[1].sum' }],
    });
    expect(payload.items[1]!.errors[0]!.message).toContain('metric "conv", variant "treatment"');
    expect(await importedRowCounts(t)).toEqual({
      experiment: 2,
      variant: 4,
      experiment_metric: 4,
      hypothesis: 2,
      metric_result: 8,
      decision: 2,
      experiment_classification: 2,
    });
  });

  it('leaves no trace of a refused item: no experiment, variant, result, decision or classification of it', async () => {
    await importPayload(t, { source: 'gb', items: [importItem('good-1'), badStatistics('bad'), importItem('good-2')] });
    const [refused] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM experiment WHERE external_id = 'bad' OR key = 'gb:bad'`,
    );
    expect(refused.n).toBe(0);
    const orphans = await t.dataSource.query(`
      SELECT (SELECT count(*) FROM variant v WHERE NOT EXISTS (SELECT 1 FROM experiment e WHERE e.id = v.experiment_id))
           + (SELECT count(*) FROM decision d JOIN experiment e ON e.id = d.experiment_id WHERE e.external_id NOT IN ('good-1', 'good-2'))
           + (SELECT count(*) FROM experiment_classification_history h JOIN experiment e ON e.id = h.experiment_id WHERE e.external_id NOT IN ('good-1', 'good-2')) AS n`);
    expect(Number(orphans[0].n)).toBe(0);
    expect(await importedRowCounts(t)).toMatchObject({ experiment: 2, metric_result: 8, decision: 2 });
  });

  it('finds every item UNCHANGED on a re-import and writes nothing', async () => {
    const input = {
      source: 'gb',
      items: [importItem('a'), importItem('b', { status: 'RUNNING', endedAt: null, concludedAt: null, decisions: [] })],
    };
    await importPayload(t, input);
    const before = await snapshotDatabase(t.dataSource);
    const again = await importPayload(t, input);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: 0 });
    expect(again.items.map((i) => i.outcome)).toEqual(['UNCHANGED', 'UNCHANGED']);
    expect(again.items[0]!.experiment).toMatchObject({ key: 'gb:a' });
    expect(await snapshotDatabase(t.dataSource)).toEqual(before);
  });

  it('updates an existing experiment: fields, status, upserted results and appended decisions, keeping row ids', async () => {
    const first = await importPayload(t, {
      source: 'gb',
      items: [importItem('a', { status: 'RUNNING', endedAt: null, concludedAt: null, decisions: [] })],
    });
    const id = first.items[0]!.experiment!.id;
    const resultIds = await t.dataSource.query(`SELECT id FROM metric_result ORDER BY id`);
    const updated = await importPayload(t, {
      source: 'gb',
      items: [
        importItem('a', {
          title: 'Imported a, renamed',
          results: [
            ...(importItem('a').results as object[]),
            { metricKey: 'conv', variantKey: 'control', period: 'PRE_EXPOSURE', n: 900, sum: 90 },
          ],
        }),
      ],
    });
    expect(updated).toMatchObject({ updated: 1, created: 0 });
    expect(updated.items[0]!.experiment).toMatchObject({
      id,
      title: 'Imported a, renamed',
      status: 'CONCLUDED',
      ewlCategory: 'WIN',
    });
    const [experiment] = await t.dataSource.query(
      `SELECT version, ended_at, concluded_at FROM experiment WHERE id = $1`,
      [id],
    );
    expect(experiment).toMatchObject({
      version: 2,
      ended_at: new Date('2025-01-15T00:00:00.000Z'),
      concluded_at: new Date('2025-01-20T00:00:00.000Z'),
    });
    const after = await t.dataSource.query(`SELECT id FROM metric_result WHERE period = 'EXPOSURE' ORDER BY id`);
    expect(after).toEqual(resultIds);
    expect(await importedRowCounts(t)).toMatchObject({ experiment: 1, metric_result: 5, decision: 1 });
    const history = await t.dataSource.query(
      `SELECT cause, status FROM experiment_classification_history WHERE experiment_id = $1 ORDER BY changed_at, status`,
      [id],
    );
    expect(history.map((h: { cause: string }) => h.cause)).toEqual(['IMPORTED', 'IMPORTED']);
  });

  it('does not append a decision twice, and makes the latest one current on the stored classification', async () => {
    const ship = {
      kind: 'SHIP',
      shippedVariantKey: 'treatment',
      rationale: 'Conversion up',
      decidedBy: 'Ada',
      decidedAt: '2025-01-21T09:00:00.000Z',
    };
    await importPayload(t, { source: 'gb', items: [importItem('a', { decisions: [ship, ship] })] });
    const rethink = { kind: 'ITERATE', decidedBy: 'Grace', decidedAt: '2025-02-01T09:00:00.000Z' };
    const early = { kind: 'RERUN', decidedBy: 'Ada', decidedAt: '2025-01-20T12:00:00.000Z' };
    const payload = await importPayload(t, {
      source: 'gb',
      items: [importItem('a', { decisions: [ship, rethink, early] })],
    });
    expect(payload.items[0]!.outcome).toBe('UPDATED');
    const decisions = await t.dataSource.query(`SELECT kind, decided_by, is_current FROM decision ORDER BY decided_at`);
    expect(decisions).toEqual([
      { kind: 'RERUN', decided_by: 'Ada', is_current: false },
      { kind: 'SHIP', decided_by: 'Ada', is_current: false },
      { kind: 'ITERATE', decided_by: 'Grace', is_current: true },
    ]);
    const [stored] = await t.dataSource.query(`SELECT decision_kind, decided_at FROM experiment_classification`);
    expect(stored).toEqual({ decision_kind: 'ITERATE', decided_at: new Date('2025-02-01T09:00:00.000Z') });
    const again = await importPayload(t, {
      source: 'gb',
      items: [importItem('a', { decisions: [early, rethink, ship] })],
    });
    expect(again.items[0]!.outcome).toBe('UNCHANGED');
    expect(await importedRowCounts(t)).toMatchObject({ decision: 3 });
  });

  it('makes the latest decision of a new experiment current, whatever their order in the item', async () => {
    const later = { kind: 'ABORT', decidedBy: 'Ada', decidedAt: '2025-02-01T00:00:00.000Z' };
    const earlier = { kind: 'ITERATE', decidedBy: 'Ada', decidedAt: '2025-01-21T00:00:00.000Z' };
    const sameInstant = { kind: 'RERUN', decidedBy: 'Grace', decidedAt: '2025-02-01T00:00:00.000Z' };
    await importPayload(t, {
      source: 'gb',
      items: [
        importItem('a', { decisions: [later, earlier] }),
        importItem('b', { decisions: [later, sameInstant, earlier] }),
      ],
    });
    const current = await t.dataSource.query(
      `SELECT e.external_id, d.kind, c.decision_kind FROM decision d JOIN experiment e ON e.id = d.experiment_id
         JOIN experiment_classification c ON c.experiment_id = e.id WHERE d.is_current ORDER BY e.external_id`,
    );
    // Same instant: the one recorded last is current (refreshCurrentDecision orders by decided_at, then seq).
    expect(current).toEqual([
      { external_id: 'a', kind: 'ABORT', decision_kind: 'ABORT' },
      { external_id: 'b', kind: 'RERUN', decision_kind: 'RERUN' },
    ]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM decision WHERE is_current`);
    expect(n).toBe(2);
  });

  it('stores, for every imported experiment, what the pure classifier returns for its inputs', async () => {
    const items = [
      importItem('win'),
      importItem('draft', {
        status: 'DRAFT',
        startedAt: null,
        endedAt: null,
        concludedAt: null,
        results: [],
        decisions: [],
      }),
      importItem('small', {
        results: [
          { metricKey: 'conv', variantKey: 'control', n: 40, sum: 4 },
          { metricKey: 'conv', variantKey: 'treatment', n: 40, sum: 5 },
        ],
        decisions: [{ kind: 'RERUN', decidedBy: 'Ada', decidedAt: '2025-01-22T00:00:00.000Z' }],
      }),
      importItem('rollout', { kind: 'ROLLOUT', status: 'RUNNING', endedAt: null, concludedAt: null, decisions: [] }),
    ];
    const payload = await importPayload(t, { source: 'gb', items });
    const ids = payload.items.map((i) => i.experiment!.id);
    const inputs = await loadAnalysisInputs(t.dataSource.manager, ids);
    const stored = new Map(
      (await findClassificationsByExperimentIds(t.dataSource, ids)).map((r) => [r.experimentId, r]),
    );
    const categories: string[] = [];
    for (const id of ids) {
      const input = inputs.get(id)!;
      const expected = toStoredClassification(input, analyseExperiment(input, { asOf: new Date() }));
      const row = stored.get(id)!;
      categories.push(row.category);
      expect({ id, ...row, validityReasons: [...row.validityReasons] }).toMatchObject({
        id,
        ...expected,
        validityReasons: [...expected.validityReasons],
      });
    }
    expect(categories).toEqual(['WIN', 'PENDING', 'UNDERPOWERED', 'EXCLUDED']);
    const decisionColumns = await t.dataSource.query(
      `SELECT e.external_id, c.decision_kind FROM experiment_classification c JOIN experiment e ON e.id = c.experiment_id ORDER BY e.external_id`,
    );
    expect(decisionColumns).toEqual([
      { external_id: 'draft', decision_kind: null },
      { external_id: 'rollout', decision_kind: null },
      { external_id: 'small', decision_kind: 'RERUN' },
      { external_id: 'win', decision_kind: 'SHIP' },
    ]);
    const causes = await t.dataSource.query(`SELECT DISTINCT cause FROM experiment_classification_history`);
    expect(causes).toEqual([{ cause: 'IMPORTED' }]);
  });

  it('refuses more than 1,000 items as a whole, naming input.items, and writes nothing', async () => {
    const before = await snapshotDatabase(t.dataSource);
    const items = Array.from({ length: 1001 }, (_, i) => ({ externalId: `x-${i}`, title: 'x' }));
    const error = expectError(await runImport(t, { source: 'gb', items }), 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('input.items');
    expect(await snapshotDatabase(t.dataSource)).toEqual(before);
  });

  it.each([
    ['an unknown owner', { ownerNodeKey: 'nope' }, 'NOT_FOUND', 'UNKNOWN_ID', 'items[0].ownerNodeKey'],
    [
      'no owner for a new experiment',
      { ownerNodeKey: undefined },
      'BAD_USER_INPUT',
      'INVALID_VALUE',
      'items[0].ownerNodeId',
    ],
    [
      'an unknown metric',
      { metrics: [{ metricKey: 'nope', role: 'SUCCESS' }] },
      'NOT_FOUND',
      'UNKNOWN_ID',
      'items[0].metrics[0].metricKey',
    ],
    [
      'no variants for a new experiment',
      { variants: undefined },
      'BAD_USER_INPUT',
      'INVALID_VALUE',
      'items[0].variants',
    ],
    [
      'two controls',
      {
        variants: [
          { key: 'a', name: 'A', isControl: true, plannedWeight: 1 },
          { key: 'b', name: 'B', isControl: true, plannedWeight: 1 },
        ],
      },
      'BAD_USER_INPUT',
      'TWO_CONTROLS',
      'items[0].variants',
    ],
    ['a missing end date', { endedAt: null }, 'BAD_USER_INPUT', 'INVALID_VALUE', 'items[0].endedAt'],
    [
      'dates out of order',
      { concludedAt: '2025-01-10T00:00:00.000Z' },
      'BAD_USER_INPUT',
      'INVALID_VALUE',
      'items[0].concludedAt',
    ],
    [
      'a start date on a draft',
      { status: 'DRAFT', endedAt: null, concludedAt: null, results: [], decisions: [] },
      'BAD_USER_INPUT',
      'INVALID_VALUE',
      'items[0].startedAt',
    ],
    [
      'results on a draft',
      { status: 'DRAFT', startedAt: null, endedAt: null, concludedAt: null, decisions: [] },
      'CONFLICT',
      'EXPERIMENT_NOT_EDITABLE',
      'items[0].results',
    ],
    [
      'treatment data without control data',
      { results: [{ metricKey: 'conv', variantKey: 'treatment', n: 10, sum: 1 }] },
      'BAD_USER_INPUT',
      'MISSING_CONTROL_DATA',
      'items[0].results',
    ],
    [
      'a result for a metric the experiment does not use',
      { results: [{ metricKey: 'ctr', variantKey: 'control', n: 1, sum: 1, sumSq: 1, sumX: 1, sumXSq: 1, sumXY: 1 }] },
      'NOT_FOUND',
      'UNKNOWN_ID',
      'items[0].results[0].metricKey',
    ],
    [
      'the same result twice',
      {
        results: [
          { metricKey: 'conv', variantKey: 'control', n: 5, sum: 1 },
          { metricKey: 'conv', variantKey: 'control', n: 5, sum: 2 },
        ],
      },
      'BAD_USER_INPUT',
      'DUPLICATE_KEY',
      'items[0].results[1]',
    ],
    [
      'a decision in the future',
      { decisions: [{ kind: 'SHIP', decidedBy: 'Ada', decidedAt: '2099-01-01T00:00:00.000Z' }] },
      'BAD_USER_INPUT',
      'INVALID_VALUE',
      'items[0].decisions[0].decidedAt',
    ],
    [
      'a shipped variant on an ABORT',
      {
        decisions: [
          { kind: 'ABORT', shippedVariantKey: 'treatment', decidedBy: 'Ada', decidedAt: '2025-01-21T00:00:00.000Z' },
        ],
      },
      'BAD_USER_INPUT',
      'INVALID_VALUE',
      'items[0].decisions[0].shippedVariantKey',
    ],
    [
      'an unknown shipped variant',
      {
        decisions: [
          { kind: 'SHIP', shippedVariantKey: 'nope', decidedBy: 'Ada', decidedAt: '2025-01-21T00:00:00.000Z' },
        ],
      },
      'NOT_FOUND',
      'UNKNOWN_ID',
      'items[0].decisions[0].shippedVariantKey',
    ],
    ['a key that is not a key', { key: 'no spaces please' }, 'BAD_USER_INPUT', 'INVALID_VALUE', 'items[0].key'],
  ])(
    'fails an item with %s, naming the field, and writes nothing of it',
    async (_name, overrides, code, reason, field) => {
      const payload = await importPayload(t, {
        source: 'gb',
        items: [importItem('bad', overrides), importItem('good')],
      });
      expect(payload.items.map((i) => i.outcome)).toEqual(['FAILED', 'CREATED']);
      expect(payload.items[0]!.errors[0]).toMatchObject({ code, reason, field });
      expect(await importedRowCounts(t)).toMatchObject({ experiment: 1, experiment_classification: 1 });
    },
  );

  it('refuses moving an imported experiment back, changing a stored date, and a key another experiment holds', async () => {
    await importPayload(t, { source: 'gb', items: [importItem('a')] });
    const payload = await importPayload(t, {
      source: 'gb',
      items: [
        importItem('a', { status: 'RUNNING', endedAt: null, concludedAt: null }),
        importItem('a2', { key: 'gb:a' }),
      ],
    });
    expect(payload.items.map((i) => [i.outcome, i.errors[0]?.reason, i.errors[0]?.field])).toEqual([
      ['FAILED', 'INVALID_STATUS_TRANSITION', 'items[0].status'],
      ['FAILED', 'DUPLICATE_KEY', 'items[1].key'],
    ]);
    const moved = await importPayload(t, {
      source: 'gb',
      items: [importItem('a', { startedAt: '2025-01-02T00:00:00.000Z' })],
    });
    expect(moved.items[0]!.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items[0].startedAt' });
  });

  it('refuses the same source and externalId twice in one call', async () => {
    const payload = await importPayload(t, {
      source: 'gb',
      items: [importItem('a'), importItem('a', { title: 'Again' })],
    });
    expect(payload.items.map((i) => [i.outcome, i.errors[0]?.reason])).toEqual([
      ['CREATED', undefined],
      ['FAILED', 'DUPLICATE_KEY'],
    ]);
  });

  it('refuses design changes once the experiment is concluded, but accepts late result corrections', async () => {
    await importPayload(t, { source: 'gb', items: [importItem('a')] });
    const payload = await importPayload(t, {
      source: 'gb',
      items: [importItem('a', { alpha: 0.01 })],
    });
    expect(payload.items[0]).toMatchObject({
      outcome: 'FAILED',
      errors: [{ code: 'CONFLICT', reason: 'DESIGN_LOCKED', field: 'items[0].alpha' }],
    });
    const corrected = importItem('a');
    (corrected.results as Array<Record<string, unknown>>)[1] = {
      metricKey: 'conv',
      variantKey: 'treatment',
      n: 1000,
      sum: 158,
    };
    const late = await importPayload(t, { source: 'gb', items: [corrected] });
    expect(late.items[0]!.outcome).toBe('UPDATED');
    expect(await t.dataSource.query(`SELECT sum FROM metric_result WHERE sum = 158`)).toHaveLength(1);
  });

  it('limits an API key with an org node to its subtree: owners outside are FORBIDDEN, experiments owned outside are not written', async () => {
    await importPayload(t, { source: 'gb', items: [importItem('outside')] });
    const principal: Principal = {
      kind: 'API_KEY',
      keyId: '00000000-0000-4000-8000-000000000001',
      name: 'growth importer',
      prefix: 'ewl_0123456789abcdef',
      scopes: ['write:catalogue'],
      orgNodeId: nodes.growth!,
    };
    const limited = { now: new Date(), principal, actor: null };
    const outcome = await t.dataSource.transaction((m) =>
      importExperiments(createWriteContext(m, limited, SubtreeGuard.for('importExperiments', principal)), {
        source: 'gb',
        items: [
          importItem('inside', { ownerNodeKey: 'onboarding' }),
          importItem('elsewhere', { ownerNodeKey: 'ranking' }),
          importItem('outside', { title: 'Changed' }),
        ],
      }),
    );
    expect(outcome.items.map((i) => [i.outcome, i.errors[0]?.code, i.errors[0]?.reason, i.errors[0]?.field])).toEqual([
      ['CREATED', undefined, undefined, undefined],
      ['FAILED', 'FORBIDDEN', 'OUTSIDE_KEY_SUBTREE', 'items[1].ownerNodeKey'],
      ['FAILED', 'CONFLICT', 'DUPLICATE_KEY', 'items[2].externalId'],
    ]);
    expect(await t.dataSource.query(`SELECT title FROM experiment WHERE external_id = 'outside'`)).toEqual([
      { title: 'Imported outside' },
    ]);
  });

  it('isolates an item that only the database refuses: the others of the batch are written', async () => {
    await t.dataSource.query(`ALTER TABLE experiment ADD CONSTRAINT test_import_no_boom CHECK (title <> 'Boom')`);
    try {
      const payload = await importPayload(t, {
        source: 'gb',
        items: [importItem('a'), importItem('boom', { title: 'Boom' }), importItem('c')],
      });
      expect(payload.items.map((i) => i.outcome)).toEqual(['CREATED', 'FAILED', 'CREATED']);
      expect(payload.items[1]!.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CONSTRAINT_VIOLATION' });
      expect(await importedRowCounts(t)).toMatchObject({
        experiment: 2,
        variant: 4,
        metric_result: 8,
        decision: 2,
        experiment_classification: 2,
      });
    } finally {
      await t.dataSource.query(`ALTER TABLE experiment DROP CONSTRAINT test_import_no_boom`);
    }
  });
});
