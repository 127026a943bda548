import { useTestApp } from '../helpers';
import {
  buildOrgNode,
  buildOrgTree,
  closureFromParents,
  closureRows,
  expectRefused,
  mutate,
} from '../fixtures/write-fixtures';

const t = useTestApp();
beforeEach(() => t.truncateAll());

describe('createOrgNode', () => {
  it('creates a root and children with the closure rows of every ancestor', async () => {
    const ids = await buildOrgTree(t);
    const [row] = await t.dataSource.query('SELECT parent_id, version FROM org_node WHERE id = $1', [ids.ranking]);
    expect(row).toEqual({ parent_id: ids.search, version: 1 });
    expect(await closureRows(t.dataSource)).toEqual([
      'acme>acme:0',
      'acme>growth:1',
      'acme>onboarding:2',
      'acme>ranking:2',
      'acme>search:1',
      'growth>growth:0',
      'growth>onboarding:1',
      'onboarding>onboarding:0',
      'ranking>ranking:0',
      'search>ranking:1',
      'search>search:0',
    ]);
  });

  it('accepts the parent by id and trims the name', async () => {
    const root = await buildOrgNode(t);
    const child = await mutate(t, 'mutation-create-org-node', {
      key: 'acme/ops',
      name: '  Ops  ',
      kind: 'department',
      parentId: root.id,
    });
    expect(child).toMatchObject({ key: 'acme/ops', name: 'Ops', parentId: root.id, version: 1 });
  });

  it.each([
    ['a duplicate key', { key: 'acme' }, 'CONFLICT', 'DUPLICATE_KEY'],
    ['a malformed key', { key: '-bad key' }, 'BAD_USER_INPUT', 'INVALID_VALUE'],
    ['a blank name', { key: 'x', name: '   ' }, 'BAD_USER_INPUT', 'INVALID_VALUE'],
    ['an unknown parent key', { key: 'x', parentKey: 'nope' }, 'NOT_FOUND', 'UNKNOWN_ID'],
    ['an unknown parent id', { key: 'x', parentId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', 'UNKNOWN_ID'],
    ['a malformed parent id', { key: 'x', parentId: 'not-a-uuid' }, 'BAD_USER_INPUT', 'INVALID_VALUE'],
    [
      'both parentId and parentKey',
      { key: 'x', parentKey: 'acme', parentId: '00000000-0000-4000-8000-000000000000' },
      'BAD_USER_INPUT',
      'INVALID_VALUE',
    ],
  ])('refuses %s and changes nothing', async (_label, overrides, code, reason) => {
    await buildOrgNode(t);
    await expectRefused(t, 'mutation-create-org-node', { name: 'Acme', kind: 'company', ...overrides }, code, reason);
  });
});

describe('updateOrgNode', () => {
  it('renames a node and bumps its version', async () => {
    const root = await buildOrgNode(t);
    const updated = await mutate(t, 'mutation-update-org-node', { id: root.id, name: 'Acme Inc', kind: 'group' });
    expect(updated).toMatchObject({ name: 'Acme Inc', kind: 'group', key: 'acme', version: 2 });
    const [row] = await t.dataSource.query(
      'SELECT name, version, updated_at > created_at AS touched FROM org_node WHERE id = $1',
      [root.id],
    );
    expect(row).toEqual({ name: 'Acme Inc', version: 2, touched: true });
  });

  it('refuses an unknown id with NOT_FOUND', async () => {
    await expectRefused(
      t,
      'mutation-update-org-node',
      { id: '00000000-0000-4000-8000-000000000000', name: 'x' },
      'NOT_FOUND',
    );
  });

  it('refuses a malformed id with BAD_USER_INPUT', async () => {
    await expectRefused(t, 'mutation-update-org-node', { id: '123', name: 'x' }, 'BAD_USER_INPUT');
  });
});

describe('moveOrgNode', () => {
  it('re-parents a whole subtree and keeps the closure equal to the parent pointers', async () => {
    const ids = await buildOrgTree(t);
    await mutate(t, 'mutation-create-org-node', { key: 'ranking-ml', name: 'ML', kind: 'squad', parentKey: 'ranking' });
    const moved = await mutate(t, 'mutation-move-org-node', { id: ids.search, newParentId: ids.growth });
    expect(moved).toMatchObject({ parentId: ids.growth, version: 2 });
    const closure = await closureRows(t.dataSource);
    expect(closure).toEqual(await closureFromParents(t.dataSource));
    expect(closure).toEqual(
      expect.arrayContaining(['acme>ranking-ml:4', 'growth>ranking-ml:3', 'search>ranking-ml:2', 'growth>search:1']),
    );
  });

  it('makes a node a root when newParentId is null', async () => {
    const ids = await buildOrgTree(t);
    await mutate(t, 'mutation-move-org-node', { id: ids.growth, newParentId: null });
    const closure = await closureRows(t.dataSource);
    expect(closure).toEqual(await closureFromParents(t.dataSource));
    expect(closure).not.toContain('acme>onboarding:2');
    expect(closure).toContain('growth>onboarding:1');
  });

  it('refuses a move under a descendant with ORG_CYCLE and changes nothing', async () => {
    const ids = await buildOrgTree(t);
    const error = await expectRefused(
      t,
      'mutation-move-org-node',
      { id: ids.acme, newParentId: ids.ranking },
      'BAD_USER_INPUT',
      'ORG_CYCLE',
    );
    expect(error.message).toContain('input.newParentId');
  });

  it('refuses a move under the node itself with ORG_CYCLE', async () => {
    const ids = await buildOrgTree(t);
    await expectRefused(
      t,
      'mutation-move-org-node',
      { id: ids.search, newParentId: ids.search },
      'BAD_USER_INPUT',
      'ORG_CYCLE',
    );
  });

  it('refuses an unknown new parent with NOT_FOUND', async () => {
    const ids = await buildOrgTree(t);
    await expectRefused(
      t,
      'mutation-move-org-node',
      { id: ids.search, newParentId: '00000000-0000-4000-8000-000000000000' },
      'NOT_FOUND',
    );
  });
});
