/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Why the experiment (or arm) got its category (docs/ewl-rules.md §6.2), or the validity reason when INVALID. */
export type CategorySubReason =
  | 'BELOW_REQUIRED_SAMPLE'
  | 'GUARDRAIL_NOT_CLEARED'
  | 'INFRA_SAFE'
  | 'METRIC_DETERIORATED'
  | 'MISSING_HEALTH_DATA'
  | 'MISSING_MDE'
  | 'NO_DATA'
  | 'NO_DECISION_METRICS'
  | 'NO_EFFECT'
  | 'NO_TRAFFIC'
  | 'REPORTED_CHECK_FAILED'
  | 'SRM_FAILED'
  | 'SUCCESS_METRIC_IMPROVED';

/** What people decided to do after the experiment (docs/ewl-rules.md §2.8). */
export type DecisionKind =
  | 'ABANDON'
  | 'ABORT'
  | 'ITERATE'
  | 'NONE'
  | 'RERUN'
  | 'SHIP'
  | 'SHIP_INFRA';

/** RELATIVE (share of the control mean, 0.05 = 5%) or ABSOLUTE (metric units). */
export type EffectScale =
  | 'ABSOLUTE'
  | 'RELATIVE';

/** Which experiments to list. Every given criterion must hold (AND). Date ranges are half-open: from <= date < to; experiments without the date never match a range on it. An unknown owner node gives an empty result, not an error. */
export type ExperimentFilter = {
  /** Instant the category filters apply the lifecycle rules at (default: now). */
  asOf?: string | null | undefined;
  /** Stored EwL category at asOf is one of these (STOPPED experiments without a conclusion are PENDING for 30 days after their end). Null or an empty list does not restrict. */
  category?: Array<LearningCategory> | null | undefined;
  /** concludedAt >= this instant. */
  concludedFrom?: string | null | undefined;
  /** concludedAt < this instant (must be after concludedFrom). */
  concludedTo?: string | null | undefined;
  /** The CURRENT (latest) decision is one of these kinds; experiments without a decision never match. Null or an empty list does not restrict. */
  decisionKind?: Array<DecisionKind> | null | undefined;
  /** endedAt >= this instant. */
  endedFrom?: string | null | undefined;
  /** endedAt < this instant (must be after endedFrom). */
  endedTo?: string | null | undefined;
  /** With an owner node (or on OrgNode.experiments): true = the node and its whole subtree; false = experiments owned by the node itself only. */
  includeDescendants?: boolean | null | undefined;
  /** true: the experiment counts as learning (WIN, REGRESSION, POWERED_NEUTRAL) at asOf; false: concluded but not informative (UNDERPOWERED, INVALID). PENDING and EXCLUDED match neither. */
  isLearning?: boolean | null | undefined;
  /** Kind is one of these. Null or an empty list does not restrict. In statistics, out-of-scope experiments (countsTowardEwl false) only ever count as excluded. */
  kind?: Array<ExperimentKind> | null | undefined;
  /** The experiment measures AT LEAST ONE of these catalogue metrics (by key; with metricRole, in that role). Null or an empty list does not restrict. */
  metricKeys?: Array<string> | null | undefined;
  /** With metricKeys: one of those metrics has this role; alone: the experiment has some metric in this role. */
  metricRole?: MetricRole | null | undefined;
  /** Owner org node id. Unknown ids match nothing; see includeDescendants. Not together with ownerNodeKey. */
  ownerNodeId?: string | number | null | undefined;
  /** Owner org node key, instead of ownerNodeId. Unknown keys match nothing. */
  ownerNodeKey?: string | null | undefined;
  /** Stored headline recommendation is one of these. Null or an empty list does not restrict. */
  recommendation?: Array<Recommendation> | null | undefined;
  /** Full-text search (PostgreSQL websearch syntax, English stemming: words, "quoted phrases", OR, -excluded) over the key, title and description, the hypotheses and the linked learnings' summaries. Blank does not restrict. */
  search?: string | null | undefined;
  /** startedAt >= this instant. */
  startedFrom?: string | null | undefined;
  /** startedAt < this instant (must be after startedFrom). */
  startedTo?: string | null | undefined;
  /** Status is one of these. Null or an empty list does not restrict. */
  status?: Array<ExperimentStatus> | null | undefined;
  /** The product surface is one of these (compared trimmed and lower-cased). Null or an empty list does not restrict. */
  surface?: Array<string> | null | undefined;
  /** The experiment has ALL of these tags. Null or an empty list does not restrict. */
  tagsAll?: Array<string> | null | undefined;
  /** The experiment has AT LEAST ONE of these tags. Null or an empty list does not restrict. */
  tagsAny?: Array<string> | null | undefined;
  /** Stored validity is one of these. Null or an empty list does not restrict. */
  validity?: Array<Validity> | null | undefined;
};

