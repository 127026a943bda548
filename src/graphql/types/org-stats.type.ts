import { DateTimeScalar } from '../scalars/date-time.scalar';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import type * as a from '../../domain/analysis-types';
import type * as d from '../../domain/experiment';
import { CategorySubReason, ValidityReasonCode } from '../analysis-enums';
import { Cacheable } from '../cacheable';
import { DecisionKind } from '../enums';
import { OrgNode } from './org-node.type';
import { STALE_STOPPED_DAYS } from '../../domain/ruleset';
import { StatsPrecision, StatsRuntime, StatsVolume } from './companion-stats.type';
import { RateWithInterval } from './rate-with-interval.type';

export { RateWithInterval };

@ObjectType({
  simpleResolvers: true,
  description: 'Experiments per EwL category. The five concluded categories sum to `concluded`.',
})
export class CategoryCounts {
  @Cacheable() @Field(() => Int, { description: 'Concluded WIN.' }) win: number;
  @Cacheable() @Field(() => Int, { description: 'Concluded REGRESSION.' }) regression: number;
  @Cacheable() @Field(() => Int, { description: 'Concluded POWERED_NEUTRAL.' }) poweredNeutral: number;
  @Cacheable() @Field(() => Int, { description: 'Concluded UNDERPOWERED.' }) underpowered: number;
  @Cacheable() @Field(() => Int, { description: 'Concluded INVALID.' }) invalid: number;
  @Cacheable()
  @Field(() => Int, { description: 'PENDING at the end of the window (same as OrgStats.pending).' })
  pending: number;
  @Cacheable()
  @Field(() => Int, { description: 'EXCLUDED, concluded in the window (same as OrgStats.excluded).' })
  excluded: number;
}

// Not simpleResolvers: the field named `key` in TypeScript is exposed under another name, which
// only type-graphql's resolver maps.
@ObjectType({ description: 'INVALID experiments that list one validity reason.' })
export class ValidityReasonCount {
  @Cacheable()
  @Field(() => ValidityReasonCode, { name: 'reason', description: 'The validity reason.' })
  key: a.ValidityReasonCode;
  @Cacheable()
  @Field(() => Int, {
    description: 'INVALID experiments listing it (an experiment with several reasons counts under each).',
  })
  count: number;
}

// Not simpleResolvers: the field named `key` in TypeScript is exposed under another name, which
// only type-graphql's resolver maps.
@ObjectType({ description: 'UNDERPOWERED experiments with one sub-reason.' })
export class SubReasonCount {
  @Cacheable()
  @Field(() => CategorySubReason, { name: 'subReason', description: 'Why the experiment was not powered.' })
  key: a.CategorySubReason;
  @Cacheable() @Field(() => Int, { description: 'UNDERPOWERED experiments with this sub-reason.' }) count: number;
}

// Not simpleResolvers: the field named `key` in TypeScript is exposed under another name, which
// only type-graphql's resolver maps.
@ObjectType({ description: 'Concluded experiments whose current decision has one kind.' })
export class DecisionKindCount {
  @Cacheable()
  @Field(() => DecisionKind, { name: 'kind', description: 'Kind of the current (latest) decision.' })
  key: d.DecisionKind;
  @Cacheable()
  @Field(() => Int, { description: 'Concluded experiments whose current decision has this kind.' })
  count: number;
}

