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

/**
 * The experiment page: its header, hypotheses and decisions; its validity and health checks, its EwL category with
 * the reasons, and per treatment arm each metric's relative effect with its interval, MDE or NIM and verdict.
 */
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
`);
