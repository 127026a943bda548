import { expectError, type GraphQLResult, operation, snapshotDatabase, useTestApp } from '../helpers';
import { createKey } from '../fixtures/auth-fixtures';
import { buildRunningExperiment, experimentInput } from '../fixtures/write-fixtures';
import { importItem } from '../import/import-fixtures';

// Hostile values in every mutation field, of the kinds PostgreSQL would refuse or that overflow:
// dates outside 0001-9999 or off the calendar, integers past 32 bits, non-finite floats, NUL in
// text. Each must be BAD_USER_INPUT naming the field, never INTERNAL_SERVER_ERROR (exec and post
// fail on that), and leave the database as it was.

const t = useTestApp();

// The reason is checked where one reason is certain; a NUL character may be reported as either.
const BAD_DATES: ReadonlyArray<[string, string, string | undefined]> = [
  ['year 0000', '0000-06-01T00:00:00Z', 'DATE_OUT_OF_RANGE'],
  ['a negative year', '-000001-06-01T00:00:00Z', 'DATE_OUT_OF_RANGE'],
  ['year 10000', '+010000-01-01T00:00:00Z', 'DATE_OUT_OF_RANGE'],
  ['year 0000 through the offset', '0001-01-01T00:00:00+01:00', 'DATE_OUT_OF_RANGE'],
  ['30 February', '2025-02-30T00:00:00Z', 'INVALID_VALUE'],
  ['hour 25', '2025-02-01T25:00:00Z', 'INVALID_VALUE'],
  ['no time zone', '2025-02-01T10:00:00', 'INVALID_VALUE'],
  ['a NUL character', '2025-02-01T10:00:00Z\u0000', undefined],
];

let experimentId: string;

/** Input tables are built before the experiment exists: "EXP" stands for its id. */
const withExperiment = (input: Record<string, unknown>): Record<string, unknown> =>
  JSON.parse(JSON.stringify(input).replaceAll('"EXP"', JSON.stringify(experimentId)));

/** Runs `query` with `variables` and asserts BAD_USER_INPUT naming `field` with nothing written. */
async function expectRefusedInput(query: string, variables: Record<string, unknown>, field: string, reason?: string) {
  const before = await snapshotDatabase(t.dataSource);
  const result = await t.exec(query, variables);
  const error = expectError(result, 'BAD_USER_INPUT', reason);
  expect(error.extensions?.field).toBe(field);
  expect(await snapshotDatabase(t.dataSource)).toEqual(before);
  return error;
}

const TRANSITION = operation('mutation-transition-experiment');
const DECISION = operation('mutation-record-decision');
const IMPORT = operation('mutation-import-experiments');
const RESULTS = operation('mutation-record-results');
const CREATE_EXPERIMENT = operation('mutation-create-experiment');
const CREATE_ORG_NODE = operation('mutation-create-org-node');
const CREATE_API_KEY = `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { token } }`;

