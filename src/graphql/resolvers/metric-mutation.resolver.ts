import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { createMetric, updateMetric } from '../../app/metric/metric-writes';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
import { catalogueRef, runCommand } from '../../app/run-command';
import { showsNothing } from '../../app/replay-visibility';
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
    return runCommand(
      commandContextOf(ctx),
      {
        operation: 'createMetric',
        args: { input },
        idempotencyKey,
        after: (r) => ({ type: 'metric', id: r.id, experimentId: null }),
        shows: showsNothing,
      },
      (m) => createMetric(m, input, ctx.now),
    );
  }

  @Mutation(() => Metric, {
    description: 'Edits a catalogue metric; its type cannot change once results exist (CONFLICT METRIC_IN_USE).',
  })
  updateMetric(
    @Arg('input', () => UpdateMetricInput, { description: 'The changes.' }) input: UpdateMetricInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Metric> {
    return runCommand(
      commandContextOf(ctx),
      {
        operation: 'updateMetric',
        args: { input },
        idempotencyKey,
        before: catalogueRef('metric', { id: input.id }),
        shows: showsNothing,
      },
      (m) => updateMetric(m, input, ctx.now),
    );
  }
}
