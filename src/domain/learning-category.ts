import type {
  AnalysisMetric,
  CategorySubReason,
  DataCategory,
  LearningCategory,
  MetricArmAnalysis,
  Recommendation,
  Validity,
  ValidityReason,
} from './analysis-types';
import { assertNever } from './errors';
import type { DecisionKind, ExperimentStatus } from './experiment';
import { MS_PER_DAY, STALE_STOPPED_DAYS } from './ruleset';

export interface ArmVerdict {
  readonly category: DataCategory;
  readonly subReason: CategorySubReason;
  readonly recommendation: Recommendation;
  readonly powered: boolean;
  readonly reasons: readonly string[];
}

/**
 * Per-arm category and recommendation of a VALID experiment (docs/ewl-rules.md §5, §6.2), first match wins:
 * 1. REGRESSION if any metric (any role) deteriorated — a win on one metric with a regression on
 *    another is a regression, because shipping requires no deterioration anywhere;
 * 2. WIN if there is a success metric, some success metric is superior and every NIM guardrail is
 *    non-inferior (power is not required for a significant result);
 * 3. POWERED_NEUTRAL if every success metric and NIM guardrail is powered: NO_EFFECT,
 *    GUARDRAIL_NOT_CLEARED (a success won but a guardrail did not clear, §11 A5) or INFRA_SAFE
 *    (no success metric and every NIM guardrail cleared; never a win);
 * 4. UNDERPOWERED otherwise: NO_DATA, NO_DECISION_METRICS, MISSING_MDE or BELOW_REQUIRED_SAMPLE.
 * Recommendation (Confidence's Spotlight): ABORT on deterioration; SHIP when the ship rule passes
 * (with S = 0: all NIM guardrails cleared); END when the arm is powered, or all success metrics
 * are powered and none is superior; CONTINUE otherwise.
 */
export function classifyArm(
  metrics: readonly AnalysisMetric[],
  analyses: readonly MetricArmAnalysis[],
  detail = true,
): ArmVerdict {
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const success = analyses.filter((a) => a.role === 'SUCCESS');
  const niGuardrails = analyses.filter((a) => a.role === 'GUARDRAIL' && byId.get(a.metricId)?.nim !== null);
  const decisionMetrics = success.concat(niGuardrails);
  const deteriorated = analyses.filter((a) => a.deteriorated);
  const winners = success.filter((a) => a.superior === true);
  const guardrailsCleared = niGuardrails.every((a) => a.nonInferior === true);
  const powered = decisionMetrics.length > 0 && decisionMetrics.every((a) => a.isPowered === true);
  const successPowered = success.length > 0 && success.every((a) => a.isPowered === true);
  const reasons: string[] = [];
  if (detail) {
    for (const a of deteriorated)
      reasons.push(`${a.metricKey} deteriorated (p = ${a.pValueDeterioration?.toExponential(2)})`);
    for (const a of winners) reasons.push(`${a.metricKey} improved (p = ${a.pValueSuperiority?.toExponential(2)})`);
    for (const a of niGuardrails.filter((g) => g.nonInferior !== true))
      reasons.push(`guardrail ${a.metricKey} not cleared`);
    for (const a of decisionMetrics.filter((m) => m.isPowered !== true))
      reasons.push(`${a.metricKey} not powered${a.dataStatusReason !== null ? ` (${a.dataStatusReason})` : ''}`);
    // docs/ewl-rules.md §11 A6: say so when a guardrail has no NIM; it can only block through deterioration.
    for (const a of analyses.filter((m) => m.role === 'GUARDRAIL' && byId.get(m.metricId)?.nim === null)) {
      reasons.push(`guardrail ${a.metricKey} has no NIM: it is tested for deterioration only and cannot be powered`);
    }
  }

  const shipRule =
    success.length > 0 ? winners.length > 0 && guardrailsCleared : niGuardrails.length > 0 && guardrailsCleared;
  let recommendation: Recommendation;
  if (deteriorated.length > 0) recommendation = 'ABORT';
  else if (shipRule) recommendation = 'SHIP';
  else if (powered || (successPowered && winners.length === 0)) recommendation = 'END';
  else recommendation = 'CONTINUE';

  const verdict = (category: DataCategory, subReason: CategorySubReason): ArmVerdict => ({
    category,
    subReason,
    recommendation,
    powered,
    reasons,
  });
  if (deteriorated.length > 0) return verdict('REGRESSION', 'METRIC_DETERIORATED');
  if (success.length > 0 && winners.length > 0 && guardrailsCleared) return verdict('WIN', 'SUCCESS_METRIC_IMPROVED');
  // Decision D1 (docs/ewl-rules.md §15): with no success metric, every NIM guardrail
  // clearing its non-inferiority test is a significant result at level α, like a WIN; power only
  // bounds the chance of failing to show safety, which did not happen. So INFRA_SAFE does not
  // require the arm to be powered.
  if (success.length === 0 && niGuardrails.length > 0 && guardrailsCleared)
    return verdict('POWERED_NEUTRAL', 'INFRA_SAFE');
  if (powered) {
    if (winners.length > 0 || (success.length === 0 && !guardrailsCleared))
      return verdict('POWERED_NEUTRAL', 'GUARDRAIL_NOT_CLEARED');
    return verdict('POWERED_NEUTRAL', success.length === 0 ? 'INFRA_SAFE' : 'NO_EFFECT');
  }
  return verdict('UNDERPOWERED', underpoweredReason(metrics, decisionMetrics));
}

