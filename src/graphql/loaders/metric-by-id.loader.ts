import { type DataSource } from 'typeorm';
import { type Metric } from '../../domain/experiment';
import { findMetricsByIds } from '../../db/queries/metric-reads';
import { oneByKey } from './batch';
import { PrimedDataLoader } from './primed-data-loader';

/** Catalogue metric by id (ExperimentMetric.metric, metric(id)); null when missing. */
export function createMetricByIdLoader(dataSource: DataSource) {
  return new PrimedDataLoader<string, Metric | null>(async (ids) =>
    oneByKey(ids, await findMetricsByIds(dataSource, ids), (m) => m.id),
  );
}
