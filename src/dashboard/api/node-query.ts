import { graphql } from '../gql';

/**
 * The node page: headline numbers, why experiments were not informative, the companion numbers, the decision debt,
 * the quarterly series, children with their rates, recent experiments.
 */
export const NodePageQuery = graphql(`
  query DashboardNode(
    $key: String!
    $from: DateTime
    $to: DateTime
    $filter: StatsFilter
    $experimentFilter: ExperimentFilter
  ) {
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
      experiments(first: 20, orderBy: { field: CONCLUDED_AT, direction: DESC }, filter: $experimentFilter) {
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
  }
`);
