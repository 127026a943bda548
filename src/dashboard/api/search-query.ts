import { graphql } from '../gql';

/** The menus of the Search and Metric pages' forms: the org tree and the metric catalogue. */
export const FilterOptionsQuery = graphql(`
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
`);

/** The Search page: one page of the experiments matching the form's filter, in its order. */
export const SearchQuery = graphql(`
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
`);
