import type { EffectScale, ExperimentKind, MetricRole } from '../../domain/experiment';
import { type ProductArea } from './areas';
import { type MetricDefinition, metricMean, metricUnitVariance } from './metric-catalogue';
import { normalQuantile } from './numerics';
import { type Rng } from './random';

/** One metric as planned for an experiment; `mde`/`nim` are relative here, stored per `*Scale`. */
export interface PlannedMetric {
  readonly definition: MetricDefinition;
  readonly role: MetricRole;
  readonly mdeRelative: number | null;
  readonly mdeScale: EffectScale | null;
  readonly nimRelative: number | null;
  readonly nimScale: EffectScale | null;
}

export interface PlannedArm {
  readonly key: string;
  readonly name: string;
  readonly isControl: boolean;
  readonly weight: number;
}

export interface ExperimentDesign {
  readonly kind: ExperimentKind;
  /** No success metric: an infrastructure change judged on guardrails only. */
  readonly infraOnly: boolean;
  readonly arms: readonly PlannedArm[];
  readonly metrics: readonly PlannedMetric[];
  readonly alpha: number;
  readonly power: number;
}

const MDE_CHOICES = [0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05];
const DETERIORATION_POOL = [
  'bounce_rate',
  'errors_per_page_view',
  'session_length_minutes',
  'unsubscribe_rate',
  'sessions_per_user',
  'support_contact_rate',
];

function chooseArms(rng: Rng, kind: ExperimentKind): PlannedArm[] {
  const treatmentNames = ['Treatment', 'Treatment B'];
  const threeArms = kind !== 'ROLLOUT' && kind !== 'AA_TEST' && rng.chance(0.14);
  let weights: number[];
  if (threeArms) weights = rng.chance(0.7) ? [1, 1, 1] : [50, 25, 25];
  else if (kind === 'ROLLOUT') weights = rng.chance(0.6) ? [90, 10] : [80, 20];
  else
    weights = rng.weighted<number[]>([
      [[50, 50], 0.84],
      [[90, 10], 0.1],
      [[80, 20], 0.06],
    ]);
  return weights.map((weight, i) => ({
    key: i === 0 ? 'control' : weights.length === 2 ? 'treatment' : `treatment-${String.fromCharCode(96 + i)}`,
    name: i === 0 ? 'Control' : weights.length === 2 ? treatmentNames[0]! : `Treatment ${String.fromCharCode(64 + i)}`,
    isControl: i === 0,
    weight,
  }));
}

function plan(rng: Rng, definition: MetricDefinition, role: MetricRole): PlannedMetric {
  if (role === 'SUCCESS') {
    // Teams afford smaller MDEs on common events than on rare ones.
    const rare = definition.model.type === 'BINARY' && definition.model.p < 0.1;
    const mdeRelative = rng.choice(rare ? MDE_CHOICES.slice(4) : MDE_CHOICES);
    return {
      definition,
      role,
      mdeRelative,
      mdeScale: rng.chance(0.1) ? 'ABSOLUTE' : 'RELATIVE',
      nimRelative: null,
      nimScale: null,
    };
  }
  if (role === 'GUARDRAIL' && rng.chance(0.8)) {
    const nimRelative =
      definition.model.type === 'BINARY' && definition.model.p < 0.05
        ? rng.choice([0.05, 0.08, 0.1])
        : rng.choice([0.01, 0.02, 0.03, 0.05]);
    return {
      definition,
      role,
      mdeRelative: null,
      mdeScale: null,
      nimRelative,
      nimScale: rng.chance(0.1) ? 'ABSOLUTE' : 'RELATIVE',
    };
  }
  return { definition, role, mdeRelative: null, mdeScale: null, nimRelative: null, nimScale: null };
}

/**
 * Plans an experiment: kind, arms and weights, and 2–6 metrics drawn from the owner's area
 * (1–2 SUCCESS with a relative MDE of 1–5 %, 1–3 GUARDRAIL mostly with a NIM, 0–2 DETERIORATION).
 */
