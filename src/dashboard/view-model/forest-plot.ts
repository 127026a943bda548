import { axisBounds } from './forest-axis';
import { OKABE_ITO } from './palette';
import { formatRelativeSize } from './relative-format';

/**
 * One treatment arm's forest plot: per metric its relative effect and interval as the API computed them
 * (MetricArmAnalysis.diffRel, ciRel), the metric's MDE or NIM at the relative size the API states (mdeRelative,
 * nimRelative: set relative, or set in absolute units and divided by |control mean| by the API), and a verdict read
 * from the API's flags (superior, nonInferior, deteriorated, isPowered). Nothing is recomputed here: the only
 * arithmetic is the sign that puts a margin on the good or the bad side of zero, and the axis bounds.
 */

/** A metric of the experiment with its settings (ExperimentMetric). */
export interface ExperimentMetricInput {
  readonly id: string;
  readonly role: 'SUCCESS' | 'GUARDRAIL' | 'DETERIORATION';
  readonly mde: number | null;
  readonly mdeScale: 'RELATIVE' | 'ABSOLUTE' | null;
  readonly nim: number | null;
  readonly nimScale: 'RELATIVE' | 'ABSOLUTE' | null;
  readonly metric: {
    readonly key: string;
    readonly name: string;
    readonly preferredDirection: 'INCREASE' | 'DECREASE';
  };
}

/** One metric's analysis against one treatment arm (MetricArmAnalysis), the fields the plot reads. */
export interface MetricArmInput {
  readonly metricId: string;
  readonly metricKey: string;
  readonly dataStatus: 'OK' | 'NOT_ENOUGH_DATA';
  readonly dataStatusReason: string | null;
  readonly dataStatusDetail: string | null;
  readonly meanC: number | null;
  /** The MDE (NIM) on the relative scale of diffRel, as a size; null when the API cannot state it. */
  readonly mdeRelative: number | null;
  readonly nimRelative: number | null;
  readonly diffRel: number | null;
  readonly ciRel: { readonly lower: number; readonly upper: number } | null;
  readonly ciLevel: number;
  readonly superior: boolean | null;
  readonly nonInferior: boolean | null;
  readonly deteriorated: boolean;
  readonly isPowered: boolean | null;
}

export type VerdictTone = 'good' | 'bad' | 'neutral' | 'caution';

export interface Verdict {
  readonly label: string;
  readonly tone: VerdictTone;
}

/**
 * Colour, chart symbol and text mark per tone: Okabe-Ito colours, and a shape besides (the same in the chart and the
 * table), so that colour is never the only cue.
 */
export const VERDICT_STYLE: Readonly<Record<VerdictTone, { colour: string; symbol: string; mark: string }>> = {
  good: { colour: OKABE_ITO.bluishGreen, symbol: 'triangle', mark: '▲' },
  bad: { colour: OKABE_ITO.vermillion, symbol: 'diamond', mark: '◆' },
  neutral: { colour: OKABE_ITO.blue, symbol: 'circle', mark: '●' },
  caution: { colour: OKABE_ITO.orange, symbol: 'rect', mark: '■' },
};

/**
 * The verdict of one metric against one arm, from the API's flags, in the order the arm rule reads them
 * (docs/ewl-rules.md §5, §6.2): not enough data, deteriorated, then by role.
 */
export function metricVerdict(role: ExperimentMetricInput['role'], a: MetricArmInput): Verdict {
  if (a.dataStatus === 'NOT_ENOUGH_DATA') return { label: 'Not enough data', tone: 'caution' };
  if (a.deteriorated) return { label: 'Deteriorated', tone: 'bad' };
  if (role === 'SUCCESS') {
    if (a.superior) return { label: 'Improved', tone: 'good' };
    return a.isPowered
      ? { label: 'No significant effect (powered)', tone: 'neutral' }
      : { label: 'No significant effect (not powered)', tone: 'caution' };
  }
  if (role === 'GUARDRAIL' && a.nonInferior !== null)
    return a.nonInferior
      ? { label: 'Non-inferior (margin cleared)', tone: 'good' }
      : { label: 'Margin not cleared', tone: 'caution' };
  return { label: 'No deterioration', tone: 'neutral' };
}

/** A margin (MDE or NIM) as the experiment states it, and where it sits on the relative axis (null: not drawn). */
export interface Margin {
  readonly kind: 'MDE' | 'NIM';
  /** As configured, e.g. `MDE 2.00% (relative)` or `NIM 0.5 (absolute units, 1.00% relative)`. */
  readonly text: string;
  /** Signed position on the relative axis: the API's relative size on the good (MDE) or bad (NIM) side. */
  readonly x: number | null;
}

