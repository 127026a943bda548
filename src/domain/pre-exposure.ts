import type { AnalysisInput, HealthCheckResult } from './analysis-types';
import { preExposurePValue } from './arm-summary';
import { PRE_EXPOSURE_BIAS_P_VALUE } from './ruleset';

/**
 * PRE_EXPOSURE_BIAS (docs/ewl-rules.md §3.10): the §3.2 test (two-sided, H0 Δ = 0) on the pre-period
 * statistics of every SUCCESS and GUARDRAIL metric, each treatment arm against control. WARN when
 * the smallest p-value is below 0.001; NOT_RUN without pre-period data. Severity WARNING: the
 * catalogue has no per-experiment "quality test" configuration, so it never blocks.
 */
export function preExposureBiasCheck(input: Pick<AnalysisInput, 'variants' | 'metrics'>): HealthCheckResult {
  const control = input.variants.find((v) => v.isControl);
  let smallest: { p: number; metric: string } | null = null;
  let tested = 0;
  for (const metric of input.metrics) {
    if (metric.role === 'DETERIORATION' || !control || metric.preExposureResults.length === 0) continue;
    const pre = new Map(metric.preExposureResults.map((r) => [r.variantId, r]));
    for (const arm of input.variants) {
      if (arm.isControl) continue;
      const p = preExposurePValue(metric.type, pre.get(control.id), pre.get(arm.id));
      if (p === null) continue;
      tested += 1;
      if (!smallest || p < smallest.p) smallest = { p, metric: metric.metricKey };
    }
  }
  const base: HealthCheckResult = {
    id: null,
    type: 'PRE_EXPOSURE_BIAS',
    name: '',
    source: 'COMPUTED',
    status: 'NOT_RUN',
    severity: 'WARNING',
    pValue: null,
    observed: null,
    threshold: PRE_EXPOSURE_BIAS_P_VALUE,
    details: 'No pre-exposure data.',
    reporter: '',
    reportedAt: null,
  };
  if (!smallest) return base;
  return {
    ...base,
    status: smallest.p < PRE_EXPOSURE_BIAS_P_VALUE ? 'WARN' : 'PASS',
    pValue: smallest.p,
    details: `${tested} pre-period comparison(s); smallest p on ${smallest.metric}.`,
  };
}
