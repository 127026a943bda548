import { type GraphQLResult, operation, type TestApp } from '../helpers';

// Import items for the importExperiments and `npm run import` tests, against the catalogue of
// buildOrgTree + buildMetrics (conv BINARY, revenue CONTINUOUS, ctr RATIO, latency CONTINUOUS).

export interface ImportPayload {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  items: Array<{
    index: number;
    source: string | null;
    externalId: string | null;
    outcome: string;
    errors: Array<{ code: string; reason: string | null; field: string | null; message: string }>;
    experiment: {
      id: string;
      key: string;
      title: string;
      status: string;
      externalSource: string;
      externalId: string;
      ewlCategory: string;
    } | null;
  }>;
}

/** A CONCLUDED two-arm experiment with a success metric, a guardrail, results and a SHIP decision. */
export function importItem(externalId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalId,
    title: `Imported ${externalId}`,
    ownerNodeKey: 'ranking',
    tags: ['Imported', 'checkout'],
    hypothesis: { statement: 'A bigger buy button increases conversion', rationale: 'Heatmaps' },
    variants: [
      { key: 'control', name: 'Control', isControl: true, plannedWeight: 1, units: 1000 },
      { key: 'treatment', name: 'Treatment', isControl: false, plannedWeight: 1, units: 1000 },
    ],
    metrics: [
      { metricKey: 'conv', role: 'SUCCESS', mde: 0.02, mdeScale: 'ABSOLUTE' },
      { metricKey: 'revenue', role: 'GUARDRAIL', nim: 0.05, nimScale: 'RELATIVE' },
    ],
    status: 'CONCLUDED',
    startedAt: '2025-01-01T00:00:00.000Z',
    endedAt: '2025-01-15T00:00:00.000Z',
    concludedAt: '2025-01-20T00:00:00.000Z',
    results: [
      { metricKey: 'conv', variantKey: 'control', n: 1000, sum: 100 },
      { metricKey: 'conv', variantKey: 'treatment', n: 1000, sum: 160 },
      { metricKey: 'revenue', variantKey: 'control', n: 1000, sum: 5000, sumSq: 40000 },
      { metricKey: 'revenue', variantKey: 'treatment', n: 1000, sum: 5100, sumSq: 41000 },
    ],
    decisions: [
      {
        kind: 'SHIP',
        shippedVariantKey: 'treatment',
        rationale: 'Conversion up',
        decidedBy: 'Ada',
        decidedAt: '2025-01-21T09:00:00.000Z',
      },
    ],
    ...overrides,
  };
}

export function runImport(
  t: TestApp,
  input: Record<string, unknown>,
): Promise<GraphQLResult<{ importExperiments: ImportPayload }>> {
  return t.exec<{ importExperiments: ImportPayload }>(operation('mutation-import-experiments'), { input });
}

/** Runs an import that must not fail as a whole and returns its payload. */
export async function importPayload(t: TestApp, input: Record<string, unknown>): Promise<ImportPayload> {
  const result = await runImport(t, input);
  if (result.errors?.length) throw new Error(`importExperiments failed: ${JSON.stringify(result.errors)}`);
  return result.data!.importExperiments;
}

/** Row counts of the tables an import writes. */
export async function importedRowCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = [
    'experiment',
    'variant',
    'experiment_metric',
    'hypothesis',
    'metric_result',
    'decision',
    'experiment_classification',
  ];
  const rows: Array<{ t: string; n: number }> = await t.dataSource.query(
    tables.map((name) => `SELECT '${name}' AS t, count(*)::int AS n FROM ${name}`).join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}
