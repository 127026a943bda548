import { type DataSource } from 'typeorm';
import { type MetricResult, type ResultPeriod } from '../../domain/experiment';
import { findMetricResultsByExperimentMetricIds } from '../../db/queries/metric-reads';
import { manyByKey } from './batch';
import { PrimedDataLoader } from './primed-data-loader';

export interface MetricResultsKey {
  readonly experimentMetricId: string;
  readonly period: ResultPeriod;
}

const keyOf = (key: MetricResultsKey) => `${key.experimentMetricId}|${key.period}`;

/** Results of an experiment metric in one period (ExperimentMetric.results), in variant order; one query per batch. */
export function createMetricResultsByExperimentMetricIdLoader(dataSource: DataSource) {
  return new PrimedDataLoader<MetricResultsKey, MetricResult[], string>(
    async (keys) => {
      const ids = [...new Set(keys.map((k) => k.experimentMetricId))];
      const periods = [...new Set(keys.map((k) => k.period))];
      const rows = await findMetricResultsByExperimentMetricIds(dataSource, ids, periods);
      return manyByKey(keys.map(keyOf), rows, (r) =>
        keyOf({ experimentMetricId: r.experimentMetricId, period: r.period }),
      );
    },
    { cacheKeyFn: keyOf },
  );
}
