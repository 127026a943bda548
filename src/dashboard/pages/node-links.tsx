import { Link } from '../router';
import { writeMetricParams, DEFAULT_METRIC_PARAMS } from '../view-model/metric-params';
import { routePath } from '../view-model/routes';
import { DEFAULT_SEARCH_PARAMS, writeSearchParams } from '../view-model/search-params';
import type { ViewParams } from '../view-model/view-params';

/** Links from a node page to the Search and Metric pages for the node's subtree, with its window and kinds. */
export function NodeLinks({ nodeKey, params }: { nodeKey: string; params: ViewParams }) {
  const view = { node: nodeKey, from: params.from, to: params.to, kinds: params.kinds };
  return (
    <p className="caption">
      <Link href={`${routePath({ page: 'search' })}${writeSearchParams({ ...DEFAULT_SEARCH_PARAMS, ...view })}`}>
        {params.from || params.to
          ? 'Search the experiments concluded here in the window'
          : "Search this node's experiments"}
      </Link>
      {' · '}
      <Link href={`${routePath({ page: 'metrics' })}${writeMetricParams({ ...DEFAULT_METRIC_PARAMS, ...view })}`}>
        What each metric taught here
      </Link>
    </p>
  );
}
