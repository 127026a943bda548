import { graphql } from '../gql';

/** The organisation page: every node with its subtree's learning rate in the window. */
export const OrgOverviewQuery = graphql(`
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
`);

/** The node page: headline numbers, the quarterly series, children with their rates, recent experiments. */
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

/** The experiment page (stage 1: its header; the forest plots and checks are a later stage). */
export const ExperimentPageQuery = graphql(`
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
    }
  }
`);