describe('hostile input values', () => {
  beforeAll(async () => {
    await t.truncateAll();
    experimentId = (await buildRunningExperiment(t)).experiment.id;
  });

  describe.each(BAD_DATES)('a date with %s (%s)', (_name, date, reason) => {
    it('is refused in transitionExperiment.at, recordDecision.decidedAt and createApiKey.expiresAt', async () => {
      const error = await expectRefusedInput(
        TRANSITION,
        { input: { id: experimentId, to: 'STOPPED', at: date } },
        'input.at',
        reason,
      );
      if (reason !== undefined) expect(error.extensions?.allowed).toContain('years 0001 to 9999');
      await expectRefusedInput(
        DECISION,
        { input: { experimentId, kind: 'ITERATE', decidedBy: 'pm', decidedAt: date } },
        'input.decidedAt',
        reason,
      );
      await expectRefusedInput(
        CREATE_API_KEY,
        { input: { name: 'k', scopes: ['READ'], expiresAt: date } },
        'input.expiresAt',
        reason,
      );
    });

    it('is refused in importExperiments items (lifecycle dates and decisions)', async () => {
      await expectRefusedInput(
        IMPORT,
        { input: { source: 's', items: [importItem('x-1', { startedAt: date })] } },
        'input.items[0].startedAt',
        reason,
      );
      const decisions = [{ kind: 'SHIP', shippedVariantKey: 'treatment', decidedBy: 'Ada', decidedAt: date }];
      await expectRefusedInput(
        IMPORT,
        { input: { source: 's', items: [importItem('x-1'), importItem('x-2', { decisions })] } },
        'input.items[1].decisions[0].decidedAt',
        reason,
      );
    });

    it('is refused as a literal in the document, naming the argument path', async () => {
      const literal = JSON.stringify(date);
      await expectRefusedInput(
        `mutation { transitionExperiment(input: { id: "${experimentId}", to: STOPPED, at: ${literal} }) { id } }`,
        {},
        'input.at',
        reason,
      );
      await expectRefusedInput(
        `{ experiments(filter: { startedFrom: ${literal} }) { totalCount } }`,
        {},
        'filter.startedFrom',
        reason,
      );
    });

    it('is refused in read arguments (stats windows, asOf, filters, the audit log)', async () => {
      await expectRefusedInput(
        `query ($from: DateTime) { orgNode(key: "acme") { stats(from: $from) { concluded } } }`,
        { from: date },
        'from',
        reason,
      );
      await expectRefusedInput(
        `query ($asOf: DateTime) { experiment(key: "exp-1", asOf: $asOf) { key } }`,
        { asOf: date },
        'asOf',
        reason,
      );
      await expectRefusedInput(
        `query ($f: ExperimentFilter) { experiments(filter: $f) { totalCount } }`,
        { f: { concludedTo: date } },
        'f.concludedTo',
        reason,
      );
      await expectRefusedInput(
        `query ($f: AuditFilter) { auditLog(filter: $f) { edges { cursor } } }`,
        { f: { from: date } },
        'f.from',
        reason,
      );
    });
  });

  it.each([
    [
      'recordResults.results[0].n',
      RESULTS,
      { experimentId: 'EXP', results: [{ metricKey: 'conv', variantKey: 'control', n: 2 ** 31, sum: 1 }] },
      'input.results[0].n',
    ],
    [
      'recordResults.units[1].units',
      RESULTS,
      {
        experimentId: 'EXP',
        units: [
          { variantKey: 'control', units: 10 },
          { variantKey: 'treatment', units: 1e12 },
        ],
      },
      'input.units[1].units',
    ],
    [
      'createExperiment.plannedSampleSize',
      CREATE_EXPERIMENT,
      experimentInput({ key: 'exp-big', plannedSampleSize: 99_999_999_999 }),
      'input.plannedSampleSize',
    ],
    [
      'createExperiment.plannedRuntimeDays (fraction)',
      CREATE_EXPERIMENT,
      experimentInput({ key: 'exp-big', plannedRuntimeDays: 1.5 }),
      'input.plannedRuntimeDays',
    ],
  ])('refuses an integer past 32 bits or not whole in %s', async (_name, query, input, field) => {
    await expectRefusedInput(query, { input: withExperiment(input) }, field);
  });

  it('refuses a float past the double range written as a literal (1e400), in mutations and the planner', async () => {
    await expectRefusedInput(
      `mutation { recordResults(input: { experimentId: "${experimentId}", results: [{ metricKey: "revenue", variantKey: "control", n: 10, sum: 1e400, sumSq: 1 }] }) { experimentId } }`,
      {},
      'input.results[0].sum',
    );
    await expectRefusedInput(
      `{ planSampleSize(input: { alpha: -1e400, metrics: [{ key: "a", type: BINARY, role: SUCCESS, baseline: 0.1, mde: 0.1 }] }) { days } }`,
      {},
      'input.alpha',
    );
    await expectRefusedInput(
      `{ planSampleSize(input: { metrics: [{ key: "a", type: CONTINUOUS, role: SUCCESS, baseline: 10, variance: ${'9'.repeat(400)}, mde: 0.1 }] }) { totalUnits } }`,
      {},
      'input.metrics[0].variance',
    );
  });

  it('refuses NaN and Infinity, which GraphQL cannot write as numbers', async () => {
    await expectRefusedInput(
      `mutation { recordResults(input: { experimentId: "${experimentId}", results: [{ metricKey: "conv", variantKey: "control", n: 10, sum: NaN }] }) { experimentId } }`,
      {},
      'input.results[0].sum',
    );
    await expectRefusedInput(
      `{ planSampleSize(input: { dailyTraffic: Infinity, metrics: [{ key: "a", type: BINARY, role: SUCCESS, baseline: 0.1, mde: 0.1 }] }) { days } }`,
      {},
      'input.dailyTraffic',
    );
    // JSON has no NaN; a client library may send one as a string or null.
    await expectRefusedInput(
      RESULTS,
      { input: { experimentId, results: [{ metricKey: 'conv', variantKey: 'control', n: 10, sum: 'NaN' }] } },
      'input.results[0].sum',
    );
    await expectRefusedInput(
      RESULTS,
      { input: { experimentId, results: [{ metricKey: 'conv', variantKey: 'control', n: 10, sum: null }] } },
      'input.results[0].sum',
    );
  });

  it.each([
    [
      'a tiny MDE',
      { metrics: [{ key: 'a', type: 'BINARY', role: 'SUCCESS', baseline: 0.1, mde: 1e-9 }] },
      'input.metrics[0].mde',
    ],
    [
      'a tiny NIM',
      { metrics: [{ key: 'g', type: 'BINARY', role: 'GUARDRAIL', baseline: 0.1, nim: 1e-12, nimScale: 'ABSOLUTE' }] },
      'input.metrics[0].nim',
    ],
    [
      'tiny daily traffic',
      { dailyTraffic: 1e-6, metrics: [{ key: 'a', type: 'BINARY', role: 'SUCCESS', baseline: 0.1, mde: 0.05 }] },
      'input.dailyTraffic',
    ],
  ])('answers planSampleSize with %s as PLAN_TOO_LARGE naming the field', async (_name, input, field) => {
    await expectRefusedInput(
      `query ($input: PlanSampleSizeInput!) { planSampleSize(input: $input) { totalUnits days } }`,
      { input },
      field,
      'PLAN_TOO_LARGE',
    );
  });

  describe('NUL characters in text', () => {
    it.each([
      [
        'createOrgNode.name',
        CREATE_ORG_NODE,
        { key: 'nul-node', name: 'Bad\u0000Name', kind: 'team', parentKey: 'acme' },
        'input.name',
      ],
      [
        'createExperiment.title',
        CREATE_EXPERIMENT,
        experimentInput({ key: 'exp-nul', title: 'x\u0000' }),
        'input.title',
      ],
      [
        'createExperiment.tags[1]',
        CREATE_EXPERIMENT,
        experimentInput({ key: 'exp-nul', tags: ['ok', 'b\u0000d'] }),
        'input.tags[1]',
      ],
      [
        'recordDecision.rationale',
        DECISION,
        { experimentId: 'EXP', kind: 'ITERATE', decidedBy: 'pm', rationale: 'because\u0000' },
        'input.rationale',
      ],
      [
        'importExperiments.items[0].hypothesis.statement',
        IMPORT,
        { source: 's', items: [importItem('n-1', { hypothesis: { statement: 'x\u0000' } })] },
        'input.items[0].hypothesis.statement',
      ],
      [
        'importExperiments.items[0].externalId',
        IMPORT,
        { source: 's', items: [importItem('n\u00001')] },
        'input.items[0].externalId',
      ],
    ])('refuses %s before any SQL', async (_name, query, input, field) => {
      const error = await expectRefusedInput(query, { input: withExperiment(input) }, field, 'NUL_CHARACTER');
      expect(error.message).not.toContain('\u0000');
    });

    it('refuses NUL in a literal and in a read argument', async () => {
      await expectRefusedInput(
        `mutation { createOrgNode(input: { key: "n", name: "a\\u0000b", kind: "team", parentKey: "acme" }) { id } }`,
        {},
        'input.name',
        'NUL_CHARACTER',
      );
      await expectRefusedInput(
        `query ($s: String) { experiments(filter: { search: $s }) { totalCount } }`,
        { s: 'conv\u0000' },
        's',
        'NUL_CHARACTER',
      );
    });

    it('answers HTTP 400 over the wire under application/graphql-response+json, 200 under application/json (GraphQL over HTTP)', async () => {
      const { token } = await createKey(t, { scopes: ['admin'] });
      const variables = { input: { key: 'nul-http', name: 'a\u0000', kind: 'team', parentKey: 'acme' } };
      for (const [accept, status] of [
        ['application/graphql-response+json', 400],
        ['application/json', 200],
      ] as const) {
        const response = await t.post(CREATE_ORG_NODE, variables, token, { accept });
        expect(response.status).toBe(status);
        expect(response.data ?? undefined).toBeUndefined();
        expect(response.errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'NUL_CHARACTER',
          field: 'input.name',
        });
      }
    });
  });

  it('still accepts the edges of the date range', async () => {
    const result: GraphQLResult = await t.exec(
      `{ experiments(filter: { startedFrom: "0001-01-01T00:00:00Z", startedTo: "9999-12-31T23:59:59.999Z" }) { totalCount } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ experiments: { totalCount: 1 } });
  });
});