@ObjectType({ simpleResolvers: true, description: 'Concluded experiments without any recorded decision.' })
export class DecisionDebt {
  @Cacheable()
  @Field(() => Int, { description: 'How many concluded experiments (in the window) have no decision at all.' })
  count: number;
  // Not cacheable: an age grows with every request's clock.
  @Field(() => Float, {
    nullable: true,
    description:
      'Age in days, at min(to, now), of the oldest of them (from its conclusion date); null when there is none.',
  })
  oldestAgeDays: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Pooled EwL statistics of a set of experiments (docs/ewl-rules.md §7-§8): an org node (OWN or SUBTREE) or any experiment filter, in a window ' +
    '[from, to) on the conclusion date. Every rate is over the single denominator `concluded` and is null when it is 0. ' +
    `A STOPPED experiment without a conclusion counts as concluded at its end once more than ${STALE_STOPPED_DAYS} days passed at min(to, now).`,
})
export class OrgStats {
  @Cacheable()
  @Field(() => Int, { description: 'In-scope experiments concluded in the window: the denominator of every rate.' })
  concluded: number;
  @Cacheable() @Field(() => CategoryCounts, { description: 'Experiments per category.' }) counts: CategoryCounts;
  @Cacheable()
  @Field(() => RateWithInterval, { nullable: true, description: '(WIN + REGRESSION + POWERED_NEUTRAL) / concluded.' })
  learningRate: RateWithInterval | null;
  @Cacheable()
  @Field(() => RateWithInterval, { nullable: true, description: 'WIN / concluded (never above learningRate).' })
  winRate: RateWithInterval | null;
  @Cacheable()
  @Field(() => RateWithInterval, { nullable: true, description: 'REGRESSION / concluded.' })
  regressionRate: RateWithInterval | null;
  @Cacheable()
  @Field(() => RateWithInterval, { nullable: true, description: 'POWERED_NEUTRAL / concluded.' })
  neutralRate: RateWithInterval | null;
  @Cacheable()
  @Field(() => RateWithInterval, { nullable: true, description: 'UNDERPOWERED / concluded.' })
  underpoweredRate: RateWithInterval | null;
  @Cacheable()
  @Field(() => RateWithInterval, { nullable: true, description: 'INVALID / concluded.' })
  invalidRate: RateWithInterval | null;
  @Cacheable()
  @Field(() => RateWithInterval, {
    nullable: true,
    description:
      'Shipping rate, a companion of the learning rate: concluded experiments whose current decision is SHIP or SHIP_INFRA / concluded.',
  })
  shippingRate: RateWithInterval | null;
  @Cacheable()
  @Field(() => Int, {
    description: `In-scope experiments running at \`to\`: started before it and not concluded by it (a STOPPED one for up to ${STALE_STOPPED_DAYS} days after its end).`,
  })
  pending: number;
  @Cacheable()
  @Field(() => Int, {
    description: 'Out-of-scope experiments (countsTowardEwl false) concluded in the window; never in the rates.',
  })
  excluded: number;
  @Cacheable()
  @Field(() => Int, {
    description:
      'In-scope reruns (restartOf set) started in the window, reported next to the rates (docs/ewl-rules.md §6.4).',
  })
  restarts: number;
  @Cacheable()
  @Field(() => [ValidityReasonCount], {
    description: 'Why concluded experiments were INVALID, by validity reason; non-zero entries, largest first.',
  })
  invalidByReason: ValidityReasonCount[];
  @Cacheable()
  @Field(() => [SubReasonCount], {
    description: 'Why concluded experiments were UNDERPOWERED, by sub-reason; non-zero entries, largest first.',
  })
  underpoweredBySubReason: SubReasonCount[];
  @Cacheable()
  @Field(() => [DecisionKindCount], {
    description: 'Current decisions of the concluded experiments by kind; non-zero entries, largest first.',
  })
  decisionsByKind: DecisionKindCount[];
  @Cacheable()
  @Field(() => Int, {
    description:
      'Concluded experiments whose current decision does not fit their category (docs/ewl-rules.md §6.6; e.g. SHIP on a REGRESSION).',
  })
  inconsistentDecisions: number;
  @Cacheable()
  @Field(() => Int, {
    description:
      'Concluded experiments (of `concluded`) whose pre-registered design was amended after launch (amendExperimentDesign). ' +
      'They still count in their category; this tells how many results rest on moved goalposts.',
  })
  amendedAfterLaunch: number;
  @Cacheable()
  @Field(() => DecisionDebt, { description: 'Concluded experiments still without a decision.' })
  decisionDebt: DecisionDebt;
  @Cacheable()
  @Field(() => Float, {
    nullable: true,
    description:
      'Median days from the end of a concluded experiment to its current decision; null when none is decided.',
  })
  medianDaysToDecision: number | null;
  @Cacheable()
  @Field(() => StatsVolume, { description: 'Volume: experiments started and concluded in the window.' })
  volume: StatsVolume;
  @Cacheable()
  @Field(() => StatsPrecision, { description: 'Precision: median relative MDE and powered effect, with counts.' })
  precision: StatsPrecision;
  @Cacheable()
  @Field(() => StatsRuntime, { description: 'Runtime: median days run and the share that ran longer than planned.' })
  runtime: StatsRuntime;
}

@ObjectType({ simpleResolvers: true, description: 'The statistics of one period of a series.' })
export class OrgStatsPeriod {
  @Field(() => DateTimeScalar, {
    description: 'Start of the period (inclusive): a calendar boundary in UTC, or `from` for the first one.',
  })
  periodStart: Date;
  @Field(() => DateTimeScalar, {
    description: 'End of the period (exclusive): a calendar boundary in UTC, or `to` for the last one.',
  })
  periodEnd: Date;
  @Field(() => OrgStats, { description: 'The same numbers as OrgNode.stats(from: periodStart, to: periodEnd).' })
  stats: OrgStats;
}

@ObjectType({ simpleResolvers: true, description: 'A descendant node in a ranking by one rate.' })
export class OrgNodeRank {
  @Cacheable() @Field(() => Int, { description: 'Position, from 1.' }) rank: number;
  @Cacheable() @Field(() => OrgNode, { description: 'The ranked node.' }) node: OrgNode;
  @Cacheable() @Field(() => RateWithInterval, { description: 'The rate ranked by.' }) rate: RateWithInterval;
  @Cacheable()
  @Field(() => OrgStats, { description: "All statistics of the node, with the ranking's scope, window and filter." })
  stats: OrgStats;
}
