import { useTestApp } from '../helpers';
import { buildExperiment, buildRunningExperiment, expectRefused, mutate } from '../fixtures/write-fixtures';

const t = useTestApp();
let experimentId: string;
beforeEach(async () => {
  await t.truncateAll();
  experimentId = (await buildRunningExperiment(t)).experiment.id;
});

const goodResults = () => [
  { metricKey: 'conv', variantKey: 'control', n: 1000, sum: 100 },
  { metricKey: 'conv', variantKey: 'treatment', n: 1000, sum: 120 },
  { metricKey: 'revenue', variantKey: 'control', n: 1000, sum: 5000, sumSq: 40000 },
  { metricKey: 'ctr', variantKey: 'treatment', n: 1000, sum: 300, sumSq: 500, sumX: 2000, sumXSq: 6000, sumXY: 700 },
];

interface Payload {
  variants: { key: string; units: number | null }[];
  metricResults: { id: string; n: number; sum: number; sumSq: number | null }[];
  externalResults: { estimateAbs: number }[];
}

describe('recordResults', () => {
  it('writes unit counts, results and external results in one call', async () => {
    const payload = await mutate<Payload>(t, 'mutation-record-results', {
      experimentId,
      units: [
        { variantKey: 'control', units: 1000, multiExposedUnits: 3 },
        { variantKey: 'treatment', units: 1010 },
      ],
      results: goodResults(),
      externalResults: [
        {
          metricKey: 'conv',
          variantKey: 'treatment',
          controlMean: 0.1,
          estimateAbs: 0.02,
          stdErr: 0.01,
          superior: true,
        },
      ],
    });
    expect(payload.variants).toEqual([
      expect.objectContaining({ key: 'control', units: 1000, multiExposedUnits: 3 }),
      expect.objectContaining({ key: 'treatment', units: 1010, multiExposedUnits: null }),
    ]);
    expect(payload.metricResults.map((r) => [r.n, r.sum, r.sumSq])).toEqual([
      [1000, 100, 100],
      [1000, 120, 120],
      [1000, 5000, 40000],
      [1000, 300, 500],
    ]);
    expect(payload.externalResults).toEqual([
      expect.objectContaining({ estimateAbs: 0.02, stdErr: 0.01, superior: true, nonInferior: null }),
    ]);
    const rows = await t.dataSource.query(
      `SELECT m.key AS metric, v.key AS variant, r.period, r.metric_type, r.n::int AS n, r.sum, r.sum_x FROM metric_result r
         JOIN experiment_metric em ON em.id = r.experiment_metric_id JOIN metric m ON m.id = em.metric_id JOIN variant v ON v.id = r.variant_id ORDER BY 1, 2`,
    );
    expect(rows).toEqual([
      { metric: 'conv', variant: 'control', period: 'EXPOSURE', metric_type: 'BINARY', n: 1000, sum: 100, sum_x: null },
      {
        metric: 'conv',
        variant: 'treatment',
        period: 'EXPOSURE',
        metric_type: 'BINARY',
        n: 1000,
        sum: 120,
        sum_x: null,
      },
      { metric: 'ctr', variant: 'treatment', period: 'EXPOSURE', metric_type: 'RATIO', n: 1000, sum: 300, sum_x: 2000 },
      {
        metric: 'revenue',
        variant: 'control',
        period: 'EXPOSURE',
        metric_type: 'CONTINUOUS',
        n: 1000,
        sum: 5000,
        sum_x: null,
      },
    ]);
  });

  it('upserts: a second call replaces the stored row, keeping its id', async () => {
    const first = await mutate<Payload>(t, 'mutation-record-results', {
      experimentId,
      results: [{ metricKey: 'conv', variantKey: 'control', n: 10, sum: 1 }],
    });
    const second = await mutate<Payload>(t, 'mutation-record-results', {
      experimentId,
      results: [
        { metricKey: 'conv', variantKey: 'control', n: 20, sum: 5 },
        { metricKey: 'conv', variantKey: 'control', period: 'PRE_EXPOSURE', n: 20, sum: 4 },
      ],
    });
    expect(second.metricResults[0]!.id).toBe(first.metricResults[0]!.id);
    expect(await t.dataSource.query('SELECT period, n::int AS n, sum FROM metric_result ORDER BY period')).toEqual([
      { period: 'EXPOSURE', n: 20, sum: 5 },
      { period: 'PRE_EXPOSURE', n: 20, sum: 4 },
    ]);
  });

  it('accepts variants and metrics by id', async () => {
    const [variant] = await t.dataSource.query(`SELECT id FROM variant WHERE key = 'treatment'`);
    const [control] = await t.dataSource.query(`SELECT id FROM variant WHERE key = 'control'`);
    const [metric] = await t.dataSource.query(`SELECT id FROM metric WHERE key = 'conv'`);
    const results = [
      { metricId: metric.id, variantId: control.id, n: 5, sum: 4 },
      { metricId: metric.id, variantId: variant.id, n: 5, sum: 5 },
    ];
    const payload = await mutate<Payload>(t, 'mutation-record-results', { experimentId, results });
    expect(payload.metricResults).toHaveLength(2);
  });

  it('refuses treatment results for a success metric without control data, naming the metric and variant', async () => {
    const error = await expectRefused(
      t,
      'mutation-record-results',
      { experimentId, results: [goodResults()[1]] },
      'BAD_USER_INPUT',
      'MISSING_CONTROL_DATA',
    );
    expect(error.message).toContain('"conv"');
    expect(error.message).toContain('"treatment"');
  });

  it('accepts the control results of a success metric first and its treatment results in a later call', async () => {
    await mutate(t, 'mutation-record-results', { experimentId, results: [goodResults()[0]] });
    const payload = await mutate<Payload>(t, 'mutation-record-results', { experimentId, results: [goodResults()[1]] });
    expect(payload.metricResults).toHaveLength(1);
  });

  const item = (overrides: Record<string, unknown>, index = 0) => {
    const results = goodResults();
    results[index] = { ...results[index]!, ...overrides } as (typeof results)[number];
    return { experimentId, results };
  };
  it.each([
    ['a negative n', () => item({ n: -1 }), 'BAD_USER_INPUT', 'input.results[0].n'],
    ['a sum above n', () => item({ sum: 1001 }, 1), 'BAD_USER_INPUT', 'input.results[1].sum'],
    ['a fractional binary sum', () => item({ sum: 10.5 }), 'BAD_USER_INPUT', 'input.results[0].sum'],
    ['a negative binary sum', () => item({ sum: -1 }), 'BAD_USER_INPUT', 'input.results[0].sum'],
    ['a negative variance', () => item({ sumSq: 10 }, 2), 'BAD_USER_INPUT', 'input.results[2].sumSq'],
    ['a continuous result without sumSq', () => item({ sumSq: null }, 2), 'BAD_USER_INPUT', 'input.results[2].sumSq'],
    ['ratio sums on a binary metric', () => item({ sumX: 3 }), 'BAD_USER_INPUT', 'input.results[0].sumX'],
    ['a ratio without sumXY', () => item({ sumXY: null }, 3), 'BAD_USER_INPUT', 'input.results[3].sumXY'],
    [
      'a ratio with a negative X variance',
      () => item({ sumXSq: 1000 }, 3),
      'BAD_USER_INPUT',
      'input.results[3].sumXSq',
    ],
    ['an unknown variant key', () => item({ variantKey: 'nope' }, 3), 'NOT_FOUND', 'input.results[3].variantKey'],
    ['an unknown metric key', () => item({ metricKey: 'nope' }), 'NOT_FOUND', 'input.results[0].metricKey'],
    [
      'a catalogue metric the experiment does not use',
      () => item({ metricKey: 'latency' }),
      'NOT_FOUND',
      'input.results[0].metricKey',
    ],
    [
      'an unknown variant id',
      () => item({ variantKey: null, variantId: '00000000-0000-4000-8000-000000000000' }),
      'NOT_FOUND',
      'input.results[0].variantId',
    ],
    [
      'a malformed variant id',
      () => item({ variantKey: null, variantId: 'v1' }),
      'BAD_USER_INPUT',
      'input.results[0].variantId',
    ],
    [
      'the same item twice',
      () => ({ experimentId, results: [goodResults()[0], goodResults()[0]] }),
      'BAD_USER_INPUT',
      'input.results[1]',
    ],
    [
      'negative units',
      () => ({ experimentId, units: [{ variantKey: 'control', units: -3 }] }),
      'BAD_USER_INPUT',
      'input.units[0].units',
    ],
    [
      'multi-exposed above units',
      () => ({ experimentId, units: [{ variantKey: 'control', units: 3, multiExposedUnits: 4 }] }),
      'BAD_USER_INPUT',
      'input.units[0].multiExposedUnits',
    ],
    [
      'an external result for the control',
      () => ({ experimentId, externalResults: [{ metricKey: 'conv', variantKey: 'control', estimateAbs: 1 }] }),
      'BAD_USER_INPUT',
      'input.externalResults[0].variantKey',
    ],
    [
      'a zero standard error',
      () => ({
        experimentId,
        externalResults: [{ metricKey: 'conv', variantKey: 'treatment', estimateAbs: 1, stdErr: 0 }],
      }),
      'BAD_USER_INPUT',
      'input.externalResults[0].stdErr',
    ],
  ])('refuses %s, naming the field, and changes nothing', async (_label, input, code, field) => {
    const error = await expectRefused(t, 'mutation-record-results', input() as Record<string, unknown>, code);
    expect(error.extensions?.field).toBe(field);
    expect(error.message).toContain(field);
  });

  it('names the metric and variant keys of a bad item', async () => {
    const error = await expectRefused(
      t,
      'mutation-record-results',
      item({ sum: 1001 }, 1),
      'BAD_USER_INPUT',
      'INCONSISTENT_STATISTICS',
    );
    expect(error.message).toContain('metric "conv", variant "treatment"');
  });

  it('refuses a non-integer n as a GraphQL input error', async () => {
    await expectRefused(t, 'mutation-record-results', item({ n: 10.5 }), 'BAD_USER_INPUT');
  });

  it('refuses an unknown experiment with NOT_FOUND', async () => {
    await expectRefused(
      t,
      'mutation-record-results',
      { ...item({}), experimentId: '00000000-0000-4000-8000-000000000000' },
      'NOT_FOUND',
    );
    await expectRefused(t, 'mutation-record-results', { experimentKey: 'nope', results: [] }, 'NOT_FOUND');
  });

  it('refuses results for a DRAFT experiment with EXPERIMENT_NOT_EDITABLE', async () => {
    const draft = await buildExperiment(t, { key: 'draft-1' });
    await expectRefused(
      t,
      'mutation-record-results',
      { experimentId: draft.id, results: goodResults() },
      'CONFLICT',
      'EXPERIMENT_NOT_EDITABLE',
    );
  });
});

