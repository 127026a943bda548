import { sqlCounter } from '../../../src/db/data-source';
import { createReadFixtures, type OrgTree } from '../fixtures/read-fixtures';
import { type GraphQLResult, useTestApp } from '../helpers';

const COUNT_STATEMENT = /\bcount\(\*\)/i;

/**
 * `totalCount` of an experiment connection costs a count over every match, so it runs only when
 * the connection selects it (directly or through a fragment), and then together with the page.
 */
describe('experiments totalCount', () => {
  const t = useTestApp();
  let tree: OrgTree;

  beforeAll(async () => {
    await t.truncateAll();
    const f = createReadFixtures(t.dataSource);
    tree = await f.buildOrgTree();
    for (let i = 0; i < 5; i += 1) await f.buildExperiment({ ownerNodeId: tree.onboarding.id });
    for (let i = 0; i < 3; i += 1) await f.buildExperiment({ ownerNodeId: tree.ranking.id });
  });

  /** Runs `query` and returns its answer and the SQL of every statement it ran. */
  async function run<T>(query: string): Promise<{ result: GraphQLResult<T>; statements: string[] }> {
    const spy = jest.spyOn(sqlCounter(t.dataSource), 'logQuery');
    try {
      const result = await t.exec<T>(query);
      expect(result.errors).toBeUndefined();
      return { result, statements: spy.mock.calls.map(([sql]) => sql) };
    } finally {
      spy.mockRestore();
    }
  }

  const counts = (statements: readonly string[]) => statements.filter((sql) => COUNT_STATEMENT.test(sql)).length;

  it('runs no count statement for a page without totalCount', async () => {
    const { result, statements } = await run<{ experiments: { edges: unknown[] } }>(
      `{ experiments(first: 2) { edges { node { key } } pageInfo { hasNextPage } } }`,
    );
    expect(result.data!.experiments.edges).toHaveLength(2);
    expect(counts(statements)).toBe(0);
  });

  it('counts once when totalCount is selected, directly or through a fragment', async () => {
    const direct = await run<{ experiments: { totalCount: number } }>(`{ experiments(first: 2) { totalCount } }`);
    expect(direct.result.data!.experiments.totalCount).toBe(8);
    expect(counts(direct.statements)).toBe(1);
    const fragment = await run<{ experiments: { totalCount: number } }>(
      `{ experiments(first: 2) { ...Counted } } fragment Counted on ExperimentConnection { totalCount }`,
    );
    expect(fragment.result.data!.experiments.totalCount).toBe(8);
    expect(counts(fragment.statements)).toBe(1);
  });

  it('counts OrgNode.experiments only when selected, in one statement for every node', async () => {
    type Nodes = { orgNodes: Array<{ key: string; experiments: { totalCount?: number; edges: unknown[] } }> };
    const without = await run<Nodes>(`{ orgNodes { key experiments(first: 1) { edges { node { key } } } } }`);
    expect(without.result.data!.orgNodes.find((n) => n.key === tree.acme.key)!.experiments.edges).toHaveLength(1);
    expect(counts(without.statements)).toBe(0);
    const counted = await run<Nodes>(`{ orgNodes { key experiments(first: 1) { totalCount } } }`);
    const totals = Object.fromEntries(counted.result.data!.orgNodes.map((n) => [n.key, n.experiments.totalCount]));
    expect(totals).toMatchObject({ [tree.acme.key]: 8, [tree.onboarding.key]: 5, [tree.ranking.key]: 3 });
    expect(counts(counted.statements)).toBe(1);
  });
});