/**
 * Sub-reason of an UNDERPOWERED arm (docs/ewl-rules.md §6.2 rule 4), first match wins: NO_DECISION_METRICS (no
 * success metric and no NIM guardrail); NO_DATA (a decision metric has no data in an arm);
 * MISSING_MDE (a success metric has no MDE, or its relative MDE/NIM cannot be converted because
 * the control mean is 0 or unknown); BELOW_REQUIRED_SAMPLE otherwise.
 * An effect size only counts as missing when it is not configured or cannot be converted from
 * data that is otherwise usable (dataStatus OK or CONTROL_MEAN_ZERO). A metric with too few units
 * for a variance (INSUFFICIENT_SAMPLE) or no variance yet (ZERO_VARIANCE) has a null `mdeAbs` but
 * is BELOW_REQUIRED_SAMPLE, not MISSING_MDE: more data is what it needs.
 */
function underpoweredReason(
  metrics: readonly AnalysisMetric[],
  decisionMetrics: readonly MetricArmAnalysis[],
): CategorySubReason {
  if (decisionMetrics.length === 0) return 'NO_DECISION_METRICS';
  if (decisionMetrics.some((a) => a.dataStatusReason === 'NO_DATA')) return 'NO_DATA';
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const missingEffect = decisionMetrics.some((a) => {
    const m = byId.get(a.metricId);
    const configured =
      a.role === 'SUCCESS' ? m?.mde != null && m.mdeScale !== null : m?.nim != null && m.nimScale !== null;
    if (!configured) return true;
    const usable = a.dataStatusReason === null || a.dataStatusReason === 'CONTROL_MEAN_ZERO';
    return usable && a.isPowered !== true && (a.role === 'SUCCESS' ? a.mdeAbs : a.nimAbs) === null;
  });
  return missingEffect ? 'MISSING_MDE' : 'BELOW_REQUIRED_SAMPLE';
}

const CATEGORY_RANK: Record<DataCategory, number> = {
  WIN: 4,
  REGRESSION: 3,
  POWERED_NEUTRAL: 2,
  UNDERPOWERED: 1,
  INVALID: 0,
};

/**
 * The experiment's data category: INVALID unless VALID, else the best arm by WIN > REGRESSION > POWERED_NEUTRAL >
 * UNDERPOWERED (docs/ewl-rules.md §6.3, §11 A7).
 */
export function bestArm<T extends { category: DataCategory }>(arms: readonly T[]): T | undefined {
  return arms.reduce<T | undefined>(
    (best, arm) => (!best || CATEGORY_RANK[arm.category] > CATEGORY_RANK[best.category] ? arm : best),
    undefined,
  );
}

