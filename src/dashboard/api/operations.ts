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