export function designExperiment(
  rng: Rng,
  area: ProductArea,
  catalogue: ReadonlyMap<string, MetricDefinition>,
): ExperimentDesign {
  const kind = rng.weighted<ExperimentKind>([
    ['AB_TEST', 0.8],
    ['ROLLOUT', 0.08],
    ['AA_TEST', 0.04],
    ['CAMPAIGN', 0.05],
    ['OTHER', 0.03],
  ]);
  const infraOnly = kind === 'ROLLOUT' || (kind === 'AB_TEST' && rng.chance(0.05));
  const used = new Set<string>();
  const pick = (keys: readonly string[], count: number) => {
    const chosen = rng.sample(
      keys.filter((k) => !used.has(k)),
      count,
    );
    chosen.forEach((k) => used.add(k));
    return chosen.map((k) => catalogue.get(k)!);
  };
  const successCount = infraOnly ? 0 : rng.chance(0.72) ? 1 : 2;
  const success =
    successCount > 0
      ? [catalogue.get(area.successMetrics[0]!)!, ...pick(area.successMetrics.slice(1), successCount - 1)]
      : [];
  success.forEach((m) => used.add(m.key));
  const guardrails = pick(
    area.guardrailMetrics,
    rng.weighted([
      [1, 0.35],
      [2, 0.4],
      [3, 0.25],
    ]),
  );
  const deterioration = pick(
    DETERIORATION_POOL,
    rng.weighted([
      [0, 0.5],
      [1, 0.35],
      [2, 0.15],
    ]),
  );
  const metrics = [
    ...success.map((m) => plan(rng, m, 'SUCCESS')),
    ...guardrails.map((m) => plan(rng, m, 'GUARDRAIL')),
    ...deterioration.map((m) => plan(rng, m, 'DETERIORATION')),
  ];
  // Infra-only changes need at least one guardrail with a margin to be decidable.
  if (infraOnly && !metrics.some((m) => m.nimRelative !== null)) {
    const first = metrics.findIndex((m) => m.role === 'GUARDRAIL');
    metrics[first] = { ...metrics[first]!, nimRelative: 0.02, nimScale: 'RELATIVE' };
  }
  while (metrics.length < 2) metrics.push(plan(rng, pick(DETERIORATION_POOL, 1)[0]!, 'DETERIORATION'));
  return {
    kind,
    infraOnly,
    arms: chooseArms(rng, kind),
    metrics: metrics.slice(0, 6),
    alpha: rng.chance(0.94) ? 0.05 : 0.1,
    power: rng.chance(0.9) ? 0.8 : 0.9,
  };
}

/**
 * Total units the experiment needs so that every SUCCESS metric (α/(S(k−1))) and every GUARDRAIL
 * with a NIM (α) reaches power 1 − β/(G+1) in every treatment arm (docs/ewl-rules.md §3.6–3.8, SIMPLE mode):
 * n_T = ((z_{1−a} + z_{1−b}) / δ)² · (σ_C²/κ + σ_T²), N = n_T(1 + κ)·Σw/(w_C + w_T); the maximum.
 */
export function requiredTotalUnits(design: ExperimentDesign): number {
  const successCount = design.metrics.filter((m) => m.role === 'SUCCESS').length;
  const nimCount = design.metrics.filter((m) => m.nimRelative !== null).length;
  const treatments = design.arms.length - 1;
  const beta = (1 - design.power) / (successCount > 0 ? nimCount + 1 : Math.max(nimCount, 1));
  const zB = normalQuantile(1 - beta);
  const control = design.arms[0]!;
  const weightSum = design.arms.reduce((acc, a) => acc + a.weight, 0);
  let required = 0;
  for (const metric of design.metrics) {
    const relative = metric.role === 'SUCCESS' ? metric.mdeRelative : metric.nimRelative;
    if (relative === null) continue;
    const a = metric.role === 'SUCCESS' ? design.alpha / (successCount * treatments) : design.alpha;
    const zA = normalQuantile(1 - a);
    const model = metric.definition.model;
    const delta = relative * metricMean(model);
    const dir = metric.definition.preferredDirection === 'INCREASE' ? 1 : -1;
    const varC = metricUnitVariance(model);
    const varT = metric.role === 'SUCCESS' ? metricUnitVariance(model, dir * relative) : varC;
    for (const arm of design.arms.slice(1)) {
      const kappa = control.weight / arm.weight;
      const nT = ((zA + zB) / delta) ** 2 * (varC / kappa + varT);
      required = Math.max(required, (nT * (1 + kappa) * weightSum) / (control.weight + arm.weight));
    }
  }
  return Math.ceil(required);
}