/**
 * What an experiment's status says about its conclusion (docs/ewl-rules.md §6.3, §6.4):
 * - NOT_CONCLUDED: never concluded, whatever its dates (DRAFT, RUNNING);
 * - STOPPED_RULE: concluded at `concludedAt` once it has one, else by the 30-day rule at `endedAt`
 *   once more than {@link STALE_STOPPED_DAYS} days passed;
 * - AT_CONCLUDED_AT: concluded at `concludedAt`.
 * {@link conclusionOf} reads this table, and the SQL forms of the rule are generated from it.
 */
export type StatusConclusion = 'NOT_CONCLUDED' | 'STOPPED_RULE' | 'AT_CONCLUDED_AT';
export const STATUS_CONCLUSION: Readonly<Record<ExperimentStatus, StatusConclusion>> = {
  DRAFT: 'NOT_CONCLUDED',
  RUNNING: 'NOT_CONCLUDED',
  STOPPED: 'STOPPED_RULE',
  CONCLUDED: 'AT_CONCLUDED_AT',
  ARCHIVED: 'AT_CONCLUDED_AT',
};

/**
 * Whether the 30-day rule has concluded a STOPPED experiment without a conclusion that ended at
 * `endedAt`, at `asOf`: more than {@link STALE_STOPPED_DAYS} days (in milliseconds) have passed.
 */
export function staleStoppedRuleHasRun(endedAt: Date, asOf: Date): boolean {
  return asOf.getTime() - endedAt.getTime() > STALE_STOPPED_DAYS * MS_PER_DAY;
}

export interface LifecycleInput {
  readonly status: ExperimentStatus;
  readonly countsTowardEwl: boolean;
  readonly endedAt: Date | null;
  readonly concludedAt: Date | null;
}

/**
 * Scope and lifecycle (docs/ewl-rules.md §6.3, §6.4): EXCLUDED when the experiment does not count toward EwL;
 * PENDING while DRAFT or RUNNING, and while STOPPED without a conclusion for at most 30 days;
 * otherwise concluded (a STOPPED one that went stale counts as concluded at `endedAt`).
 * Returns the conclusion date, or null while not concluded.
 */
export function conclusionOf(
  input: LifecycleInput,
  asOf: Date,
): { state: 'EXCLUDED' | 'PENDING' | 'CONCLUDED'; date: Date | null } {
  if (!input.countsTowardEwl) return { state: 'EXCLUDED', date: input.concludedAt };
  const rule = STATUS_CONCLUSION[input.status];
  switch (rule) {
    case 'NOT_CONCLUDED':
      return { state: 'PENDING', date: null };
    case 'STOPPED_RULE': {
      if (input.concludedAt) return { state: 'CONCLUDED', date: input.concludedAt };
      const ended = input.endedAt;
      if (ended && staleStoppedRuleHasRun(ended, asOf)) return { state: 'CONCLUDED', date: ended };
      return { state: 'PENDING', date: null };
    }
    case 'AT_CONCLUDED_AT':
      return { state: 'CONCLUDED', date: input.concludedAt };
    default:
      return assertNever(rule);
  }
}

/** The experiment-level category at `asOf`, from the data category and the lifecycle (docs/ewl-rules.md §6.3). */
export function classifyLearningCategory(
  dataCategory: DataCategory,
  lifecycle: LifecycleInput,
  asOf: Date,
): LearningCategory {
  const { state } = conclusionOf(lifecycle, asOf);
  return state === 'CONCLUDED' ? dataCategory : state;
}

/** Sub-reason of an INVALID experiment: its first validity reason. */
export function invalidSubReason(validity: Validity, reasons: readonly ValidityReason[]): CategorySubReason {
  return reasons[0]?.code ?? (validity === 'UNKNOWN' ? 'MISSING_HEALTH_DATA' : 'REPORTED_CHECK_FAILED');
}

export interface LearningFlags {
  readonly isLearning: boolean | null;
  readonly isWin: boolean | null;
}

/**
 * Whether each category counts as learning / as a win (docs/ewl-rules.md §6.1); null outside the rates
 * (PENDING, EXCLUDED). {@link learningFlags} reads this table, and the SQL forms are generated from it.
 */
