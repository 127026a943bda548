import { normalCdf, normalSf } from '../stats/distributions';
import { achievedPower, poweredEffect } from '../stats/power';
import type { AnalysisMetric, MetricArmAnalysis } from './analysis-types';
import { type Comparison, emptyAnalysis, finite, needsPower, toAbsolute, toRelative, zUpper } from './metric-analysis';

/**
 * One metric, one treatment arm, EXTERNAL mode (docs/ewl-rules.md §2.6, §3.8, §3.11, §11 A18): the estimate and
 * standard error come from another platform, which may have used sequential tests, so its
 * significance flags are accepted as given. A flag the platform left out is computed from
 * estimate/SE with the same z rules as FIXED_HORIZON. Powered iff (z_{1−a} + z_{1−b})·SE ≤ δ;
 * without a standard error, iff the experiment's units reach `plannedSampleSize`. The relative
 * effect divides by the reported control mean (its own noise is unknown here).
 * The relative interval is ordered (lower ≤ upper) also when the control mean is negative. Without
 * a standard error the plannedSampleSize rule applies whenever the metric has an MDE (NIM)
 * configured, even one that is relative and cannot be converted for lack of a control mean: that
 * rule does not use the converted size (docs/ewl-rules.md §3.8).
 */
export function analyseExternalMetricArm(
  metric: AnalysisMetric,
  cmp: Comparison,
  totalUnits: number | null,
  plannedSampleSize: number | null,
): MetricArmAnalysis {
  const ext = metric.externalResults.find((r) => r.variantId === cmp.treatment.id);
  if (!ext) return emptyAnalysis(metric, cmp.levels, 'NO_DATA', 'No external result for this arm.');
  const base = emptyAnalysis(metric, cmp.levels, null, null);
  const { levels } = cmp;
  const se = ext.stdErr !== null && ext.stdErr > 0 ? ext.stdErr : null;
  const dir = metric.preferredDirection === 'INCREASE' ? 1 : -1;
  const zStat = se !== null ? (dir * ext.estimateAbs) / se : null;
  const alpha = base.alphaUsed;
  const zMain = zUpper(alpha);
  const meanC = ext.controlMean;
  const mdeAbs = metric.role === 'SUCCESS' ? toAbsolute(metric.mde, metric.mdeScale, meanC) : null;
  const nimAbs = metric.role === 'GUARDRAIL' ? toAbsolute(metric.nim, metric.nimScale, meanC) : null;
  const isSuccess = metric.role === 'SUCCESS';
  const isNi = metric.role === 'GUARDRAIL' && metric.nim !== null;
  const computedNi = zStat !== null && nimAbs !== null && se !== null ? zStat + nimAbs / se > zMain : null;
  const result: MetricArmAnalysis = {
    ...base,
    meanC,
    meanT: meanC !== null ? meanC + ext.estimateAbs : null,
    diffAbs: ext.estimateAbs,
    stdErr: se,
    diffRel: meanC ? finite(ext.estimateAbs / meanC) : null,
    stdErrRel: meanC && se !== null ? finite(se / Math.abs(meanC)) : null,
    ciAbs: se !== null ? { lower: ext.estimateAbs - zMain * se, upper: ext.estimateAbs + zMain * se } : null,
    ciRel: meanC && se !== null ? relativeInterval(ext.estimateAbs, zMain * se, meanC) : null,
    mdeAbs,
    nimAbs,
    mdeRelative: isSuccess ? toRelative(metric.mde, metric.mdeScale, meanC) : null,
    nimRelative: metric.role === 'GUARDRAIL' ? toRelative(metric.nim, metric.nimScale, meanC) : null,
    pValueSuperiority: isSuccess && zStat !== null ? normalSf({ z: zStat }) : null,
    pValueNonInferiority:
      isNi && zStat !== null && nimAbs !== null && se !== null ? normalSf({ z: zStat + nimAbs / se }) : null,
    pValueDeterioration: zStat !== null ? normalCdf({ z: zStat }) : null,
    superior: isSuccess ? (ext.superior ?? (zStat !== null ? zStat > zMain : false)) : null,
    nonInferior: isNi ? (ext.nonInferior ?? computedNi ?? false) : null,
    deteriorated: ext.deteriorated ?? (zStat !== null ? zStat < -zUpper(levels.alphaDeterioration) : false),
  };
  if (ext.superior !== null && ext.superior && ext.deteriorated) {
    // A platform cannot call one estimate both superior and deteriorated; keep its words but note them.
    return { ...result, dataStatusDetail: 'The platform flagged the arm both superior and deteriorated.' };
  }
  if (!needsPower(metric)) return result;
  const effect = isSuccess ? mdeAbs : nimAbs;
  if (se !== null) {
    if (effect === null) return result;
    const beta = levels.betaPerTest;
    const powered = poweredEffect({ alpha, beta, stdErr: se });
    return {
      ...result,
      poweredEffectAbs: powered,
      isPowered: powered <= effect,
      achievedPower: achievedPower({ effect, stdErr: se, alpha }),
    };
  }
  if ((isSuccess ? metric.mde : metric.nim) === null) return result;
  const enough = totalUnits !== null && plannedSampleSize !== null && totalUnits >= plannedSampleSize;
  return { ...result, isPowered: enough };
}

/** (estimate ± halfWidth) / controlMean, ordered so that lower ≤ upper for a negative control mean. */
function relativeInterval(estimate: number, halfWidth: number, controlMean: number): { lower: number; upper: number } {
  const a = (estimate - halfWidth) / controlMean;
  const b = (estimate + halfWidth) / controlMean;
  return { lower: Math.min(a, b), upper: Math.max(a, b) };
}
