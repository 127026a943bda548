import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { findByLookup } from '../../db/queries/lookup-reads';
import { parseIdOrKey } from '../lookup-args';
import { findAllMetrics, findMetricByKey } from '../../db/queries/metric-reads';
import { IdOrKeyArgs } from '../args/id-or-key.args';
import { type Context } from '../context';
import { Metric } from '../types/metric.type';

/** Root queries over the metric catalogue. */
@Resolver(() => Metric)
export class MetricResolver {
  @Query(() => [Metric], {
    description:
      'The whole metric catalogue, ordered by key. The catalogue is org-wide: every reader sees all of it; only keys without an org node may change it.',
  })
  metrics(@Ctx() ctx: Context): Promise<d.Metric[]> {
    return findAllMetrics(ctx.dataSource);
  }

  @Query(() => Metric, {
    nullable: true,
    description: 'One catalogue metric by id or key (exactly one of them); null when there is none.',
  })
  metric(@Args() args: IdOrKeyArgs, @Ctx() ctx: Context): Promise<d.Metric | null> {
    return findByLookup(parseIdOrKey(args), {
      byId: (id) => ctx.loaders.metricById.load(id),
      byKey: (key) => findMetricByKey(ctx.dataSource, key),
    });
  }
}