/** What sort of experiment this is. Only AB_TEST counts toward learning rates by default (docs/ewl-rules.md §6.5). */
export type ExperimentKind =
  | 'AA_TEST'
  | 'AB_TEST'
  | 'CAMPAIGN'
  | 'OTHER'
  | 'ROLLOUT';

/** Sort order of an experiment list. Ties are broken by id (same direction); NULL dates come last in both directions. */
export type ExperimentOrder = {
  /** Direction. */
  direction?: SortDirection;
  /** Sort key. */
  field: ExperimentOrderField;
};

/** What experiments can be sorted by. */
export type ExperimentOrderField =
  | 'CONCLUDED_AT'
  | 'CREATED_AT'
  | 'ENDED_AT'
  | 'KEY'
  | 'STARTED_AT'
  | 'TITLE';

/** Lifecycle: DRAFT -> RUNNING -> STOPPED -> CONCLUDED -> ARCHIVED, one step at a time. */
export type ExperimentStatus =
  | 'ARCHIVED'
  | 'CONCLUDED'
  | 'DRAFT'
  | 'RUNNING'
  | 'STOPPED';

/** A failing BLOCKING check makes the experiment INVALID; WARNING never does. */
export type HealthCheckSeverity =
  | 'BLOCKING'
  | 'WARNING';

/** COMPUTED by the catalogue from the data, or REPORTED by another system. */
export type HealthCheckSource =
  | 'COMPUTED'
  | 'REPORTED';

/** Outcome of a health check. */
export type HealthCheckStatus =
  | 'FAIL'
  | 'NOT_ENOUGH_DATA'
  | 'NOT_RUN'
  | 'PASS'
  | 'WARN';

/** Kind of health check (docs/ewl-rules.md §2.7). */
export type HealthCheckType =
  | 'CUSTOM'
  | 'MIN_RUNTIME'
  | 'MULTIPLE_EXPOSURE'
  | 'NO_TRAFFIC'
  | 'PRE_EXPOSURE_BIAS'
  | 'SRM';

/** Experiments-with-Learning category (docs/ewl-rules.md §6.1). WIN, REGRESSION and POWERED_NEUTRAL are learning; UNDERPOWERED and INVALID are not informative; PENDING and EXCLUDED are outside the rates. */
export type LearningCategory =
  | 'EXCLUDED'
  | 'INVALID'
  | 'PENDING'
  | 'POWERED_NEUTRAL'
  | 'REGRESSION'
  | 'UNDERPOWERED'
  | 'WIN';

/** OK, or NOT_ENOUGH_DATA: the numbers that need the missing data are null (never NaN or Infinity). */
export type MetricDataStatus =
  | 'NOT_ENOUGH_DATA'
  | 'OK';

/** How MetricInsight.effects are ordered: by the observed (RAW_EFFECT) or the shrunk (SHRUNK_EFFECT) effect. */
export type MetricEffectOrder =
  | 'RAW_EFFECT'
  | 'SHRUNK_EFFECT';

/** Why a metric view has no random-effects model: TOO_FEW_ARMS (fewer than 5 eligible arms). */
export type MetricModelUnavailableReason =
  | 'TOO_FEW_ARMS';