export interface ForestRow {
  readonly metricId: string;
  readonly metricKey: string;
  readonly name: string;
  readonly role: ExperimentMetricInput['role'];
  readonly verdict: Verdict;
  readonly effect: number;
  readonly lower: number;
  readonly upper: number;
  readonly ciLevel: number;
  readonly margin: Margin | null;
}

export interface MissingRow {
  readonly metricId: string;
  readonly metricKey: string;
  readonly name: string;
  readonly role: ExperimentMetricInput['role'];
  readonly verdict: Verdict;
  readonly reason: string;
  readonly margin: Margin | null;
}

export interface ForestPlot {
  /** Metrics with a relative effect and interval, in the experiment's metric order. */
  readonly rows: readonly ForestRow[];
  /** Metrics without one, with the API's reason. */
  readonly missing: readonly MissingRow[];
  /** Axis bounds (fractions) holding every interval, margin and zero, rounded outward to a tick step. */
  readonly min: number;
  readonly max: number;
}

/** Why there is no relative effect, as the API states it (NotEnoughDataReason, docs/ewl-rules.md §3.1, §3.3). */
export const NOT_ENOUGH_DATA_LABELS: Readonly<Record<string, string>> = {
  NO_DATA: 'No data in an arm',
  INSUFFICIENT_SAMPLE: 'Too few units for a variance',
  ZERO_VARIANCE: 'No variance in either arm',
  CONTROL_MEAN_ZERO: 'The control mean is 0',
};

/**
 * The MDE of a SUCCESS metric or the NIM of a GUARDRAIL (null for others or when unset), placed at the API's relative
 * size whatever its scale; not drawn when the API states none (control mean 0 or unknown).
 */
export function metricMargin(
  metric: ExperimentMetricInput,
  a: Pick<MetricArmInput, 'meanC' | 'mdeRelative' | 'nimRelative'>,
): Margin | null {
  const margin =
    metric.role === 'SUCCESS'
      ? { kind: 'MDE' as const, value: metric.mde, scale: metric.mdeScale, relative: a.mdeRelative }
      : metric.role === 'GUARDRAIL'
        ? { kind: 'NIM' as const, value: metric.nim, scale: metric.nimScale, relative: a.nimRelative }
        : null;
  if (!margin || margin.value === null || margin.scale === null) return null;
  const { kind, relative } = margin;
  const text =
    margin.scale === 'RELATIVE'
      ? `${kind} ${formatRelativeSize(margin.value)} (relative)`
      : `${kind} ${margin.value} (absolute units${relative === null ? '' : `, ${formatRelativeSize(relative)} relative`})`;
  if (relative === null || a.meanC === null || a.meanC === 0) return { kind, text, x: null };
  // r = Δ / m_C: the good direction on the relative axis is the preferred one, flipped by a negative control mean.
  const good = (metric.metric.preferredDirection === 'INCREASE' ? 1 : -1) * Math.sign(a.meanC);
  return { kind, text, x: (kind === 'MDE' ? good : -good) * relative };
}

/** The forest plot of one arm: its metrics joined to the experiment's (by id), split into drawn and missing. */
export function buildForestPlot(metrics: readonly ExperimentMetricInput[], arm: readonly MetricArmInput[]): ForestPlot {
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const rows: ForestRow[] = [];
  const missing: MissingRow[] = [];
  for (const a of arm) {
    const metric = byId.get(a.metricId);
    const role = metric?.role ?? 'DETERIORATION';
    const common = {
      metricId: a.metricId,
      metricKey: a.metricKey,
      name: metric?.metric.name ?? a.metricKey,
      role,
      verdict: metricVerdict(role, a),
      margin: metric ? metricMargin(metric, a) : null,
    };
    if (a.diffRel !== null && a.ciRel !== null)
      rows.push({ ...common, effect: a.diffRel, lower: a.ciRel.lower, upper: a.ciRel.upper, ciLevel: a.ciLevel });
    else missing.push({ ...common, reason: missingReason(a) });
  }
  const values = [0, ...rows.flatMap((r) => [r.lower, r.upper, r.effect, r.margin?.x ?? 0])];
  return { rows, missing, ...axisBounds(Math.min(...values), Math.max(...values)) };
}

function missingReason(a: MetricArmInput): string {
  const sentence = (text: string) => (text.endsWith('.') ? text : `${text}.`);
  if (a.dataStatusDetail) return sentence(a.dataStatusDetail);
  if (a.dataStatusReason) return sentence(NOT_ENOUGH_DATA_LABELS[a.dataStatusReason] ?? a.dataStatusReason);
  if (a.meanC === 0) return 'The control mean is 0: the API gives the absolute effect only.';
  return 'The API gives no relative effect or interval.';
}
