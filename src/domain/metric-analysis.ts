import { normalCdf, normalQuantile, normalSf } from '../stats/distributions';
import { Z_975 } from '../stats/intervals';
import { achievedPower, poweredEffect, requiredSampleSize } from '../stats/power';
import { relativeEffect } from '../stats/tests';
import type {
  AnalysisMetric,
  AnalysisVariant,
  Interval,
  MetricArmAnalysis,
  NotEnoughDataReason,
} from './analysis-types';
import { summariseArm } from './arm-summary';
import type { EffectScale } from './experiment';
import type { TestLevels } from './test-levels';

/** The comparison a metric is analysed in: control vs one treatment arm, with all arms' weights. */
export interface Comparison {
  readonly control: AnalysisVariant;
  readonly treatment: AnalysisVariant;
  readonly totalWeight: number;
  readonly levels: TestLevels;
}

/** z_{1−a}, computed at the small tail so that 1 − a is never rounded. */
export function zUpper(a: number): number {
  return -normalQuantile({ p: a });
}

/** Relative effect sizes are converted with the control mean (docs/ewl-rules.md §3.3, [CDOCS]); null when it is 0. */
export function toAbsolute(value: number | null, scale: EffectScale | null, controlMean: number | null): number | null {
  if (value === null || scale === null) return null;
  if (scale === 'ABSOLUTE') return value;
  if (controlMean === null || controlMean === 0) return null;
  return value * Math.abs(controlMean);
}

/**
 * The size the tests use (`toAbsolute`) on the relative scale of `diffRel` (docs/ewl-rules.md §15 D21): a relative
 * size as set, an absolute one divided by |control mean|. A size, never signed, like its absolute counterpart.
 *
 * @param value - the configured MDE or NIM (> 0), or null when unset.
 * @param controlMean - the control mean; null or 0 gives null (no relative scale), as do a null value or scale.
 * @example toRelative(0.5, 'ABSOLUTE', -50) // 0.01
 */
export function toRelative(value: number | null, scale: EffectScale | null, controlMean: number | null): number | null {
  if (value === null || scale === null || controlMean === null || controlMean === 0) return null;
  return scale === 'RELATIVE' ? value : finite(value / Math.abs(controlMean));
}

/** Level of the metric's main test: superiority, non-inferiority, or deterioration only (docs/ewl-rules.md §3.5). */
export function mainAlpha(metric: AnalysisMetric, levels: TestLevels): number {
  if (metric.role === 'SUCCESS') return levels.alphaSuccess ?? levels.alphaDeterioration;
  if (metric.role === 'GUARDRAIL' && metric.nim !== null) return levels.alphaGuardrail;
  return levels.alphaDeterioration;
}

/** Whether the metric must be powered for the arm to be powered (docs/ewl-rules.md §3.8). */
export function needsPower(metric: AnalysisMetric): boolean {
  return metric.role === 'SUCCESS' || (metric.role === 'GUARDRAIL' && metric.nim !== null);
}

function interval(centre: number, halfWidth: number): Interval {
  return { lower: centre - halfWidth, upper: centre + halfWidth };
}

/** Finite or null: no analysis field ever carries NaN or Infinity. */
export function finite(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}

export function emptyAnalysis(
  metric: AnalysisMetric,
  levels: TestLevels,
  reason: NotEnoughDataReason | null,
  detail: string | null,
): MetricArmAnalysis {
  const alpha = mainAlpha(metric, levels);
  return {
    metricId: metric.id,
    metricKey: metric.metricKey,
    role: metric.role,
    dataStatus: reason === null ? 'OK' : 'NOT_ENOUGH_DATA',
    dataStatusReason: reason,
    dataStatusDetail: detail,
    meanC: null,
    meanT: null,
    meanCInterval: null,
    meanTInterval: null,
    diffAbs: null,
    stdErr: null,
    diffRel: null,
    stdErrRel: null,
    ciAbs: null,
    ciRel: null,
    ciLevel: 1 - 2 * alpha,
    alphaUsed: alpha,
    alphaDeterioration: levels.alphaDeterioration,
    powerTarget: needsPower(metric) ? 1 - levels.betaPerTest : null,
    mdeAbs: null,
    nimAbs: null,
    mdeRelative: null,
    nimRelative: null,
    pValueSuperiority: null,
    pValueNonInferiority: null,
    pValueDeterioration: null,
    superior: metric.role === 'SUCCESS' ? false : null,
    nonInferior: metric.role === 'GUARDRAIL' && metric.nim !== null ? false : null,
    deteriorated: false,
    achievedPower: null,
    poweredEffectAbs: null,
    isPowered: needsPower(metric) ? false : null,
    requiredSampleSize: null,
  };
}

