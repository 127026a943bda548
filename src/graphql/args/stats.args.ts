import { DateTimeScalar } from '../scalars/date-time.scalar';
import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import {
  SMALL_SAMPLE_CONCLUDED,
  STATS_RATES,
  STATS_SCOPES,
  type StatsRate as StatsRateValue,
  type StatsScope as StatsScopeValue,
} from '../../domain/org-rollup';
import {
  MAX_SERIES_BUCKETS,
  MAX_WINDOW_YEARS,
  STATS_BUCKETS,
  type StatsBucket as StatsBucketValue,
} from '../../domain/stats-window';
import { type SortDirection as SortDirectionValue } from '../../db/queries/experiment-page-reads';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../page-args';
import { enumOf } from '../enums';
import { ExperimentAttributeFilterInput, ExperimentFilterInput } from './experiment-filter.args';
import { SortDirection } from './experiments.args';
import { STALE_STOPPED_DAYS } from '../../domain/ruleset';

export const StatsScope = enumOf(STATS_SCOPES);
export const StatsBucket = enumOf(STATS_BUCKETS);
export const StatsRate = enumOf(STATS_RATES);

registerEnumType(StatsScope, {
  name: 'StatsScope',
  description: "Which experiments a node's statistics pool.",
  valuesConfig: {
    OWN: { description: 'Experiments owned by the node itself.' },
    SUBTREE: {
      description: 'Experiments owned by the node or any descendant; each experiment counts once at every ancestor.',
    },
  },
});
registerEnumType(StatsBucket, {
  name: 'StatsBucket',
  description: 'Calendar period (UTC) of a statistics series: MONTH, QUARTER or YEAR.',
});
registerEnumType(StatsRate, {
  name: 'StatsRate',
  description:
    'A rate of OrgStats, all over `concluded`: LEARNING_RATE (WIN + REGRESSION + POWERED_NEUTRAL), WIN_RATE, REGRESSION_RATE, NEUTRAL_RATE (POWERED_NEUTRAL), UNDERPOWERED_RATE, INVALID_RATE.',
});

const WINDOW_NOTE = 'Windows are half-open [from, to) in UTC on the conclusion date.';

@InputType('StatsFilter', {
  description:
    'Which experiments the statistics pool (every given criterion must hold; null or empty lists do not restrict).',
})
export class StatsFilterInput extends ExperimentAttributeFilterInput {}

/** The window every statistics query takes. */
@ArgsType()
export class StatsWindowArgs {
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: `Start of the window (inclusive); null = since the beginning (statsSeries: the last 12 periods). At most ${MAX_WINDOW_YEARS} years before to (statsSeries: at most ${MAX_SERIES_BUCKETS} buckets). ${WINDOW_NOTE}`,
  })
  from?: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: `End of the window (exclusive); default now. PENDING, the ${STALE_STOPPED_DAYS}-day rule for STOPPED experiments and the age of the decision debt are evaluated at min(to, now). ${WINDOW_NOTE}`,
  })
  to?: Date | null;
}

/** The experiments of a node's statistics: the window, the scope and the filter (stats, metricInsight, decisionDebt). */
@ArgsType()
export class NodeSetArgs extends StatsWindowArgs {
  @Field(() => StatsScope, {
    defaultValue: 'SUBTREE',
    description: "OWN (the node's own experiments) or SUBTREE (the node and every descendant).",
  })
  scope: StatsScopeValue;

  @Field(() => StatsFilterInput, { nullable: true, description: 'Restricts the experiments by their attributes.' })
  filter?: StatsFilterInput | null;
}

/** Arguments of `OrgNode.stats`. */
@ArgsType()
export class StatsArgs extends NodeSetArgs {
  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      "Answer as the statistics stood at this past instant: each experiment's stored classification as it was then (experiments created later are absent) " +
      'and the decisions recorded by then; `to` defaults to it and the clock rules run at it. The current org tree and owners apply. Default: now.',
  })
  asOf?: Date | null;
}

/** Arguments of `OrgNode.statsSeries`. */
@ArgsType()
export class StatsSeriesArgs extends StatsArgs {
  @Field(() => StatsBucket, {
    description: `Period length. Buckets are UTC calendar periods clipped to [from, to); without from, the last 12 periods up to to; at most ${MAX_SERIES_BUCKETS} buckets.`,
  })
  bucket: StatsBucketValue;
}

/** Arguments of `OrgNode.ranking`. */
@ArgsType()
export class RankingArgs extends StatsArgs {
  @Field(() => StatsRate, { description: 'The rate to rank by.' })
  by: StatsRateValue;

  @Field(() => Int, {
    defaultValue: SMALL_SAMPLE_CONCLUDED,
    description: 'Only nodes with at least this many concluded experiments (at least 1) are ranked.',
  })
  minConcluded: number;

  @Field(() => SortDirection, {
    defaultValue: 'DESC',
    description: 'DESC: highest rate first (default); ASC: lowest first. Ties: more concluded first, then key.',
  })
  direction: SortDirectionValue;

  @Field(() => Int, {
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many nodes to return, from 1 to ${MAX_PAGE_SIZE}.`,
  })
  first: number;
}

/** Arguments of `portfolioStats`. */
@ArgsType()
export class PortfolioStatsArgs extends StatsWindowArgs {
  @Field(() => ExperimentFilterInput, {
    nullable: true,
    description: 'Any filter of the experiments query (all experiments when omitted).',
  })
  filter?: ExperimentFilterInput | null;
}
