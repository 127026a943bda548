import { buildOrgTree, type OrgNodeWithStats } from '../../../src/dashboard/view-model/org-tree';
import { rateColour, SMALL_SAMPLE_GREY } from '../../../src/dashboard/view-model/palette';

const rate = (value: number, smallSample = false) => ({ value, lower: value - 0.1, upper: value + 0.1, smallSample });

const node = (
  key: string,
  parentKey: string | null,
  concluded: number,
  learningRate: OrgNodeWithStats['learningRate'],
) => ({
  key,
  name: key.toUpperCase(),
  kind: parentKey ? 'team' : 'company',
  parentKey,
  concluded,
  learningRate,
});

describe('buildOrgTree', () => {
  const nodes = [
    node('acme.b', 'acme', 12, rate(0.5)),
    node('acme', null, 30, rate(0.6)),
    node('acme.a', 'acme', 18, rate(0.7)),
    node('acme.a.small', 'acme.a', 4, rate(0.75, true)),
    node('acme.c', 'acme', 0, null),
  ];

  it('nests nodes under their parents, children in key order, area = concluded', () => {
    const { roots } = buildOrgTree(nodes);
    expect(roots.map((r) => r.key)).toEqual(['acme']);
    expect(roots[0]!.children.map((c) => [c.key, c.value])).toEqual([
      ['acme.a', 18],
      ['acme.b', 12],
      ['acme.c', 0],
    ]);
    expect(roots[0]!.children[0]!.children.map((c) => c.key)).toEqual(['acme.a.small']);
  });

  it('colours by learning rate and greys small samples and nodes without a rate', () => {
    const { roots } = buildOrgTree(nodes);
    const [a, , c] = roots[0]!.children;
    expect(a!.colour).toBe(rateColour(0.7));
    expect(a!.children[0]!.colour).toBe(SMALL_SAMPLE_GREY);
    expect(a!.children[0]!.label).toContain('small sample');
    expect(c!.colour).toBe(SMALL_SAMPLE_GREY);
    expect(c!.label).toContain('no concluded experiments');
  });

  it('labels each node with its rate, interval and concluded count as the API gave them', () => {
    const { roots } = buildOrgTree(nodes);
    expect(roots[0]!.label).toBe('ACME\n60.0% (50.0–70.0%)\n30 concluded');
  });

  it('lists the rows depth first with their depth', () => {
    const { rows } = buildOrgTree(nodes);
    expect(rows.map((r) => [r.key, r.depth, r.smallSample])).toEqual([
      ['acme', 0, false],
      ['acme.a', 1, false],
      ['acme.a.small', 2, true],
      ['acme.b', 1, false],
      ['acme.c', 1, true],
    ]);
    expect(rows[4]).toMatchObject({ rate: '—', interval: '—' });
  });

  it('draws a node whose parent is not in the list as a root', () => {
    const { roots } = buildOrgTree([node('acme.a', 'acme', 3, rate(0.3, true))]);
    expect(roots.map((r) => r.key)).toEqual(['acme.a']);
  });
});
