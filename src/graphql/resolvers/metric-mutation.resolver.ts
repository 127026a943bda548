import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { createMetric, updateMetric } from '../../db/queries/metric-writes';
import { type Context } from '../context';
import { CreateMetricInput, UpdateMetricInput } from '../inputs/metric.input';
import { Metric } from '../types/metric.type';

/** Metric catalogue writes. */
@Resolver()
export class MetricMutationResolver {
  @Mutation(() => Metric, { description: 'Adds a metric to the catalogue. Duplicate key: CONFLICT DUPLICATE_KEY.' })
  createMetric(@Arg('input', () => CreateMetricInput, { description: 'The new metric.' }) input: CreateMetricInput, @Ctx() ctx: Context): Promise<Metric> {
    return ctx.dataSource.transaction((m) => createMetric(m, input, ctx.now));
  }

  @Mutation(() => Metric, { description: 'Edits a catalogue metric; its type cannot change once results exist (CONFLICT METRIC_IN_USE).' })
  updateMetric(@Arg('input', () => UpdateMetricInput, { description: 'The changes.' }) input: UpdateMetricInput, @Ctx() ctx: Context): Promise<Metric> {
    return ctx.dataSource.transaction((m) => updateMetric(m, input, ctx.now));
  }
}