/** SUCCESS: superiority test; GUARDRAIL: non-inferiority test when it has a margin (NIM); DETERIORATION: inferiority test only. */
export type MetricRole =
  | 'DETERIORATION'
  | 'GUARDRAIL'
  | 'SUCCESS';

/** Shape of the metric and of its sufficient statistics (docs/ewl-rules.md §2.6). */
export type MetricType =
  | 'BINARY'
  | 'CONTINUOUS'
  | 'RATIO';

/** NO_DATA: an arm has no units yet; INSUFFICIENT_SAMPLE: too few units for a variance (n < 2) or a zero ratio denominator; ZERO_VARIANCE: no variation in either arm; CONTROL_MEAN_ZERO: a relative margin cannot be converted. */
export type NotEnoughDataReason =
  | 'CONTROL_MEAN_ZERO'
  | 'INSUFFICIENT_SAMPLE'
  | 'NO_DATA'
  | 'ZERO_VARIANCE';

/** Which direction of change is good for the metric. */
export type PreferredDirection =
  | 'DECREASE'
  | 'INCREASE';

/** SHIP / CONTINUE / END / ABORT (docs/ewl-rules.md §5); INVESTIGATE when the experiment is not valid. */
export type Recommendation =
  | 'ABORT'
  | 'CONTINUE'
  | 'END'
  | 'INVESTIGATE'
  | 'SHIP';

/** ASC (smallest/oldest first) or DESC (largest/newest first). */
export type SortDirection =
  | 'ASC'
  | 'DESC';

/** Which experiments the statistics pool (every given criterion must hold; null or empty lists do not restrict). */
export type StatsFilter = {
  /** Kind is one of these. Null or an empty list does not restrict. In statistics, out-of-scope experiments (countsTowardEwl false) only ever count as excluded. */
  kind?: Array<ExperimentKind> | null | undefined;
  /** The experiment measures AT LEAST ONE of these catalogue metrics (by key; with metricRole, in that role). Null or an empty list does not restrict. */
  metricKeys?: Array<string> | null | undefined;
  /** With metricKeys: one of those metrics has this role; alone: the experiment has some metric in this role. */
  metricRole?: MetricRole | null | undefined;
  /** The product surface is one of these (compared trimmed and lower-cased). Null or an empty list does not restrict. */
  surface?: Array<string> | null | undefined;
  /** The experiment has ALL of these tags. Null or an empty list does not restrict. */
  tagsAll?: Array<string> | null | undefined;
  /** The experiment has AT LEAST ONE of these tags. Null or an empty list does not restrict. */
  tagsAny?: Array<string> | null | undefined;
};

/** VALID; INVALID (a blocking health check failed); UNKNOWN (health data missing, counted as INVALID for EwL). */
export type Validity =
  | 'INVALID'
  | 'UNKNOWN'
  | 'VALID';

/** Why an experiment is not valid. */
export type ValidityReasonCode =
  | 'MISSING_HEALTH_DATA'
  | 'NO_TRAFFIC'
  | 'REPORTED_CHECK_FAILED'
  | 'SRM_FAILED';

export type DashboardMetricCatalogueQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardMetricCatalogueQuery = { metrics: Array<{ key: string, name: string, description: string, type: MetricType, preferredDirection: PreferredDirection }> };

export type DashboardMetricInsightQueryVariables = Exact<{
  metricKey: string;
  from?: string | null | undefined;
  to?: string | null | undefined;
  filter?: ExperimentFilter | null | undefined;
  order: MetricEffectOrder;
  direction: SortDirection;
  first: number;
  offset: number;
}>;


export type DashboardMetricInsightQuery = { metricInsight: { experiments: number, arms: number, betterArms: number, worseArms: number, modelUnavailableReason: MetricModelUnavailableReason | null, metric: { key: string, name: string, description: string, type: MetricType, preferredDirection: PreferredDirection }, byRole: Array<{ role: MetricRole, experiments: number, arms: number }>, histogram: Array<{ lower: number | null, upper: number | null, count: number }>, model: { mean: number, tau: number, i2: number, k: number, fixedMean: number, q: number, meanInterval: { lower: number, upper: number } } | null, shippedImpact: { arms: number, experiments: number, naiveSum: number, shrunkSum: number | null, ratio: number | null, shrunkInterval: { lower: number, upper: number } | null }, effects: Array<{ experimentKey: string, variantKey: string, role: MetricRole, effect: number, better: boolean, worse: boolean, interval: { lower: number, upper: number }, shrunk: { effect: number, shrinkage: number, interval: { lower: number, upper: number } } | null }> } | null };

