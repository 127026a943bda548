import { requiredSampleSize } from '../stats/power';
import { badInput } from './errors';
import type { EffectScale, MetricRole, MetricType, PowerBudgetMode, PreferredDirection } from './experiment';
import { EXPERIMENT_DEFAULTS } from './rules/experiment-settings';
import { describeInterval, inRange, NUMBER_RANGES } from './rules/field-limits';
import { computeTestLevels } from './test-levels';

/**
 * Most units (and days) a plan may ask for: the largest GraphQL `Int`. A smaller MDE or NIM, or less
 * daily traffic, would need more than any experiment can have; it is refused with reason PLAN_TOO_LARGE
 * naming the input that drives it, rather than answered with a number the API cannot represent.
 */
export const MAX_PLANNED_UNITS = 2 ** 31 - 1;

/** Most metrics one plan may have. */
export const MAX_PLAN_METRICS = 50;

export interface PlanMetricInput {
  readonly key: string;
  readonly type: MetricType;
  readonly role: MetricRole;
  readonly preferredDirection: PreferredDirection;
  /** BINARY: the baseline rate p; CONTINUOUS/RATIO: the baseline mean. */
  readonly baseline: number;
  /** Per-unit variance (CONTINUOUS; RATIO: of the linearised ratio). Ignored for BINARY (p(1 − p)). */
  readonly variance: number | null;
  readonly mde: number | null;
  readonly mdeScale: EffectScale | null;
  readonly nim: number | null;
  readonly nimScale: EffectScale | null;
}

export interface PlanInput {
  readonly alpha?: number;
  readonly power?: number;
  readonly powerBudgetMode?: PowerBudgetMode;
  /** Planned weights, control first (default 50/50). */
  readonly weights?: readonly number[];
  /** Units entering the experiment per day, to estimate the runtime. */
  readonly dailyTraffic?: number | null;
  readonly metrics: readonly PlanMetricInput[];
}

export interface PlanMetricResult {
  readonly key: string;
  readonly role: MetricRole;
  /** False for metrics without a power requirement (deterioration-only, guardrail without NIM). */
  readonly powered: boolean;
  readonly effectAbs: number | null;
  readonly alpha: number | null;
  readonly power: number | null;
  /** Units per arm, control first, for the largest requirement over the treatment arms. */
  readonly unitsPerArm: readonly number[] | null;
  readonly totalUnits: number | null;
}

export interface PlanResult {
  readonly alphaSuccess: number | null;
  readonly alphaGuardrail: number;
  readonly betaPerTest: number;
  readonly metrics: readonly PlanMetricResult[];
  /** The experiment needs the largest requirement over metrics (docs/ewl-rules.md §3.8, [CDOCS]). */
  readonly unitsPerArm: readonly number[] | null;
  readonly totalUnits: number | null;
  readonly days: number | null;
}

/**
 * Sample-size planner for a new experiment (docs/ewl-rules.md §3.8): for every SUCCESS metric with an MDE and
 * every GUARDRAIL with a NIM, the units each arm needs for a one-sided test at its corrected level
 * (α_S = α/(S·(k−1)), α_G = α) to reach power 1 − β* (SIMPLE or STRICT budget) against each
 * treatment arm; the experiment needs the largest. Days = ⌈total / dailyTraffic⌉.
 * @throws DomainError BAD_USER_INPUT naming the field for out-of-range inputs; reason PLAN_TOO_LARGE when the
 * plan would need more than MAX_PLANNED_UNITS units or days (a tiny MDE or NIM, extreme weights, tiny traffic).
 */
export function planSampleSize(input: PlanInput): PlanResult {
  const alpha = input.alpha ?? EXPERIMENT_DEFAULTS.alpha;
  const power = input.power ?? EXPERIMENT_DEFAULTS.power;
  const weights = input.weights ?? [1, 1];
  if (!inRange(alpha, NUMBER_RANGES.alpha))
    throw badInput('input.alpha', alpha, `a number in ${describeInterval(NUMBER_RANGES.alpha)}`);
  if (!inRange(power, NUMBER_RANGES.power))
    throw badInput('input.power', power, `a number in ${describeInterval(NUMBER_RANGES.power)}`);
  if (weights.length < 2 || weights.some((w) => !(w > 0) || !Number.isFinite(w)))
    throw badInput('input.weights', weights, 'at least 2 finite weights > 0, control first');
  if (input.metrics.length === 0) throw badInput('input.metrics', [], 'at least one metric');
  if (input.metrics.length > MAX_PLAN_METRICS)
    throw badInput('input.metrics', `${input.metrics.length} metrics`, `at most ${MAX_PLAN_METRICS} metrics`);
  if (input.dailyTraffic != null && !(input.dailyTraffic > 0 && Number.isFinite(input.dailyTraffic)))
    throw badInput('input.dailyTraffic', input.dailyTraffic, 'a finite number > 0');
  const levels = computeTestLevels({
    alpha,
    power,
    arms: weights.length,
    powerBudgetMode: input.powerBudgetMode ?? EXPERIMENT_DEFAULTS.powerBudgetMode,
    deteriorationAlphaMode: 'PER_TEST',
    roles: input.metrics.map((m) => ({ role: m.role, hasNim: m.nim !== null })),
  });
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const metrics = input.metrics.map((m, i) =>
    planMetric(m, i, weights, totalWeight, levels.alphaSuccess, levels.alphaGuardrail, levels.betaPerTest),
  );
  const largest = metrics.reduce<PlanMetricResult | null>(
    (best, m) => (m.totalUnits !== null && (!best || m.totalUnits > best.totalUnits!) ? m : best),
    null,
  );
  const totalUnits = largest?.totalUnits ?? null;
  const days = totalUnits !== null && input.dailyTraffic ? Math.ceil(totalUnits / input.dailyTraffic) : null;
  if (days !== null && days > MAX_PLANNED_UNITS) {
    throw badInput(
      'input.dailyTraffic',
      input.dailyTraffic,
      `daily traffic that runs the plan (${totalUnits} units) in at most ${MAX_PLANNED_UNITS} days`,
      'PLAN_TOO_LARGE',
    );
  }
  return {
    alphaSuccess: levels.alphaSuccess,
    alphaGuardrail: levels.alphaGuardrail,
    betaPerTest: levels.betaPerTest,
    metrics,
    unitsPerArm: largest?.unitsPerArm ?? null,
    totalUnits,
    days,
  };
}

