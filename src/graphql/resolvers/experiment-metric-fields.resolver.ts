import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { type Context } from '../context';
import { ResultPeriod } from '../enums';
import { ExperimentMetric, ExternalResult, Metric, MetricResult } from '../types/metric.type';

/** Relations of ExperimentMetric, through per-request DataLoaders. */
@Resolver(() => ExperimentMetric)
export class ExperimentMetricFieldsResolver {
  // Non-null: metric_id is a NOT NULL foreign key with ON DELETE RESTRICT.
  @FieldResolver(() => Metric, { description: 'The catalogue metric.' })
  metric(
    @Root() experimentMetric: d.ExperimentMetric,
    @Ctx() ctx: Context,
  ): d.Metric | null | Promise<d.Metric | null> {
    return ctx.loaders.metricById.loadPrimed(experimentMetric.metricId);
  }

  @FieldResolver(() => [MetricResult], {
    description: 'Recorded sufficient statistics per variant for one period, in variant order.',
  })
  results(
    @Root() experimentMetric: d.ExperimentMetric,
    @Arg('period', () => ResultPeriod, {
      nullable: true,
      defaultValue: 'EXPOSURE',
      description: 'Which period: EXPOSURE (default; also when null) or PRE_EXPOSURE.',
    })
    period: d.ResultPeriod | null,
    @Ctx() ctx: Context,
  ): d.MetricResult[] | Promise<d.MetricResult[]> {
    return ctx.loaders.metricResultsByExperimentMetricId.loadPrimed({
      experimentMetricId: experimentMetric.id,
      period: period ?? 'EXPOSURE',
    });
  }

  @FieldResolver(() => [ExternalResult], {
    description: 'Results computed by another platform (EXTERNAL analysis mode), in variant order.',
  })
  externalResults(@Root() experimentMetric: d.ExperimentMetric, @Ctx() ctx: Context): Promise<d.ExternalResult[]> {
    return ctx.loaders.externalResultsByExperimentMetricId.load(experimentMetric.id);
  }
}