export const CATEGORY_FLAGS: Readonly<Record<LearningCategory, LearningFlags>> = {
  WIN: { isLearning: true, isWin: true },
  REGRESSION: { isLearning: true, isWin: false },
  POWERED_NEUTRAL: { isLearning: true, isWin: false },
  UNDERPOWERED: { isLearning: false, isWin: false },
  INVALID: { isLearning: false, isWin: false },
  PENDING: { isLearning: null, isWin: null },
  EXCLUDED: { isLearning: null, isWin: null },
};

/** The categories whose flag `flag` is `value` in {@link CATEGORY_FLAGS} (never PENDING or EXCLUDED, whose flags are null). */
export function categoriesFlagged(flag: keyof LearningFlags, value: boolean): DataCategory[] {
  return (Object.keys(CATEGORY_FLAGS) as LearningCategory[]).filter(
    (category): category is DataCategory => CATEGORY_FLAGS[category][flag] === value,
  );
}

/** Whether a category counts as learning / as a win; null outside the rates (PENDING, EXCLUDED). */
export function learningFlags(category: LearningCategory): { isLearning: boolean | null; isWin: boolean | null } {
  const { isLearning, isWin } = CATEGORY_FLAGS[category];
  return { isLearning, isWin };
}

/**
 * Decisions people are expected to take for a category (docs/ewl-rules.md §6.6): WIN → SHIP (or SHIP_INFRA);
 * REGRESSION → ABORT or ITERATE; POWERED_NEUTRAL → ITERATE, ABANDON or SHIP_INFRA (SHIP too when
 * INFRA_SAFE, the "ship if infra-only" case; only ITERATE or ABANDON when GUARDRAIL_NOT_CLEARED);
 * UNDERPOWERED → RERUN or ABANDON; INVALID → RERUN
 * (or ABANDON). PENDING and EXCLUDED have no expectation.
 */
export function expectedDecisions(category: LearningCategory, subReason: CategorySubReason | null): DecisionKind[] {
  switch (category) {
    case 'WIN':
      return ['SHIP', 'SHIP_INFRA'];
    case 'REGRESSION':
      return ['ABORT', 'ITERATE'];
    case 'POWERED_NEUTRAL':
      if (subReason === 'INFRA_SAFE') return ['SHIP_INFRA', 'SHIP', 'ITERATE', 'ABANDON'];
      // A guardrail was not shown safe: shipping, even as infrastructure, does not fit.
      if (subReason === 'GUARDRAIL_NOT_CLEARED') return ['ITERATE', 'ABANDON'];
      return ['ITERATE', 'ABANDON', 'SHIP_INFRA'];
    case 'UNDERPOWERED':
      return ['RERUN', 'ABANDON'];
    case 'INVALID':
      return ['RERUN', 'ABANDON'];
    case 'PENDING':
    case 'EXCLUDED':
      return [];
    default:
      return assertNever(category);
  }
}

/**
 * Whether a recorded decision fits the analysis (docs/ewl-rules.md §6.6, informational; it never changes the
 * category). Null when there is no expectation (PENDING, EXCLUDED). NONE is never consistent with
 * a concluded experiment: a concluded experiment is expected to have a decision.
 */
export function isDecisionConsistent(
  kind: DecisionKind,
  category: LearningCategory,
  subReason: CategorySubReason | null,
): boolean | null {
  const expected = expectedDecisions(category, subReason);
  if (expected.length === 0) return null;
  return expected.includes(kind);
}

/**
 * The category a decision is judged against (docs/ewl-rules.md §6.6): the stored category; for
 * EXCLUDED experiments their data category; none while the experiment is still running (PENDING)
 * or has no stored classification.
 * @example decisionJudgementBasis({ category: 'EXCLUDED', provisionalCategory: 'WIN', subReason: null })
 * // { category: 'WIN', subReason: null }
 */
export function decisionJudgementBasis(
  stored: {
    readonly category: LearningCategory;
    readonly provisionalCategory: LearningCategory;
    readonly subReason: CategorySubReason | null;
  } | null,
): { category: LearningCategory; subReason: CategorySubReason | null } | null {
  if (stored === null || stored.category === 'PENDING') return null;
  if (stored.category === 'EXCLUDED') return { category: stored.provisionalCategory, subReason: stored.subReason };
  return { category: stored.category, subReason: stored.subReason };
}