/**
 * One metric, one treatment arm, FIXED_HORIZON mode (docs/ewl-rules.md §3.2–3.5, §3.8): unpooled z tests on the
 * absolute difference; the signed effect s = dir·Δ makes "good" positive. SUCCESS: superior iff
 * s/SE > z_{1−α_S}; GUARDRAIL with NIM: non-inferior iff (s + δ_N)/SE > z_{1−α_G}; every metric:
 * deteriorated iff s/SE < −z_{1−α_D}. The interval is the two-sided (1 − 2a) interval of the
 * main test. Power uses the observed control variance (docs/ewl-rules.md §11 A8): achieved power
 * Φ(δ/SE_δ − z_{1−a}) with SE_δ from σ_C² and σ_T² (binary success: (p_C + dir·δ)(1 − p_C − dir·δ)).
 * The relative interval uses the delta method (§11 A14). Missing or degenerate data give a
 * `dataStatus` NOT_ENOUGH_DATA with its reason and null numbers, never NaN. With `detail` false, the display-only
 * numbers (mean intervals, relative interval, required sample size) are left null: the stored
 * classification needs only the tests, power, the powered effect (the precision companion numbers,
 * companion-numbers.ts) and the relative effect with its standard error (stored for the metric view,
 * metric-insight.ts), and skips their cost.
 */
