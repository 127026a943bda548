import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type Experiment } from '../../domain/experiment';
import { type ExperimentPageQuery, findExperimentPagesByOwnerNodeIds } from '../../db/queries/experiment-page-reads';
import { type Connection } from '../../db/queries/page-reads';

export interface ExperimentPageKey {
  readonly nodeId: string;
  /** Already validated (parseExperimentPageArgs), so the batch never fails on input. */
  readonly query: ExperimentPageQuery;
}

const queryKey = (query: ExperimentPageQuery) => JSON.stringify(query);

/**
 * A page of an org node's experiments (OrgNode.experiments). Keys with the same arguments are
 * answered together: two statements per distinct argument set, whatever the number of nodes.
 */
export function createExperimentPagesByOwnerNodeIdLoader(dataSource: DataSource) {
  return new DataLoader<ExperimentPageKey, Connection<Experiment>, string>(
    async (keys) => {
      const groups = new Map<string, { query: ExperimentPageQuery; nodeIds: string[] }>();
      for (const key of keys) {
        const group = groups.get(queryKey(key.query)) ?? { query: key.query, nodeIds: [] };
        group.nodeIds.push(key.nodeId);
        groups.set(queryKey(key.query), group);
      }
      const answers = new Map<string, Connection<Experiment>>();
      await Promise.all(
        [...groups.entries()].map(async ([qk, group]) => {
          const pages = await findExperimentPagesByOwnerNodeIds(dataSource, group.nodeIds, group.query);
          group.nodeIds.forEach((nodeId, i) => answers.set(`${nodeId}|${qk}`, pages[i]!));
        }),
      );
      return keys.map((key) => answers.get(`${key.nodeId}|${queryKey(key.query)}`)!);
    },
    { cacheKeyFn: (key) => `${key.nodeId}|${queryKey(key.query)}` },
  );
}
