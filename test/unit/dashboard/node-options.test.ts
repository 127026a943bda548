import { buildNodeOptions, nodeOptionLabel } from '../../../src/dashboard/view-model/node-options';

describe('buildNodeOptions', () => {
  it('lists the tree depth first, siblings in key order, with each depth', () => {
    const nodes = [
      { key: 'acme.growth.b', name: 'B', parentKey: 'acme.growth' },
      { key: 'acme', name: 'Acme', parentKey: null },
      { key: 'acme.platform', name: 'Platform', parentKey: 'acme' },
      { key: 'acme.growth', name: 'Growth', parentKey: 'acme' },
      { key: 'acme.growth.a', name: 'A', parentKey: 'acme.growth' },
    ];
    expect(buildNodeOptions(nodes)).toEqual([
      { key: 'acme', name: 'Acme', depth: 0 },
      { key: 'acme.growth', name: 'Growth', depth: 1 },
      { key: 'acme.growth.a', name: 'A', depth: 2 },
      { key: 'acme.growth.b', name: 'B', depth: 2 },
      { key: 'acme.platform', name: 'Platform', depth: 1 },
    ]);
  });

  it('lists a node whose parent is not in the list as a root', () => {
    expect(buildNodeOptions([{ key: 'x.team', name: 'Team', parentKey: 'x' }])).toEqual([
      { key: 'x.team', name: 'Team', depth: 0 },
    ]);
  });
});

describe('nodeOptionLabel', () => {
  it('indents the name by two non-breaking spaces per level', () => {
    expect(nodeOptionLabel({ key: 'a.b', name: 'B', depth: 2 })).toBe('\u00a0\u00a0\u00a0\u00a0B');
  });
});