export type DashboardNodeQueryVariables = Exact<{
  key: string;
  from?: string | null | undefined;
  to?: string | null | undefined;
  filter?: StatsFilter | null | undefined;
  experimentFilter?: ExperimentFilter | null | undefined;
}>;


export type DashboardNodeQuery = { orgNode: { key: string, name: string, kind: string, ancestors: Array<{ key: string, name: string }>, stats: { concluded: number, pending: number, excluded: number, inconsistentDecisions: number, medianDaysToDecision: number | null, learningRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, winRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, regressionRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, neutralRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, underpoweredRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, invalidRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, counts: { underpowered: number, invalid: number }, underpoweredBySubReason: Array<{ subReason: CategorySubReason, count: number }>, invalidByReason: Array<{ reason: ValidityReasonCode, count: number }>, decisionDebt: { count: number, oldestAgeDays: number | null }, volume: { started: number, concluded: number }, shippingRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, precision: { mdeRelative: { median: number | null, count: number }, poweredEffectRelative: { median: number | null, count: number } }, runtime: { daysRun: { median: number | null, count: number }, longerThanPlanned: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null } }, decisionDebt: { totalCount: number, edges: Array<{ node: { key: string, title: string, kind: ExperimentKind, concludedAt: string | null, ewlCategory: LearningCategory | null, owner: { key: string, name: string } } }> }, statsSeries: Array<{ periodStart: string, periodEnd: string, stats: { concluded: number, learningRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, winRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, counts: { win: number, regression: number, poweredNeutral: number, underpowered: number, invalid: number } } }>, children: Array<{ key: string, name: string, kind: string, stats: { concluded: number, pending: number, excluded: number, learningRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, winRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, regressionRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, neutralRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, underpoweredRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, invalidRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null } }>, experiments: { totalCount: number, edges: Array<{ node: { key: string, title: string, status: ExperimentStatus, kind: ExperimentKind, concludedAt: string | null, ewlCategory: LearningCategory | null, owner: { key: string, name: string } } }> } } | null };

export type DashboardRateFragment = { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number };

export type DashboardNodeStatsFragment = { inconsistentDecisions: number, medianDaysToDecision: number | null, counts: { underpowered: number, invalid: number }, underpoweredBySubReason: Array<{ subReason: CategorySubReason, count: number }>, invalidByReason: Array<{ reason: ValidityReasonCode, count: number }>, decisionDebt: { count: number, oldestAgeDays: number | null }, volume: { started: number, concluded: number }, shippingRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, precision: { mdeRelative: { median: number | null, count: number }, poweredEffectRelative: { median: number | null, count: number } }, runtime: { daysRun: { median: number | null, count: number }, longerThanPlanned: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null } };

export type DashboardStatsFragment = { concluded: number, pending: number, excluded: number, learningRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, winRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, regressionRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, neutralRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, underpoweredRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null, invalidRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null };

export type DashboardOrgOverviewQueryVariables = Exact<{
  from?: string | null | undefined;
  to?: string | null | undefined;
  filter?: StatsFilter | null | undefined;
}>;


export type DashboardOrgOverviewQuery = { orgNodes: Array<{ key: string, name: string, kind: string, parent: { key: string } | null, stats: { concluded: number, learningRate: { value: number, lower: number, upper: number, smallSample: boolean, successes: number, total: number } | null } }> };

export type DashboardExperimentQueryVariables = Exact<{
  key: string;
}>;


