import { type DataSource } from 'typeorm';
import {
  findNodeMetricInsights,
  type MetricInsightAnswer,
  type NodeMetricInsightQuery,
} from '../../db/queries/metric-insight-reads';
import { createNodeQueryLoader } from './node-query-batch';

/** OrgNode.metricInsight: one SQL statement per distinct argument set, for all nodes asked. */
export function createMetricInsightsByNodeIdLoader(dataSource: DataSource) {
  return createNodeQueryLoader<NodeMetricInsightQuery, MetricInsightAnswer>((nodeIds, query) =>
    findNodeMetricInsights(dataSource, nodeIds, query),
  );
}
