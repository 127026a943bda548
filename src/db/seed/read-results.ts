import { type ExperimentDesign } from './design';
import { metricMean } from './metric-catalogue';
import { normalCdf, normalQuantile, sampleRatioTest } from './numerics';
import { type DrawnStats, estimateFromStats } from './sufficient-stats';
import { type ObservedFacts } from './texts';

/**
 * What a person reading the dashboard would conclude; the simulator's decisions and learnings
 * follow from it, so they come from the drawn data and not from the scenario that produced it.
 */
export type ObservedOutcome = 'INVALID' | 'REGRESSION' | 'WIN' | 'INFRA_SAFE' | 'NEUTRAL' | 'INCONCLUSIVE';

export interface ReadResults {
  readonly outcome: ObservedOutcome;
  readonly facts: ObservedFacts;
  /** Index of the arm a SHIP would ship (the best treatment). */
  readonly bestArm: number;
}

/** One-sided z-test of the signed effect (docs/ewl-rules.md §3.2/§3.5) of arm `t` vs control on one metric. */
function signedTest(design: ExperimentDesign, metricIndex: number, control: DrawnStats, treatment: DrawnStats) {
  const metric = design.metrics[metricIndex]!;
  const c = estimateFromStats(metric.definition.type, control);
  const t = estimateFromStats(metric.definition.type, treatment);
  if (!c || !t) return undefined;
  const se = Math.sqrt(c.variance / control.n + t.variance / treatment.n);
  if (!(se > 0)) return undefined;
  const dir = metric.definition.preferredDirection === 'INCREASE' ? 1 : -1;
  const diff = t.mean - c.mean;
  return { z: (dir * diff) / se, se, dir, lift: c.mean !== 0 ? diff / c.mean : null, controlMean: c.mean };
}

/**
 * Reads an experiment's results like a careful analyst: SRM or an empty arm or a blocking reported
 * check → INVALID; any metric significantly worse → REGRESSION; a success metric significantly
 * better with all NIM guardrails cleared → WIN; infra changes with cleared guardrails → INFRA_SAFE;
 * otherwise NEUTRAL when the planned sample was reached, else INCONCLUSIVE.
 */
export function readResults(input: {
  design: ExperimentDesign;
  units: readonly number[];
  results: ReadonlyArray<readonly DrawnStats[]>;
  requiredUnits: number;
  blockingCheckFailed: boolean;
}): ReadResults {
  const { design, units, results } = input;
  const srm = sampleRatioTest(
    units,
    design.arms.map((a) => a.weight),
  );
  const facts: { -readonly [K in keyof ObservedFacts]: ObservedFacts[K] } = {
    primaryLift: null,
    primaryPValue: null,
    regressedMetric: null,
    regressedLift: null,
    srmPValue: srm.pValue,
  };
  const treatments = design.arms.length - 1;
  const successCount = design.metrics.filter((m) => m.role === 'SUCCESS').length;
  const zSuccess = normalQuantile(1 - design.alpha / (Math.max(successCount, 1) * treatments));
  const zDeterioration = normalQuantile(1 - design.alpha / treatments);
  const zGuardrail = normalQuantile(1 - design.alpha);
  const primaryIndex = Math.max(
    0,
    design.metrics.findIndex((m) => m.role === 'SUCCESS'),
  );
  let bestArm = 1;
  let bestScore = -Infinity;
  let win = false;
  let regression = false;
  let guardrailsCleared = true;
  for (let arm = 1; arm <= treatments; arm += 1) {
    let armWin = false;
    let armCleared = true;
    design.metrics.forEach((metric, m) => {
      const test = signedTest(design, m, results[m]![0]!, results[m]![arm]!);
      if (!test) {
        if (metric.nimRelative !== null) armCleared = false;
        return;
      }
      if (test.z < -zDeterioration) {
        regression = true;
        facts.regressedMetric ??= metric.definition.name.toLowerCase();
        facts.regressedLift ??= test.lift;
      }
      if (metric.role === 'SUCCESS' && test.z > zSuccess) armWin = true;
      if (metric.nimRelative !== null) {
        const margin =
          metric.nimScale === 'ABSOLUTE'
            ? metric.nimRelative * metricMean(metric.definition.model)
            : metric.nimRelative * Math.abs(test.controlMean);
        if ((test.z * test.se + margin) / test.se <= zGuardrail) armCleared = false;
      }
      if (m === primaryIndex && test.z > bestScore) {
        bestScore = test.z;
        bestArm = arm;
        facts.primaryLift = test.lift;
        facts.primaryPValue = 1 - normalCdf(test.z);
      }
    });
    if (armWin && armCleared) win = true;
    if (arm === bestArm) guardrailsCleared = armCleared;
  }
  const emptyArm = units.some((u) => u === 0);
  const total = units.reduce((acc, u) => acc + u, 0);
  let outcome: ObservedOutcome;
  if (emptyArm || srm.pValue < 0.001 || input.blockingCheckFailed) outcome = 'INVALID';
  else if (regression) outcome = 'REGRESSION';
  else if (win) outcome = 'WIN';
  else if (design.infraOnly && guardrailsCleared) outcome = 'INFRA_SAFE';
  else if (total >= input.requiredUnits) outcome = 'NEUTRAL';
  else outcome = 'INCONCLUSIVE';
  return { outcome, facts, bestArm };
}
