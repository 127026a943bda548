import { type DataSource } from 'typeorm';
import { type Variant } from '../../domain/experiment';
import { findVariantsByIds } from '../../db/queries/experiment-reads';
import { oneByKey } from './batch';
import { PrimedDataLoader } from './primed-data-loader';

/** Variant by id (MetricResult.variant, Decision.shippedVariant); null when missing. */
export function createVariantByIdLoader(dataSource: DataSource) {
  return new PrimedDataLoader<string, Variant | null>(async (ids) =>
    oneByKey(ids, await findVariantsByIds(dataSource, ids), (v) => v.id),
  );
}
