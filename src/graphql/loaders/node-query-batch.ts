import DataLoader from 'dataloader';

/** A batch key: a node and the (validated, plain-data) arguments asked of it. */
export interface NodeQueryKey<Q> {
  readonly nodeId: string;
  readonly query: Q;
}

/**
 * A DataLoader for per-node answers that depend on arguments (OrgNode.stats(...), ...): keys with
 * equal arguments are answered by ONE call of `run` with all their node ids, so the children of a
 * node asking the same stats cost one SQL statement, whatever their number.
 */
export function createNodeQueryLoader<Q extends object, V>(run: (nodeIds: string[], query: Q) => Promise<V[]>) {
  // Every key is looked at several times (cache key, grouping, answer): serialise each query object once.
  const serialised = new WeakMap<Q, string>();
  const queryKeyOf = (query: Q): string => {
    let text = serialised.get(query);
    if (text === undefined) {
      text = JSON.stringify(query);
      serialised.set(query, text);
    }
    return text;
  };
  const keyOf = (key: NodeQueryKey<Q>) => `${key.nodeId}|${queryKeyOf(key.query)}`;
  return new DataLoader<NodeQueryKey<Q>, V, string>(
    async (keys) => {
      const groups = new Map<string, { query: Q; nodeIds: string[] }>();
      for (const key of keys) {
        const queryKey = queryKeyOf(key.query);
        const group = groups.get(queryKey);
        if (group) group.nodeIds.push(key.nodeId);
        else groups.set(queryKey, { query: key.query, nodeIds: [key.nodeId] });
      }
      const answers = new Map<string, V>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const values = await run(group.nodeIds, group.query);
          group.nodeIds.forEach((nodeId, i) => answers.set(keyOf({ nodeId, query: group.query }), values[i]!));
        }),
      );
      return keys.map((key) => answers.get(keyOf(key))!);
    },
    { cacheKeyFn: keyOf },
  );
}
