/** An org node as a filter's menu lists it. */
export interface NodeOption {
  readonly key: string;
  readonly name: string;
  /** How many ancestors it has in the list (0: a root), for indenting the menu. */
  readonly depth: number;
}

/**
 * The org tree as the options of a menu: depth first, siblings in key order, each node with its depth. A node whose
 * parent is not in the list is listed as a root.
 */
export function buildNodeOptions(
  nodes: ReadonlyArray<{ readonly key: string; readonly name: string; readonly parentKey: string | null }>,
): NodeOption[] {
  const keys = new Set(nodes.map((n) => n.key));
  const childrenOf = new Map<string | null, Array<(typeof nodes)[number]>>();
  for (const node of nodes) {
    const parent = node.parentKey !== null && keys.has(node.parentKey) ? node.parentKey : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), node]);
  }
  for (const list of childrenOf.values()) list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const options: NodeOption[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const node of childrenOf.get(parent) ?? []) {
      options.push({ key: node.key, name: node.name, depth });
      visit(node.key, depth + 1);
    }
  };
  visit(null, 0);
  return options;
}

/** The label of an option, indented by its depth with non-breaking spaces (a `<select>` keeps no other indent). */
export function nodeOptionLabel(option: NodeOption): string {
  return `${'\u00a0\u00a0'.repeat(option.depth)}${option.name}`;
}