export type DashboardExperimentQuery = { experiment: { key: string, title: string, description: string, status: ExperimentStatus, kind: ExperimentKind, startedAt: string | null, endedAt: string | null, concludedAt: string | null, ewlCategory: LearningCategory | null, countsTowardEwl: boolean, owner: { key: string, name: string, ancestors: Array<{ key: string, name: string }> }, hypotheses: Array<{ statement: string }>, decisions: Array<{ kind: DecisionKind, decidedAt: string, decidedBy: string, rationale: string, isCurrent: boolean, consistentWithAnalysis: boolean | null }>, variants: Array<{ id: string, key: string, name: string, isControl: boolean, plannedWeight: number, units: number | null }>, metrics: Array<{ id: string, role: MetricRole, mde: number | null, mdeScale: EffectScale | null, nim: number | null, nimScale: EffectScale | null, metric: { key: string, name: string, preferredDirection: PreferredDirection } }>, analysis: { rulesetVersion: string, validity: Validity, category: LearningCategory, provisional: boolean, provisionalCategory: LearningCategory, subReason: CategorySubReason | null, recommendation: Recommendation, isLearning: boolean | null, isWin: boolean | null, conclusionDate: string | null, expectedDecisions: Array<DecisionKind>, designAmendedAfterLaunch: boolean, validityReasons: Array<{ code: ValidityReasonCode, message: string, checkType: HealthCheckType | null }>, healthChecks: Array<{ type: HealthCheckType, name: string, source: HealthCheckSource, status: HealthCheckStatus, severity: HealthCheckSeverity, pValue: number | null, observed: number | null, threshold: number | null, details: string, reporter: string }>, arms: Array<{ variantId: string, variantKey: string, category: LearningCategory, subReason: CategorySubReason, recommendation: Recommendation, powered: boolean, reasons: Array<string>, metrics: Array<{ metricId: string, metricKey: string, role: MetricRole, dataStatus: MetricDataStatus, dataStatusReason: NotEnoughDataReason | null, dataStatusDetail: string | null, meanC: number | null, mdeRelative: number | null, nimRelative: number | null, diffAbs: number | null, diffRel: number | null, ciLevel: number, superior: boolean | null, nonInferior: boolean | null, deteriorated: boolean, isPowered: boolean | null, ciRel: { lower: number, upper: number } | null }> }> } } | null };

export type DashboardFilterOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardFilterOptionsQuery = { orgNodes: Array<{ key: string, name: string, parent: { key: string } | null }>, metrics: Array<{ key: string, name: string }> };

