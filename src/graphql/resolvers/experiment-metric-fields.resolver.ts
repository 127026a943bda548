import { type GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { metricResultRows, metricRows } from '../../db/rows/tables';
import { type Context } from '../context';
import { narrowOr } from '../record-shapes';
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
    @Info() info: GraphQLResolveInfo,
  ): d.Metric | null | Promise<d.Metric | null> {
    return narrowOr(ctx, info, 'metric', experimentMetric.metricId, metricRows.properties, () =>
      ctx.loaders.metricById.loadPrimed(experimentMetric.metricId),
    );
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
    @Info() info: GraphQLResolveInfo,
  ): d.MetricResult[] | Promise<d.MetricResult[]> {
    const key = { experimentMetricId: experimentMetric.id, period: period ?? 'EXPOSURE' };
    return narrowOr(ctx, info, 'results', `${key.experimentMetricId}|${key.period}`, metricResultRows.properties, () =>
      ctx.loaders.metricResultsByExperimentMetricId.loadPrimed(key),
    );
  }

  @FieldResolver(() => [ExternalResult], {
    description: 'Results computed by another platform (EXTERNAL analysis mode), in variant order.',
  })
  externalResults(@Root() experimentMetric: d.ExperimentMetric, @Ctx() ctx: Context): Promise<d.ExternalResult[]> {
    return ctx.loaders.externalResultsByExperimentMetricId.load(experimentMetric.id);
  }
}
