import { rateColour, SMALL_SAMPLE_GREY, textColourOn } from './palette';
import { formatInterval, formatRate, type Rate } from './rates';

/** One org node as the organisation page reads it (OrgNode with its subtree's stats). */
export interface OrgNodeWithStats {
  readonly key: string;
  readonly name: string;
  readonly kind: string;
  readonly parentKey: string | null;
  readonly concluded: number;
  readonly learningRate: Rate | null;
}

/** A node of the treemap: area = concluded experiments, colour = learning rate (grey for a small sample). */
export interface TreemapDatum {
  readonly name: string;
  readonly key: string;
  readonly value: number;
  readonly colour: string;
  readonly textColour: string;
  /** The label's lines: name, rate with interval, concluded count. */
  readonly label: string;
  readonly children: TreemapDatum[];
}

/** A row of the tree as a table, depth first, children in key order. */
export interface OrgTableRow {
  readonly key: string;
  readonly name: string;
  readonly kind: string;
  readonly depth: number;
  readonly concluded: number;
  readonly rate: string;
  readonly interval: string;
  readonly smallSample: boolean;
}

/** Whether a node's rate should be greyed out: none at all, or the API flags its sample as small. */
export function isGreyed(node: Pick<OrgNodeWithStats, 'learningRate'>): boolean {
  return node.learningRate === null || node.learningRate.smallSample;
}

/** Builds the treemap's forest and the table's rows from the flat node list (each node's parent by key). */
export function buildOrgTree(nodes: readonly OrgNodeWithStats[]): { roots: TreemapDatum[]; rows: OrgTableRow[] } {
  const childrenOf = new Map<string | null, OrgNodeWithStats[]>();
  const keys = new Set(nodes.map((n) => n.key));
  for (const node of nodes) {
    // A node whose parent is not in the list (outside what was read) is drawn as a root.
    const parent = node.parentKey !== null && keys.has(node.parentKey) ? node.parentKey : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), node]);
  }
  for (const list of childrenOf.values()) list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const rows: OrgTableRow[] = [];
  const build = (node: OrgNodeWithStats, depth: number): TreemapDatum => {
    const greyed = isGreyed(node);
    rows.push({
      key: node.key,
      name: node.name,
      kind: node.kind,
      depth,
      concluded: node.concluded,
      rate: formatRate(node.learningRate),
      interval: formatInterval(node.learningRate),
      smallSample: greyed,
    });
    const colour = greyed || !node.learningRate ? SMALL_SAMPLE_GREY : rateColour(node.learningRate.value);
    const rateText = node.learningRate
      ? `${formatRate(node.learningRate)} (${formatInterval(node.learningRate)})`
      : 'no concluded experiments';
    return {
      name: node.name,
      key: node.key,
      value: node.concluded,
      colour,
      textColour: textColourOn(colour),
      label: `${node.name}\n${rateText}${greyed && node.learningRate ? ', small sample' : ''}\n${node.concluded} concluded`,
      children: (childrenOf.get(node.key) ?? []).map((child) => build(child, depth + 1)),
    };
  };
  const roots = (childrenOf.get(null) ?? []).map((root) => build(root, 0));
  return { roots, rows };
}
