import { graphql } from '../gql';

/** The metric catalogue, for the index of metric pages. */
export const MetricCatalogueQuery = graphql(`
  query DashboardMetricCatalogue {
    metrics {
      key
      name
      description
      type
      preferredDirection
    }
  }
`);

/**
 * The Metric page: what a catalogue metric taught across the experiments of a node's subtree (or all) concluded in
 * the window: counts, the histogram of observed effects, the random-effects model, the shipped impact and a page
 * of the arms' raw and shrunk effects.
 */
export const MetricInsightQuery = graphql(`
  query DashboardMetricInsight(
    $metricKey: String!
    $from: DateTime
    $to: DateTime
    $filter: ExperimentFilter
    $order: MetricEffectOrder!
    $direction: SortDirection!
    $first: Int!
    $offset: Int!
  ) {
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
`);
