import { type DataSource } from 'typeorm';
import {
  findMetricEffectsByNodeIds,
  type MetricEffectListRow,
  type NodeMetricEffectQuery,
} from '../../db/queries/metric-effect-reads';
import { createNodeQueryLoader } from './node-query-batch';

/** OrgNode.metricInsight: one SQL statement per distinct argument set, for all nodes asked. */
export function createMetricEffectsByNodeIdLoader(dataSource: DataSource) {
  return createNodeQueryLoader<NodeMetricEffectQuery, MetricEffectListRow[]>((nodeIds, query) =>
    findMetricEffectsByNodeIds(dataSource, nodeIds, query),
  );
}