export function analyseMetricArm(metric: AnalysisMetric, cmp: Comparison, detail = true): MetricArmAnalysis {
  const { levels } = cmp;
  const c = summariseArm(metric.type, resultOf(metric, cmp.control.id));
  const t = summariseArm(metric.type, resultOf(metric, cmp.treatment.id));
  if (!c.ok) return emptyAnalysis(metric, levels, c.status, `Control: ${c.detail}`);
  if (!t.ok) return emptyAnalysis(metric, levels, t.status, `Treatment: ${t.detail}`);
  const out: Mutable<MetricArmAnalysis> = emptyAnalysis(metric, levels, null, null);
  const diff = t.mean - c.mean;
  const se = Math.sqrt(t.unitVariance / t.n + c.unitVariance / c.n);
  out.meanC = c.mean;
  out.meanT = t.mean;
  out.diffAbs = diff;
  if (detail) {
    out.meanCInterval = interval(c.mean, Z_975 * Math.sqrt(c.unitVariance / c.n));
    out.meanTInterval = interval(t.mean, Z_975 * Math.sqrt(t.unitVariance / t.n));
  }
  if (!(se > 0)) {
    out.dataStatus = 'NOT_ENOUGH_DATA';
    out.dataStatusReason = 'ZERO_VARIANCE';
    out.dataStatusDetail = 'Both arms have zero variance; no test is possible.';
    return out;
  }
  const dir = metric.preferredDirection === 'INCREASE' ? 1 : -1;
  const zStat = (dir * diff) / se;
  const alpha = out.alphaUsed;
  const zMain = zUpper(alpha);
  const mdeAbs = metric.role === 'SUCCESS' ? toAbsolute(metric.mde, metric.mdeScale, c.mean) : null;
  const nimAbs = metric.role === 'GUARDRAIL' ? toAbsolute(metric.nim, metric.nimScale, c.mean) : null;
  out.stdErr = se;
  out.ciAbs = interval(diff, zMain * se);
  if (c.mean !== 0) {
    const rel = relativeEffect({
      meanC: c.mean,
      varC: c.unitVariance,
      nC: c.n,
      meanT: t.mean,
      varT: t.unitVariance,
      nT: t.n,
    });
    out.diffRel = finite(rel.rel);
    out.stdErrRel = finite(rel.stdErrRel);
    if (detail) out.ciRel = Number.isFinite(rel.stdErrRel) ? interval(rel.rel, zMain * rel.stdErrRel) : null;
  }
  out.mdeAbs = mdeAbs;
  out.nimAbs = nimAbs;
  out.mdeRelative = metric.role === 'SUCCESS' ? toRelative(metric.mde, metric.mdeScale, c.mean) : null;
  out.nimRelative = metric.role === 'GUARDRAIL' ? toRelative(metric.nim, metric.nimScale, c.mean) : null;
  out.pValueDeterioration = normalCdf({ z: zStat });
  out.deteriorated = zStat < -zUpper(levels.alphaDeterioration);
  if (metric.role === 'SUCCESS') {
    out.pValueSuperiority = normalSf({ z: zStat });
    out.superior = zStat > zMain;
  }
  if (nimAbs !== null) out.pValueNonInferiority = normalSf({ z: zStat + nimAbs / se });
  if (metric.role === 'GUARDRAIL' && metric.nim !== null) {
    out.nonInferior = nimAbs !== null ? zStat + nimAbs / se > zMain : false;
    if (nimAbs === null) {
      out.dataStatus = 'NOT_ENOUGH_DATA';
      out.dataStatusReason = 'CONTROL_MEAN_ZERO';
      out.dataStatusDetail = 'A relative NIM cannot be converted: the control mean is 0.';
      return out;
    }
  }
  if (!needsPower(metric)) return out;
  const effect = metric.role === 'SUCCESS' ? mdeAbs : nimAbs;
  if (effect === null) return out;
  setPower(out, metric, cmp, c, t.n, effect, alpha, dir, detail);
  return out;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The metric's result for a variant (a linear scan: there are only a few arms). */
function resultOf(metric: AnalysisMetric, variantId: string): AnalysisMetric['results'][number] | undefined {
  for (const r of metric.results) if (r.variantId === variantId) return r;
  return undefined;
}

function setPower(
  out: Mutable<MetricArmAnalysis>,
  metric: AnalysisMetric,
  cmp: Comparison,
  c: { n: number; mean: number; unitVariance: number },
  nT: number,
  effect: number,
  alpha: number,
  dir: number,
  detail: boolean,
): void {
  const beta = cmp.levels.betaPerTest;
  const varC = c.unitVariance;
  let varT = varC;
  if (metric.type === 'BINARY' && metric.role === 'SUCCESS') {
    const p1 = Math.min(1, Math.max(0, c.mean + dir * effect));
    varT = p1 * (1 - p1);
  }
  const seDelta = Math.sqrt(varC / c.n + varT / nT);
  if (!(seDelta > 0)) return;
  const power = achievedPower({ effect, stdErr: seDelta, alpha });
  out.achievedPower = power;
  out.isPowered = power >= 1 - beta;
  // Stored too (the precision companion numbers, companion-numbers.ts), so computed with or without detail.
  const seNow = Math.sqrt(varC / c.n + varC / nT);
  out.poweredEffectAbs = seNow > 0 ? poweredEffect({ alpha, beta, stdErr: seNow }) : null;
  if (!detail) return;
  const wC = cmp.control.plannedWeight;
  const wT = cmp.treatment.plannedWeight;
  const sizes = requiredSampleSize({
    alpha,
    beta,
    effect,
    varControl: varC,
    varTreatment: varT,
    weightControl: wC,
    weightTreatment: wT,
  });
  out.requiredSampleSize = {
    control: sizes.nControl,
    treatment: sizes.nTreatment,
    total: Math.ceil((sizes.nTreatment * (1 + wC / wT) * cmp.totalWeight) / (wC + wT)),
  };
}
