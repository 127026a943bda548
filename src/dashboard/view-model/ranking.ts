import { formatInterval, formatRate, type RatesOf, STATS_RATES, type StatsRateName } from './rates';

/** A child node with its statistics, as the node page reads it. */
export interface ChildWithStats extends RatesOf {
  readonly key: string;
  readonly name: string;
  readonly kind: string;
  readonly concluded: number;
}

/**
 * Orders children by a rate the API computed (highest first), as OrgNode.ranking orders descendants: ties by more
 * concluded, then by key; children with no rate (nothing concluded) last. Only the order is the page's.
 */
export function rankChildren(children: readonly ChildWithStats[], by: StatsRateName) {
  const field = STATS_RATES[by].field;
  const sorted = [...children].sort((a, b) => {
    const ra = a[field];
    const rb = b[field];
    if (ra === null || rb === null) return ra === rb ? compareKeys(a.key, b.key) : ra === null ? 1 : -1;
    return rb.value - ra.value || b.concluded - a.concluded || compareKeys(a.key, b.key);
  });
  return sorted.map((child, i) => {
    const rate = child[field];
    return {
      rank: rate === null ? null : i + 1,
      key: child.key,
      name: child.name,
      kind: child.kind,
      concluded: child.concluded,
      rate: formatRate(rate),
      interval: formatInterval(rate),
      smallSample: rate === null || rate.smallSample,
    };
  });
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