export type DashboardSearchQueryVariables = Exact<{
  filter?: ExperimentFilter | null | undefined;
  orderBy?: ExperimentOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DashboardSearchQuery = { experiments: { totalCount: number, pageInfo: { endCursor: string | null, hasNextPage: boolean }, edges: Array<{ node: { key: string, title: string, status: ExperimentStatus, kind: ExperimentKind, concludedAt: string | null, ewlCategory: LearningCategory | null, tags: Array<string>, owner: { key: string, name: string }, decision: { kind: DecisionKind } | null } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const DashboardRateFragmentDoc = new TypedDocumentString(`
    fragment DashboardRate on RateWithInterval {
  value
  lower
  upper
  smallSample
  successes
  total
}
    `, {"fragmentName":"DashboardRate"}) as unknown as TypedDocumentString<DashboardRateFragment, unknown>;
export const DashboardNodeStatsFragmentDoc = new TypedDocumentString(`
    fragment DashboardNodeStats on OrgStats {
  counts {
    underpowered
    invalid
  }
  underpoweredBySubReason {
    subReason
    count
  }
  invalidByReason {
    reason
    count
  }
  inconsistentDecisions
  medianDaysToDecision
  decisionDebt {
    count
    oldestAgeDays
  }
  volume {
    started
    concluded
  }
  shippingRate {
    ...DashboardRate
  }
  precision {
    mdeRelative {
      median
      count
    }
    poweredEffectRelative {
      median
      count
    }
  }
  runtime {
    daysRun {
      median
      count
    }
    longerThanPlanned {
      ...DashboardRate
    }
  }
}
    fragment DashboardRate on RateWithInterval {
  value
  lower
  upper
  smallSample
  successes
  total
}`, {"fragmentName":"DashboardNodeStats"}) as unknown as TypedDocumentString<DashboardNodeStatsFragment, unknown>;
export const DashboardStatsFragmentDoc = new TypedDocumentString(`
    fragment DashboardStats on OrgStats {
  concluded
  pending
  excluded
  learningRate {
    ...DashboardRate
  }
  winRate {
    ...DashboardRate
  }
  regressionRate {
    ...DashboardRate
  }
  neutralRate {
    ...DashboardRate
  }
  underpoweredRate {
    ...DashboardRate
  }
  invalidRate {
    ...DashboardRate
  }
}
    fragment DashboardRate on RateWithInterval {
  value
  lower
  upper
  smallSample
  successes
  total
}`, {"fragmentName":"DashboardStats"}) as unknown as TypedDocumentString<DashboardStatsFragment, unknown>;
export const DashboardMetricCatalogueDocument = new TypedDocumentString(`
    query DashboardMetricCatalogue {
  metrics {
    key
    name
    description
    type
    preferredDirection
  }
}
    `) as unknown as TypedDocumentString<DashboardMetricCatalogueQuery, DashboardMetricCatalogueQueryVariables>;
export const DashboardMetricInsightDocument = new TypedDocumentString(`
    query DashboardMetricInsight($metricKey: String!, $from: DateTime, $to: DateTime, $filter: ExperimentFilter, $order: MetricEffectOrder!, $direction: SortDirection!, $first: Int!, $offset: Int!) {
  metricInsight(metricKey: $metricKey, from: $from, to: $to, filter: $filter) {
    metric {
      key
      name
      description
      type
      preferredDirection
    }
    experiments
    arms
    betterArms
    worseArms
    byRole {
      role
      experiments
      arms
    }
    histogram {
      lower
      upper
      count
    }
    model {
      mean
      meanInterval {
        lower
        upper
      }
      tau
      i2
      k
      fixedMean
      q
    }
    modelUnavailableReason
    shippedImpact {
      arms
      experiments
      naiveSum
      shrunkSum
      shrunkInterval {
        lower
        upper
      }
      ratio
    }
    effects(orderBy: $order, direction: $direction, first: $first, offset: $offset) {
      experimentKey
      variantKey
      role
      effect
      interval {
        lower
        upper
      }
      better
      worse
      shrunk {
        effect
        interval {
          lower
          upper
        }
        shrinkage
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardMetricInsightQuery, DashboardMetricInsightQueryVariables>;
export const DashboardNodeDocument = new TypedDocumentString(`
    query DashboardNode($key: String!, $from: DateTime, $to: DateTime, $filter: StatsFilter, $experimentFilter: ExperimentFilter) {
  orgNode(key: $key) {
    key
    name
    kind
    ancestors {
      key
      name
    }
    stats(from: $from, to: $to, filter: $filter) {
      ...DashboardStats
      ...DashboardNodeStats
    }
    decisionDebt(first: 20, from: $from, to: $to, filter: $filter) {
      totalCount
      edges {
        node {
          key
          title
          kind
          concludedAt
          owner {
            key
            name
          }
          ewlCategory
        }
      }
    }
    statsSeries(bucket: QUARTER, from: $from, to: $to, filter: $filter) {
      periodStart
      periodEnd
      stats {
        concluded
        learningRate {
          ...DashboardRate
        }
        winRate {
          ...DashboardRate
        }
        counts {
          win
          regression
          poweredNeutral
          underpowered
          invalid
        }
      }
    }
    children {
      key
      name
      kind
      stats(from: $from, to: $to, filter: $filter) {
        ...DashboardStats
      }
    }
    experiments(
      first: 20
      orderBy: {field: CONCLUDED_AT, direction: DESC}
      filter: $experimentFilter
    ) {
      totalCount
      edges {
        node {
          key
          title
          status
          kind
          concludedAt
          owner {
            key
            name
          }
          ewlCategory
        }
      }
    }
  }
}
    fragment DashboardRate on RateWithInterval {
  value
  lower
  upper
  smallSample
  successes
  total
}
fragment DashboardNodeStats on OrgStats {
  counts {
    underpowered
    invalid
  }
  underpoweredBySubReason {
    subReason
    count
  }
  invalidByReason {
    reason
    count
  }
  inconsistentDecisions
  medianDaysToDecision
  decisionDebt {
    count
    oldestAgeDays
  }
  volume {
    started
    concluded
  }
  shippingRate {
    ...DashboardRate
  }
  precision {
    mdeRelative {
      median
      count
    }
    poweredEffectRelative {
      median
      count
    }
  }
  runtime {
    daysRun {
      median
      count
    }
    longerThanPlanned {
      ...DashboardRate
    }
  }
}
fragment DashboardStats on OrgStats {
  concluded
  pending
  excluded
  learningRate {
    ...DashboardRate
  }
  winRate {
    ...DashboardRate
  }
  regressionRate {
    ...DashboardRate
  }
  neutralRate {
    ...DashboardRate
  }
  underpoweredRate {
    ...DashboardRate
  }
  invalidRate {
    ...DashboardRate
  }
}`) as unknown as TypedDocumentString<DashboardNodeQuery, DashboardNodeQueryVariables>;
export const DashboardOrgOverviewDocument = new TypedDocumentString(`
    query DashboardOrgOverview($from: DateTime, $to: DateTime, $filter: StatsFilter) {
  orgNodes {
    key
    name
    kind
    parent {
      key
    }
    stats(from: $from, to: $to, filter: $filter) {
      concluded
      learningRate {
        value
        lower
        upper
        smallSample
        successes
        total
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardOrgOverviewQuery, DashboardOrgOverviewQueryVariables>;
export const DashboardExperimentDocument = new TypedDocumentString(`
    query DashboardExperiment($key: String!) {
  experiment(key: $key) {
    key
    title
    description
    status
    kind
    startedAt
    endedAt
    concludedAt
    ewlCategory
    countsTowardEwl
    owner {
      key
      name
      ancestors {
        key
        name
      }
    }
    hypotheses {
      statement
    }
    decisions {
      kind
      decidedAt
      decidedBy
      rationale
      isCurrent
      consistentWithAnalysis
    }
    variants {
      id
      key
      name
      isControl
      plannedWeight
      units
    }
    metrics {
      id
      role
      mde
      mdeScale
      nim
      nimScale
      metric {
        key
        name
        preferredDirection
      }
    }
    analysis {
      rulesetVersion
      validity
      validityReasons {
        code
        message
        checkType
      }
      healthChecks {
        type
        name
        source
        status
        severity
        pValue
        observed
        threshold
        details
        reporter
      }
      category
      provisional
      provisionalCategory
      subReason
      recommendation
      isLearning
      isWin
      conclusionDate
      expectedDecisions
      designAmendedAfterLaunch
      arms {
        variantId
        variantKey
        category
        subReason
        recommendation
        powered
        reasons
        metrics {
          metricId
          metricKey
          role
          dataStatus
          dataStatusReason
          dataStatusDetail
          meanC
          mdeRelative
          nimRelative
          diffAbs
          diffRel
          ciRel {
            lower
            upper
          }
          ciLevel
          superior
          nonInferior
          deteriorated
          isPowered
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardExperimentQuery, DashboardExperimentQueryVariables>;
export const DashboardFilterOptionsDocument = new TypedDocumentString(`
    query DashboardFilterOptions {
  orgNodes {
    key
    name
    parent {
      key
    }
  }
  metrics {
    key
    name
  }
}
    `) as unknown as TypedDocumentString<DashboardFilterOptionsQuery, DashboardFilterOptionsQueryVariables>;
export const DashboardSearchDocument = new TypedDocumentString(`
    query DashboardSearch($filter: ExperimentFilter, $orderBy: ExperimentOrder, $first: Int, $after: String) {
  experiments(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo {
      endCursor
      hasNextPage
    }
    edges {
      node {
        key
        title
        status
        kind
        concludedAt
        ewlCategory
        tags
        owner {
          key
          name
        }
        decision {
          kind
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardSearchQuery, DashboardSearchQueryVariables>;