// Started experiments change their design only by amendment (design-lock.ts); results still pin their variants and metrics.
describe('amendExperimentDesign with recorded results', () => {
  it('refuses removing a variant that has results', async () => {
    await mutate(t, 'mutation-record-results', { experimentId, results: goodResults() });
    const variants = [
      { key: 'control', name: 'C', isControl: true, plannedWeight: 1 },
      { key: 'new', name: 'N', isControl: false, plannedWeight: 1 },
    ];
    await expectRefused(t, 'mutation-update-experiment', { id: experimentId, variants }, 'CONFLICT', 'DESIGN_LOCKED');
    await expectRefused(
      t,
      'mutation-amend-experiment-design',
      { experimentId, reason: 'swap the treatment', variants },
      'CONFLICT',
      'HAS_RESULTS',
    );
  });

  it('refuses removing a metric that has results', async () => {
    await mutate(t, 'mutation-record-results', { experimentId, results: goodResults() });
    await expectRefused(
      t,
      'mutation-amend-experiment-design',
      {
        experimentId,
        reason: 'fewer metrics',
        metrics: [{ metricKey: 'conv', role: 'SUCCESS' }],
      },
      'CONFLICT',
      'HAS_RESULTS',
    );
  });
});

describe('updateMetric with recorded results', () => {
  it('refuses a type change once results exist, with METRIC_IN_USE', async () => {
    await mutate(t, 'mutation-record-results', { experimentId, results: goodResults() });
    const [metric] = await t.dataSource.query(`SELECT id FROM metric WHERE key = 'conv'`);
    await expectRefused(
      t,
      'mutation-update-metric',
      { id: metric.id, type: 'CONTINUOUS' },
      'CONFLICT',
      'METRIC_IN_USE',
    );
  });
});
