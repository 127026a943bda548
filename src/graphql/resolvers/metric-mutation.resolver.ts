import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { handleCreateMetric, handleUpdateMetric } from '../../app/metric/metric-commands';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
import { CreateMetricInput, UpdateMetricInput } from '../inputs/metric.input';
import { Metric } from '../types/metric.type';

/** Metric catalogue writes. */
@Resolver()
export class MetricMutationResolver {
  @Mutation(() => Metric, { description: 'Adds a metric to the catalogue. Duplicate key: CONFLICT DUPLICATE_KEY.' })
  createMetric(
    @Arg('input', () => CreateMetricInput, { description: 'The new metric.' }) input: CreateMetricInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Metric> {
    return handleCreateMetric(commandContextOf(ctx), input, idempotencyKey);
  }

  @Mutation(() => Metric, {
    description: 'Edits a catalogue metric; its type cannot change once results exist (CONFLICT METRIC_IN_USE).',
  })
  updateMetric(
    @Arg('input', () => UpdateMetricInput, { description: 'The changes.' }) input: UpdateMetricInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Metric> {
    return handleUpdateMetric(commandContextOf(ctx), input, idempotencyKey);
  }
}
