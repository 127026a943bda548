/**
 * A histogram with fixed bin edges (docs/meta-analysis.md): the bins (−∞, e₀), [e₀, e₁), ...,
 * [e_last, +∞), from values or from counts per bin (a database's width_bucket counts).
 */
import { rejectValue, requireCount, requireFinite } from './validation';

/** One bin of {@link histogram}: [lower, upper), with open ends as ±Infinity. */
export interface HistogramBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
}

/**
 * Counts `values` in the bins cut by `edges`: (−∞, e₀), [e₀, e₁), ..., [e_last, +∞), so every
 * finite value falls in exactly one of edges.length + 1 bins.
 *
 * @param values - finite numbers.
 * @param edges - finite, strictly increasing, at least one.
 * @throws {RangeError} if a value or an edge is outside its domain.
 * @example
 * ```ts
 * histogram({ values: [-0.02, 0, 0.004], edges: [-0.01, 0, 0.01] });
 * // [{ lower: -Infinity, upper: -0.01, count: 1 }, { lower: -0.01, upper: 0, count: 0 },
 * //  { lower: 0, upper: 0.01, count: 2 }, { lower: 0.01, upper: Infinity, count: 0 }]
 * ```
 */
export function histogram({ values, edges }: { values: readonly number[]; edges: readonly number[] }): HistogramBin[] {
  requireEdges(edges);
  const counts = new Array<number>(edges.length + 1).fill(0);
  values.forEach((value, i) => {
    requireFinite({ name: `values[${i}]`, value });
    // The first edge above the value; its index is the bin's (binary search over the sorted edges).
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid]! <= value) lo = mid + 1;
      else hi = mid;
    }
    counts[lo] = (counts[lo] ?? 0) + 1;
  });
  return binsOf(edges, counts);
}

/**
 * The bins of {@link histogram} from counts already taken: `counts[i]` values fell in bin i, the
 * number of edges ≤ the value (PostgreSQL's `width_bucket(value, edges)`); missing bins count 0.
 *
 * @param counts - bin index → count, indexes from 0 to edges.length.
 * @throws {RangeError} if an edge or an index is outside its domain.
 * @example histogramFromCounts({ edges: [0], counts: new Map([[1, 3]]) }) // [{ -∞, 0, 0 }, { 0, ∞, 3 }]
 */
export function histogramFromCounts({
  edges,
  counts,
}: {
  edges: readonly number[];
  counts: ReadonlyMap<number, number>;
}): HistogramBin[] {
  requireEdges(edges);
  const list = new Array<number>(edges.length + 1).fill(0);
  for (const [index, count] of counts) {
    if (!Number.isInteger(index) || index < 0 || index > edges.length)
      rejectValue({ name: 'counts index', value: index, allowed: `an integer from 0 to ${edges.length}` });
    list[index] = count;
  }
  return binsOf(edges, list);
}

function requireEdges(edges: readonly number[]): void {
  requireCount({ name: 'edges.length', value: edges.length, min: 1 });
  edges.forEach((edge, i) => {
    requireFinite({ name: `edges[${i}]`, value: edge });
    if (i > 0 && !(edge > edges[i - 1]!))
      rejectValue({ name: `edges[${i}]`, value: edge, allowed: `a number > edges[${i - 1}] (${edges[i - 1]})` });
  });
}

const binsOf = (edges: readonly number[], counts: readonly number[]): HistogramBin[] =>
  counts.map((count, i) => ({
    lower: i === 0 ? -Infinity : edges[i - 1]!,
    upper: i === edges.length ? Infinity : edges[i]!,
    count,
  }));
