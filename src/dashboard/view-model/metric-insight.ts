/**
 * Formatting of a metric view (MetricInsight) as the API answered it: relative effects as signed percentages, the
 * histogram's bins as labels, the random-effects model and the shipped impact as rows. Nothing is recomputed here.
 */

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/** A relative effect as a signed percentage with two decimals, e.g. `+0.38%`, `-1.20%`, `0.00%`. */
export function formatEffect(effect: number): string {
  const text = (effect * 100).toFixed(2);
  if (/^-?0\.00$/.test(text)) return '0.00%';
  return `${effect > 0 ? '+' : ''}${text}%`;
}

/** A 95 % interval of relative effects, e.g. `+0.02% to +0.73%`. */
export function formatEffectInterval(interval: Interval): string {
  return `${formatEffect(interval.lower)} to ${formatEffect(interval.upper)}`;
}

/** A histogram edge as a short percentage, e.g. `-20%`, `0.5%`, `0%`. */
export function formatEdge(edge: number): string {
  return `${Number((edge * 100).toFixed(3))}%`;
}

/** One bin of the histogram (EffectHistogramBin): null bounds are open (−∞, +∞). */
export interface HistogramBin {
  readonly lower: number | null;
  readonly upper: number | null;
  readonly count: number;
}

/** The bin's label: `below -20%`, `-20% to -10%` (upper bound exclusive), `20% or more`. */
export function binLabel(bin: Pick<HistogramBin, 'lower' | 'upper'>): string {
  if (bin.lower === null && bin.upper === null) return 'any effect';
  if (bin.lower === null) return `below ${formatEdge(bin.upper!)}`;
  if (bin.upper === null) return `${formatEdge(bin.lower)} or more`;
  return `${formatEdge(bin.lower)} to ${formatEdge(bin.upper)}`;
}

/** The histogram's bars (labels and counts, in the API's order) and its table rows. */
export function buildHistogram(bins: readonly HistogramBin[]): {
  labels: string[];
  counts: number[];
  rows: Array<{ label: string; count: number }>;
} {
  const rows = bins.map((bin) => ({ label: binLabel(bin), count: bin.count }));
  return { labels: rows.map((r) => r.label), counts: rows.map((r) => r.count), rows };
}

/** The random-effects model (RandomEffectsModel) as the API gives it. */
export interface EffectsModel {
  readonly mean: number;
  readonly meanInterval: Interval;
  readonly tau: number;
  readonly i2: number;
  readonly k: number;
  readonly fixedMean: number;
  readonly q: number;
}

/** Why the API has no model (MetricModelUnavailableReason), in words. */
export const MODEL_UNAVAILABLE_REASONS: Readonly<Record<string, string>> = {
  TOO_FEW_ARMS: 'fewer than 5 arms: too few to estimate how much the true effects differ between arms',
};

/** A labelled number of the summary, with the test id the page gives it. */
export interface SummaryRow {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly detail?: string;
}

export type ModelSummary =
  | { readonly available: true; readonly rows: SummaryRow[] }
  | {
      readonly available: false;
      readonly reason: string;
    };

/** The model's numbers as rows (μ with its interval, τ, I², k, the fixed-effect mean, Q), or why there is none. */
export function summariseModel(model: EffectsModel | null, reason: string | null): ModelSummary {
  if (!model)
    return {
      available: false,
      reason: reason ? (MODEL_UNAVAILABLE_REASONS[reason] ?? reason) : 'no reason given',
    };
  return {
    available: true,
    rows: [
      {
        id: 'model-mean',
        label: 'Pooled mean effect μ',
        value: formatEffect(model.mean),
        detail: `95 % interval ${formatEffectInterval(model.meanInterval)}`,
      },
      {
        id: 'model-tau',
        label: 'Spread of true effects τ',
        value: `${(model.tau * 100).toFixed(2)}%`,
        detail: 'standard deviation between arms',
      },
      {
        id: 'model-i2',
        label: 'Heterogeneity I²',
        value: `${(model.i2 * 100).toFixed(1)}%`,
        detail: 'share of the spread that is real',
      },
      { id: 'model-k', label: 'Arms pooled k', value: String(model.k) },
      { id: 'model-fixed-mean', label: 'Fixed-effect mean', value: formatEffect(model.fixedMean) },
      { id: 'model-q', label: "Cochran's Q", value: model.q.toFixed(1) },
    ],
  };
}

/** What the shipped arms add up to (ShippedImpact). */
export interface ShippedImpact {
  readonly arms: number;
  readonly experiments: number;
  readonly naiveSum: number;
  readonly shrunkSum: number | null;
  readonly shrunkInterval: Interval | null;
  readonly ratio: number | null;
}

/** The shipped impact as rows: naive (observed) sum, corrected (shrunk) sum with its interval, their ratio. */
export function shippedImpactRows(impact: ShippedImpact): SummaryRow[] {
  return [
    {
      id: 'shipped-naive',
      label: 'Naive: observed effects summed',
      value: formatEffect(impact.naiveSum),
      detail: `${impact.arms} shipped arms of ${impact.experiments} experiments`,
    },
    {
      id: 'shipped-shrunk',
      label: 'Corrected: shrunk effects summed',
      value: impact.shrunkSum === null ? '—' : formatEffect(impact.shrunkSum),
      detail: impact.shrunkInterval
        ? `95 % interval ${formatEffectInterval(impact.shrunkInterval)}`
        : 'no model to shrink by',
    },
    {
      id: 'shipped-ratio',
      label: 'Corrected / naive',
      value: impact.ratio === null ? '—' : impact.ratio.toFixed(2),
      detail: 'below 1: the observed wins overstate what was shipped',
    },
  ];
}