function planMetric(
  m: PlanMetricInput,
  index: number,
  weights: readonly number[],
  totalWeight: number,
  alphaS: number | null,
  alphaG: number,
  beta: number,
): PlanMetricResult {
  const field = `input.metrics[${index}]`;
  const isSuccess = m.role === 'SUCCESS';
  const isNi = m.role === 'GUARDRAIL' && m.nim !== null;
  const none = {
    key: m.key,
    role: m.role,
    powered: false,
    effectAbs: null,
    alpha: null,
    power: null,
    unitsPerArm: null,
    totalUnits: null,
  };
  if (!isSuccess && !isNi) return none;
  if (m.type === 'BINARY' && !(m.baseline > 0 && m.baseline < 1))
    throw badInput(`${field}.baseline`, m.baseline, 'a rate in (0, 1) for a BINARY metric');
  if (m.type !== 'BINARY' && !(m.variance !== null && m.variance > 0 && Number.isFinite(m.variance)))
    throw badInput(`${field}.variance`, m.variance, 'a per-unit variance > 0');
  const size = isSuccess ? m.mde : m.nim;
  const scale = isSuccess ? m.mdeScale : m.nimScale;
  if (size === null || scale === null)
    throw badInput(`${field}.mde`, size, 'an MDE > 0 with its scale for a SUCCESS metric');
  const sizeField = `${field}.${isSuccess ? 'mde' : 'nim'}`;
  if (!(size > 0 && Number.isFinite(size))) throw badInput(sizeField, size, 'a finite number > 0');
  if (!Number.isFinite(m.baseline)) throw badInput(`${field}.baseline`, m.baseline, 'a finite number');
  if (scale === 'RELATIVE' && m.baseline === 0)
    throw badInput(`${field}.baseline`, 0, 'a non-zero baseline for a RELATIVE effect');
  const effect = scale === 'RELATIVE' ? size * Math.abs(m.baseline) : size;
  const tooLarge = () =>
    badInput(
      sizeField,
      size,
      `an effect large enough that the plan needs at most ${MAX_PLANNED_UNITS} units`,
      'PLAN_TOO_LARGE',
    );
  if (!(effect > 0)) throw tooLarge();
  if (!Number.isFinite(effect)) throw badInput(sizeField, size, 'an effect that is a finite number in absolute units');
  const varC = m.type === 'BINARY' ? m.baseline * (1 - m.baseline) : m.variance!;
  const dir = m.preferredDirection === 'INCREASE' ? 1 : -1;
  let varT = varC;
  if (m.type === 'BINARY' && isSuccess) {
    const p1 = m.baseline + dir * effect;
    if (!(p1 > 0 && p1 < 1))
      throw badInput(`${field}.mde`, size, 'an effect that keeps the treatment rate inside (0, 1)');
    varT = p1 * (1 - p1);
  }
  const a = isSuccess ? alphaS! : alphaG;
  let best: number[] | null = null;
  let bestTotal = -1;
  for (let t = 1; t < weights.length; t += 1) {
    const s = requiredSampleSize({
      alpha: a,
      beta,
      effect,
      varControl: varC,
      varTreatment: varT,
      weightControl: weights[0]!,
      weightTreatment: weights[t]!,
    });
    const pairTotal = s.nTreatment * (1 + weights[0]! / weights[t]!);
    const total = Math.ceil((pairTotal * totalWeight) / (weights[0]! + weights[t]!));
    // Infinity or NaN: a vanishing effect or extreme weights; both need more units than any plan can have.
    if (!(total <= MAX_PLANNED_UNITS)) throw tooLarge();
    if (total > bestTotal) {
      bestTotal = total;
      best = weights.map((w) => Math.ceil((total * w) / totalWeight));
    }
  }
  return {
    key: m.key,
    role: m.role,
    powered: true,
    effectAbs: effect,
    alpha: a,
    power: 1 - beta,
    unitsPerArm: best,
    totalUnits: bestTotal,
  };
}
