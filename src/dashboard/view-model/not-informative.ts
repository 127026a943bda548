import type { ChartOption } from './chart-options';
import { CONCLUDED_CATEGORIES } from './categories';

/** Why an UNDERPOWERED experiment was not powered (CategorySubReason, docs/ewl-rules.md §6.2). */
export const SUB_REASON_LABELS: Readonly<Record<string, string>> = {
  NO_DECISION_METRICS: 'No decision metrics',
  NO_DATA: 'No data in an arm',
  MISSING_MDE: 'Missing MDE or NIM',
  BELOW_REQUIRED_SAMPLE: 'Below the required sample',
};

/** Why an INVALID experiment was invalid (ValidityReasonCode, docs/ewl-rules.md §5). */
export const VALIDITY_REASON_LABELS: Readonly<Record<string, string>> = {
  SRM_FAILED: 'Sample ratio mismatch',
  NO_TRAFFIC: 'No traffic in an arm',
  REPORTED_CHECK_FAILED: 'Reported check failed',
  MISSING_HEALTH_DATA: 'Missing health data',
};

/** The statistics fields this view reads (OrgStats). */
export interface NotInformativeStats {
  readonly counts: { readonly underpowered: number; readonly invalid: number };
  readonly underpoweredBySubReason: ReadonlyArray<{ readonly subReason: string; readonly count: number }>;
  readonly invalidByReason: ReadonlyArray<{ readonly reason: string; readonly count: number }>;
}

export interface ReasonRow {
  /** The category the reason belongs to: UNDERPOWERED or INVALID. */
  readonly category: 'UNDERPOWERED' | 'INVALID';
  readonly categoryLabel: string;
  /** The API's code, e.g. BELOW_REQUIRED_SAMPLE. */
  readonly code: string;
  readonly label: string;
  readonly count: number;
}

export interface NotInformative {
  readonly underpowered: number;
  readonly invalid: number;
  /** The reasons in the API's order (largest first) within each category, UNDERPOWERED first. */
  readonly rows: readonly ReasonRow[];
}

const categoryOf = (category: 'UNDERPOWERED' | 'INVALID') => CONCLUDED_CATEGORIES.find((c) => c.category === category)!;

/** The not-informative experiments by category and reason, as the API counts them (nothing recomputed). */
export function buildNotInformative(stats: NotInformativeStats): NotInformative {
  const underpowered = categoryOf('UNDERPOWERED');
  const invalid = categoryOf('INVALID');
  return {
    underpowered: stats.counts.underpowered,
    invalid: stats.counts.invalid,
    rows: [
      ...stats.underpoweredBySubReason.map((r) => ({
        category: 'UNDERPOWERED' as const,
        categoryLabel: underpowered.label,
        code: r.subReason,
        label: SUB_REASON_LABELS[r.subReason] ?? r.subReason,
        count: r.count,
      })),
      ...stats.invalidByReason.map((r) => ({
        category: 'INVALID' as const,
        categoryLabel: invalid.label,
        code: r.reason,
        label: VALIDITY_REASON_LABELS[r.reason] ?? r.reason,
        count: r.count,
      })),
    ],
  };
}

/** One horizontal bar per reason, coloured (and patterned) by its category, top to bottom in the rows' order. */
export function notInformativeOption(view: NotInformative, description: string): ChartOption {
  const rows = [...view.rows].reverse();
  const series = (['UNDERPOWERED', 'INVALID'] as const).map((category) => {
    const c = categoryOf(category);
    return {
      type: 'bar' as const,
      name: c.label,
      stack: 'reasons',
      color: c.colour,
      data: rows.map((r) => (r.category === category ? r.count : null)),
      label: { show: true, position: 'right' as const },
    };
  });
  return {
    aria: { enabled: true, label: { description }, decal: { show: true } },
    textStyle: { fontFamily: 'system-ui, sans-serif' },
    grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.label) },
    series,
  };
}
