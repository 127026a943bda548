import { type ExperimentDesign } from './design';
import { metricMean, metricUnitVariance } from './metric-catalogue';
import { type Rng } from './random';
import { type Scenario } from './records';

/**
 * How often each true situation is chosen. Tuned so that, read with docs/ewl-rules.md §5–6, the concluded
 * A/B tests land near a learning rate of ~64 % and a win rate of ~12 % (docs/ewl-rules.md §12); SRM prevalence
 * (broken split + empty arm) ≈ 6.5 %, like Microsoft's reported 6 %.
 */
export const SCENARIO_WEIGHTS: ReadonlyArray<readonly [Scenario, number]> = [
  ['WIN', 0.085],
  ['HARM', 0.09],
  ['NULL', 0.375],
  ['SMALL', 0.385],
  ['BROKEN_SPLIT', 0.06],
];
/** Every this-many-th experiment loses a whole arm (an exposure log that never fired): 0.5 %. */
const EMPTY_ARM_EVERY = 200;

/** Exposed units as a multiple of the required sample size, per scenario. */
const SAMPLE_FACTOR: Record<Scenario, readonly [number, number]> = {
  WIN: [1.15, 2.2],
  NULL: [1.15, 2.2],
  HARM: [0.9, 2.0],
  SMALL: [0.2, 0.5],
  BROKEN_SPLIT: [0.7, 2.0],
  EMPTY_ARM: [0.5, 1.5],
};

/** Expected Pearson X² of a broken split (non-centrality), far beyond the 10.8/13.8 critical values. */
const BROKEN_SPLIT_NONCENTRALITY: readonly [number, number] = [30, 150];
/** Fewest units an experiment that started will have. */
const MIN_TOTAL_UNITS = 120;

export function drawScenario(rng: Rng, design: ExperimentDesign, at: { restart: boolean; index: number }): Scenario {
  // A rerun fixed what broke the previous run.
  let scenario = rng.weighted(at.restart ? SCENARIO_WEIGHTS.filter(([s]) => s !== 'BROKEN_SPLIT') : SCENARIO_WEIGHTS);
  if (!at.restart && at.index % EMPTY_ARM_EVERY === EMPTY_ARM_EVERY / 2 - 1) return 'EMPTY_ARM';
  // A/A tests have no true effect, and infra changes have no success metric that could win.
  if (design.kind === 'AA_TEST' && (scenario === 'WIN' || scenario === 'HARM')) scenario = 'NULL';
  if (design.infraOnly && scenario === 'WIN') scenario = 'NULL';
  return scenario;
}

export function drawTotalUnits(rng: Rng, scenario: Scenario, requiredUnits: number, trafficFraction: number): number {
  const [lo, hi] = SAMPLE_FACTOR[scenario];
  return Math.max(MIN_TOTAL_UNITS, Math.round(requiredUnits * rng.uniform(lo, hi) * trafficFraction));
}

/**
 * Splits `total` units over the arms by a multinomial draw (successive binomials). A broken split
 * draws from mis-specified weights chosen so that the expected X² lies in 30–150; an empty arm
 * gets no units at all (a treatment whose exposure logging never fired).
 */
export function allocateUnits(rng: Rng, weights: readonly number[], total: number, scenario: Scenario): number[] {
  const weightSum = weights.reduce((acc, w) => acc + w, 0);
  let shares = weights.map((w) => w / weightSum);
  if (scenario === 'BROKEN_SPLIT') {
    const [from, to] = rng.sample(
      shares.map((_, i) => i),
      2,
    ) as [number, number];
    const direction = shares.map((_, i): number => (i === from ? 1 : i === to ? -1 : 0));
    const lambda = rng.uniform(...BROKEN_SPLIT_NONCENTRALITY);
    const spread = direction.reduce((acc, c, i) => acc + (c * c) / shares[i]!, 0);
    const shift = Math.min(Math.sqrt(lambda / (total * spread)), 0.6 * shares[to]!);
    shares = shares.map((s, i) => s + shift * direction[i]!);
  }
  if (scenario === 'EMPTY_ARM') {
    const empty = rng.int(1, shares.length - 1);
    shares = shares.map((s, i) => (i === empty ? 0 : s));
    const rest = shares.reduce((acc, s) => acc + s, 0);
    shares = shares.map((s) => s / rest);
  }
  const units: number[] = [];
  let remaining = total;
  let remainingShare = 1;
  shares.forEach((share, i) => {
    const drawn =
      i === shares.length - 1
        ? remaining
        : rng.binomial(remaining, remainingShare > 0 ? Math.min(1, share / remainingShare) : 0);
    units.push(drawn);
    remaining -= drawn;
    remainingShare -= share;
  });
  return units;
}

/**
 * True relative effects per metric (rows) and arm (columns; control is always 0), in the metric's
 * own units (+ means the value goes up). WIN: the primary success metric moves by 1–1.5× its MDE
 * in the preferred direction in one treatment. HARM: one metric moves the wrong way by 2.5–4
 * standard errors of the planned sample. SMALL: one in five has a real effect of half the MDE.
 */
export function drawTrueEffects(
  rng: Rng,
  design: ExperimentDesign,
  scenario: Scenario,
  expectedUnits: readonly number[],
): number[][] {
  const effects = design.metrics.map(() => design.arms.map(() => 0));
  const direction = (m: number) => (design.metrics[m]!.definition.preferredDirection === 'INCREASE' ? 1 : -1);
  const primary = design.metrics.findIndex((m) => m.role === 'SUCCESS');
  const arm = rng.int(1, design.arms.length - 1);
  if (scenario === 'WIN' && primary >= 0) {
    effects[primary]![arm] = direction(primary) * design.metrics[primary]!.mdeRelative! * rng.uniform(1, 1.5);
  } else if (scenario === 'SMALL' && primary >= 0 && rng.chance(0.2)) {
    effects[primary]![arm] = direction(primary) * design.metrics[primary]!.mdeRelative! * 0.5;
  } else if (scenario === 'HARM') {
    const candidates = design.metrics.map((_, i) => i);
    const nonSuccess = candidates.filter((i) => design.metrics[i]!.role !== 'SUCCESS');
    const target = nonSuccess.length > 0 && rng.chance(0.75) ? rng.choice(nonSuccess) : rng.choice(candidates);
    const model = design.metrics[target]!.definition.model;
    const nC = Math.max(expectedUnits[0]!, 1);
    const nT = Math.max(expectedUnits[arm]!, 1);
    const seRelative = Math.sqrt(metricUnitVariance(model) * (1 / nC + 1 / nT)) / metricMean(model);
    effects[target]![arm] = -direction(target) * Math.min(0.5, Math.max(0.01, rng.uniform(2.5, 4) * seRelative));
  }
  return effects;
}
