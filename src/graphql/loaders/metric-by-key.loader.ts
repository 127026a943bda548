import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type Metric } from '../../domain/experiment';
import { findMetricsByKeys } from '../../db/queries/metric-reads';
import { oneByKey } from './batch';

/** Catalogue metric by key (the metric views' `metricKey`); null when missing. */
export function createMetricByKeyLoader(dataSource: DataSource) {
  return new DataLoader<string, Metric | null>(async (keys) =>
    oneByKey(keys, await findMetricsByKeys(dataSource, keys), (m) => m.key),
  );
}
