import { createReadFixtures, fixtureId } from '../fixtures/read-fixtures';
import { expectError, operation, useTestApp } from '../helpers';
import { buildCatalogue } from './catalogue';

interface LearningPage {
  learnings: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: Array<{ node: { summary: string } }>;
  };
}

describe('learnings', () => {
  const t = useTestApp();

  beforeAll(async () => {
    await t.truncateAll();
    await buildCatalogue(t.dataSource);
  });

  async function summaries(filter: Record<string, unknown>): Promise<string[]> {
    const result = await t.exec<LearningPage>(operation('query-learnings'), { filter });
    expect(result.errors).toBeUndefined();
    expect(result.data!.learnings.totalCount).toBe(result.data!.learnings.edges.length);
    return result.data!.learnings.edges.map((e) => e.node.summary);
  }

  it('lists learnings newest first with their experiments and hypotheses', async () => {
    expect(await t.exec(operation('query-learnings'))).toMatchSnapshot();
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'a text search over the summary (stemmed)',
      { search: 'regressions' },
      ['Guardrails caught a checkout regression'],
    ],
    [
      'any of the kinds',
      { kind: ['WHAT_WORKS', 'WHAT_DOES_NOT'] },
      ['Long forms lose users', 'Caching thumbnails reduces latency'],
    ],
    ['all of tagsAll', { tagsAll: ['signup', 'forms'] }, ['Long forms lose users']],
    [
      'any of tagsAny',
      { tagsAny: ['perf', 'payments'] },
      ['Guardrails caught a checkout regression', 'Caching thumbnails reduces latency'],
    ],
    ['the linked experiment', { experimentId: fixtureId('e', 2) }, ['Guardrails caught a checkout regression']],
    ['nothing for an unknown experiment', { experimentId: fixtureId('e', 999) }, []],
  ])('filters by %s', async (_name, filter, expected) => {
    expect(await summaries(filter)).toEqual(expected);
  });

  it('walks all pages to the full list', async () => {
    const walked: string[] = [];
    let after: string | null = null;
    do {
      const result: { data?: LearningPage | null } = await t.exec<LearningPage>(operation('query-learnings'), {
        first: 1,
        after,
      });
      const page = result.data!.learnings;
      walked.push(...page.edges.map((e) => e.node.summary));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(walked).toEqual(await summaries({}));
  });

  it('rejects out-of-range first, a bad cursor, a malformed experiment id and an experiments cursor', async () => {
    expectError(await t.exec(operation('query-learnings'), { first: 0 }), 'BAD_USER_INPUT');
    expectError(await t.exec(operation('query-learnings'), { after: 'nope' }), 'BAD_USER_INPUT');
    expectError(await t.exec(operation('query-learnings'), { filter: { experimentId: 'x' } }), 'BAD_USER_INPUT');
    const experiments = await t.exec<{ experiments: { pageInfo: { endCursor: string } } }>(
      operation('query-experiments-page'),
      { first: 1 },
    );
    expectError(
      await t.exec(operation('query-learnings'), { after: experiments.data!.experiments.pageInfo.endCursor }),
      'BAD_USER_INPUT',
    );
  });
});

describe('metrics / metric', () => {
  const t = useTestApp();

  beforeAll(async () => {
    await t.truncateAll();
    const f = createReadFixtures(t.dataSource);
    await f.buildMetric({ key: 'revenue', name: 'Revenue', type: 'CONTINUOUS' });
    await f.buildMetric({ key: 'conversion', name: 'Conversion' });
    await f.buildMetric({ key: 'aov', name: 'Average order value', type: 'RATIO' });
  });

  it('lists the catalogue ordered by key', async () => {
    expect(await t.exec(operation('query-metrics'))).toMatchSnapshot();
  });

  it('returns a metric by id or key, and null when missing', async () => {
    const byKey = await t.exec(operation('query-metric'), { key: 'aov' });
    expect(byKey).toEqual({
      data: { metric: { id: fixtureId('d', 3), key: 'aov', name: 'Average order value', type: 'RATIO' } },
    });
    expect(await t.exec(operation('query-metric'), { id: fixtureId('d', 3) })).toEqual(byKey);
    expect(await t.exec(operation('query-metric'), { key: 'missing' })).toEqual({ data: { metric: null } });
    expect(await t.exec(operation('query-metric'), { id: 'not-a-uuid' })).toEqual({ data: { metric: null } });
  });

  it('rejects both id and key with BAD_USER_INPUT', async () => {
    expectError(await t.exec(operation('query-metric'), { id: fixtureId('d', 3), key: 'aov' }), 'BAD_USER_INPUT');
  });
});
