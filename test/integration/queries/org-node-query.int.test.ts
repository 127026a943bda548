import { fixtureId } from '../fixtures/read-fixtures';
import { expectError, operation, useTestApp } from '../helpers';
import { buildCatalogue } from './catalogue';

interface NodePage {
  orgNode: null | {
    key: string;
    experiments: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ node: { key: string } }>;
    };
  };
}

describe('orgNode / orgNodes', () => {
  const t = useTestApp();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await t.truncateAll();
    const { tree } = await buildCatalogue(t.dataSource);
    ids.growth = tree.growth.id;
  });

  it('returns the whole tree flat, ordered by key, with parents, children and ancestors', async () => {
    expect(await t.exec(operation('query-org-tree'))).toMatchSnapshot();
  });

  it('returns a node by key and by id', async () => {
    const byKey = await t.exec<NodePage>(operation('query-org-node'), { key: 'acme.growth' });
    const byId = await t.exec<NodePage>(operation('query-org-node'), { id: ids.growth });
    expect(byKey.data!.orgNode!.key).toBe('acme.growth');
    expect(byId).toEqual(byKey);
  });

  it.each([
    ['an unknown key', { key: 'acme.nowhere' }],
    ['an unknown id', { id: fixtureId('a', 999) }],
    ['a malformed id', { id: '42' }],
  ])('returns null for %s', async (_name, vars) => {
    expect(await t.exec(operation('query-org-node'), vars)).toEqual({ data: { orgNode: null } });
  });

  it.each([
    ['both id and key', { id: fixtureId('a', 1), key: 'acme' }],
    ['neither id nor key', {}],
  ])('rejects %s with BAD_USER_INPUT', async (_name, vars) => {
    expectError(await t.exec(operation('query-org-node'), vars), 'BAD_USER_INPUT');
  });

  async function nodeKeys(key: string, vars: Record<string, unknown> = {}) {
    const result = await t.exec<NodePage>(operation('query-org-node'), {
      key,
      orderBy: { field: 'KEY' },
      first: 100,
      ...vars,
    });
    expect(result.errors).toBeUndefined();
    return result.data!.orgNode!.experiments.edges.map((e) => e.node.key);
  }

  it('lists the experiments of the whole subtree by default', async () => {
    expect(await nodeKeys('acme.growth')).toEqual(['chk-1', 'grw-1', 'onb-1', 'onb-2']);
    expect(await nodeKeys('acme')).toHaveLength(6);
  });

  it("lists only the node's own experiments without descendants", async () => {
    expect(await nodeKeys('acme.growth', { filter: { includeDescendants: false } })).toEqual(['grw-1']);
    expect(await nodeKeys('acme', { filter: { includeDescendants: false } })).toEqual([]);
  });

  it('applies the other filters within the node', async () => {
    expect(await nodeKeys('acme.growth', { filter: { status: ['CONCLUDED', 'RUNNING'], search: 'signup' } })).toEqual([
      'onb-1',
    ]);
    expect(await nodeKeys('acme.growth', { filter: { ownerNodeKey: 'acme.search' } })).toEqual([]);
  });

  it("pages through a node's experiments", async () => {
    const first = await t.exec<NodePage>(operation('query-org-node'), {
      key: 'acme',
      orderBy: { field: 'KEY', direction: 'DESC' },
      first: 4,
    });
    const experiments = first.data!.orgNode!.experiments;
    expect(experiments.totalCount).toBe(6);
    expect(experiments.pageInfo.hasNextPage).toBe(true);
    const rest = await nodeKeys('acme', {
      orderBy: { field: 'KEY', direction: 'DESC' },
      after: experiments.pageInfo.endCursor,
    });
    expect([...experiments.edges.map((e) => e.node.key), ...rest]).toEqual([
      'rank-2',
      'rank-1',
      'onb-2',
      'onb-1',
      'grw-1',
      'chk-1',
    ]);
  });

  it('rejects an out-of-range first on OrgNode.experiments', async () => {
    const error = expectError(await t.exec(operation('query-org-node'), { key: 'acme', first: 101 }), 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('first');
  });

  it('answers experiments for every node of the tree in a constant number of statements', async () => {
    const { result, statements } = await t.execCounting(operation('query-org-tree-experiments'));
    expect(result).toMatchSnapshot();
    // orgNodes (1) + the experiments page and count (2) + the `own` alias's page and count (2).
    expect(statements).toBe(5);
  });
});
