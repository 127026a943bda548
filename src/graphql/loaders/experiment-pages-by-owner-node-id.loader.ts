import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type Experiment } from '../../domain/experiment';
import { type ExperimentPageQuery, findExperimentPagesByOwnerNodeIds } from '../../db/queries/experiment-page-reads';
import { type Connection } from '../../db/queries/page-reads';

export interface ExperimentPageKey {
  readonly nodeId: string;
  /** Already validated (parseExperimentPageArgs), so the batch never fails on input. */
  readonly query: ExperimentPageQuery;
  /** Whether the connection's totalCount is selected (counted only then). */
  readonly withTotalCount: boolean;
}

const queryKey = (key: ExperimentPageKey) => JSON.stringify([key.query, key.withTotalCount]);

/**
 * A page of an org node's experiments (OrgNode.experiments). Keys with the same arguments are
 * answered together: one statement per distinct argument set (two with the total count), whatever
 * the number of nodes.
 */
export function createExperimentPagesByOwnerNodeIdLoader(dataSource: DataSource) {
  return new DataLoader<ExperimentPageKey, Connection<Experiment>, string>(
    async (keys) => {
      const groups = new Map<string, { key: ExperimentPageKey; nodeIds: string[] }>();
      for (const key of keys) {
        const group = groups.get(queryKey(key)) ?? { key, nodeIds: [] };
        group.nodeIds.push(key.nodeId);
        groups.set(queryKey(key), group);
      }
      const answers = new Map<string, Connection<Experiment>>();
      await Promise.all(
        [...groups.entries()].map(async ([qk, group]) => {
          const pages = await findExperimentPagesByOwnerNodeIds(dataSource, group.nodeIds, group.key.query, group.key);
          group.nodeIds.forEach((nodeId, i) => answers.set(`${nodeId}|${qk}`, pages[i]!));
        }),
      );
      return keys.map((key) => answers.get(`${key.nodeId}|${queryKey(key)}`)!);
    },
    { cacheKeyFn: (key) => `${key.nodeId}|${queryKey(key)}` },
  );
}
