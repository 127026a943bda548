import { ArgsType, Field, Float, Int, registerEnumType } from 'type-graphql';
import {
  DEFAULT_EFFECT_HISTOGRAM_EDGES,
  MAX_HISTOGRAM_EDGES,
  METRIC_EFFECT_ORDERS,
  MIN_ARMS_FOR_MODEL,
  MODEL_UNAVAILABLE_REASONS,
  type MetricEffectOrder as MetricEffectOrderValue,
} from '../../domain/metric-insight';
import { type SortDirection as SortDirectionValue } from '../../db/queries/experiment-page-reads';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../page-args';
import { enumOf } from '../enums';
import { ExperimentFilterInput } from './experiment-filter.args';
import { SortDirection } from './experiments.args';
import { NodeSetArgs, StatsWindowArgs } from './stats.args';

export const MetricEffectOrder = enumOf(METRIC_EFFECT_ORDERS);
export const MetricModelUnavailableReason = enumOf(MODEL_UNAVAILABLE_REASONS);

registerEnumType(MetricEffectOrder, {
  name: 'MetricEffectOrder',
  description:
    'How MetricInsight.effects are ordered: by the observed (RAW_EFFECT) or the shrunk (SHRUNK_EFFECT) effect.',
});
registerEnumType(MetricModelUnavailableReason, {
  name: 'MetricModelUnavailableReason',
  description: `Why a metric view has no random-effects model: TOO_FEW_ARMS (fewer than ${MIN_ARMS_FOR_MODEL} eligible arms).`,
});

const EDGES_NOTE = `Bin edges of the histogram of observed relative effects, strictly increasing, at most ${MAX_HISTOGRAM_EDGES}; the outer bins are open. Default: ${DEFAULT_EFFECT_HISTOGRAM_EDGES.join(', ')}.`;

/** Arguments of `OrgNode.metricInsight`. */
@ArgsType()
export class MetricInsightArgs extends NodeSetArgs {
  @Field({ description: 'Key of the catalogue metric.' })
  metricKey: string;

  @Field(() => [Float], { nullable: true, description: EDGES_NOTE })
  histogramEdges?: number[] | null;
}

/** Arguments of `metricInsight` (the portfolio form). */
@ArgsType()
export class PortfolioMetricInsightArgs extends StatsWindowArgs {
  @Field({ description: 'Key of the catalogue metric.' })
  metricKey: string;

  @Field(() => [Float], { nullable: true, description: EDGES_NOTE })
  histogramEdges?: number[] | null;

  @Field(() => ExperimentFilterInput, {
    nullable: true,
    description: 'Any filter of the experiments query (all experiments when omitted).',
  })
  filter?: ExperimentFilterInput | null;
}

/** Arguments of `MetricInsight.effects`. */
@ArgsType()
export class MetricEffectsArgs {
  @Field(() => MetricEffectOrder, {
    defaultValue: 'RAW_EFFECT',
    description: 'RAW_EFFECT (default) or SHRUNK_EFFECT (by the raw effect when there is no model).',
  })
  orderBy: MetricEffectOrderValue;

  @Field(() => SortDirection, { defaultValue: 'DESC', description: 'DESC: largest effect first (default).' })
  direction: SortDirectionValue;

  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `How many arms, from 1 to ${MAX_PAGE_SIZE}.` })
  first: number;

  @Field(() => Int, { defaultValue: 0, description: 'How many arms of the order to skip (0 or more).' })
  offset: number;
}
