import type {
  Experiment,
  ExperimentMetric,
  HealthCheck,
  Hypothesis,
  MetricResult,
  Variant,
} from '../../domain/experiment';
import { normaliseSurface } from '../../domain/rules/text-fields';
import { EXTRA_TAGS, type ProductArea } from './areas';
import { designExperiment, type ExperimentDesign, type PlannedMetric, requiredTotalUnits } from './design';
import { reportHealthChecks, drawMultiExposure } from './health-checks';
import { DAY_MS, drawLifecycle, type Lifecycle } from './lifecycle';
import { type MetricDefinition, metricMean } from './metric-catalogue';
import { type OwnerCandidate } from './org-tree';
import { type IdFactory, type Rng } from './random';
import { readResults, type ReadResults } from './read-results';
import { type ExperimentTruth } from './records';
import { allocateUnits, drawScenario, drawTotalUnits, drawTrueEffects } from './scenario';
import { type DrawnStats, drawSufficientStats } from './sufficient-stats';
import {
  experimentDescription,
  experimentTitle,
  type ExperimentTheme,
  hypothesisRationale,
  hypothesisStatement,
  pickAudience,
} from './texts';

export interface SimulationContext {
  readonly anchor: Date;
  readonly ids: IdFactory;
  readonly catalogue: ReadonlyMap<string, MetricDefinition>;
  readonly metricIds: ReadonlyMap<string, string>;
  readonly keyWidth: number;
}

/** The run an experiment replaces (its broken predecessor). */
export interface RestartSource {
  readonly experiment: Experiment;
  readonly owner: OwnerCandidate;
  readonly area: ProductArea;
  readonly theme: ExperimentTheme;
}

export interface SimulatedRun {
  readonly experiment: Experiment;
  readonly hypotheses: Hypothesis[];
  readonly variants: Variant[];
  readonly experimentMetrics: ExperimentMetric[];
  readonly metricResults: MetricResult[];
  readonly healthChecks: HealthCheck[];
  readonly truth: ExperimentTruth;
  readonly design: ExperimentDesign;
  readonly lifecycle: Lifecycle;
  readonly theme: ExperimentTheme;
  readonly area: ProductArea;
  readonly owner: OwnerCandidate;
  /** How the data reads; undefined for drafts (no data yet). */
  readonly read: ReadResults | undefined;
}

const roundSignificant = (value: number, digits: number) => Number(value.toPrecision(digits));

function storedMargin(metric: PlannedMetric, relative: number | null, scale: PlannedMetric['mdeScale']): number | null {
  if (relative === null) return null;
  return scale === 'ABSOLUTE' ? roundSignificant(relative * metricMean(metric.definition.model), 3) : relative;
}

function drawTheme(rng: Rng, area: ProductArea, design: ExperimentDesign): ExperimentTheme {
  const primary = design.metrics.find((m) => m.role === 'SUCCESS') ?? design.metrics[0]!;
  return {
    change: rng.choice(area.changes),
    surface: rng.choice(area.surfaces),
    audience: pickAudience(rng),
    primaryMetric: primary.definition.name.toLowerCase(),
    primaryDirection: primary.definition.preferredDirection,
  };
}

/**
 * Simulates one experiment end to end: plan, lifecycle, true scenario, exposed units, results as
 * sufficient statistics drawn from the true effects, and reported health checks.
 */
export function simulateExperiment(
  rng: Rng,
  ctx: SimulationContext,
  index: number,
  owner: OwnerCandidate,
  restartOf?: RestartSource,
): SimulatedRun {
  const { ids } = ctx;
  const area = restartOf?.area ?? rng.choice(owner.areas);
  const design = designExperiment(rng, area, ctx.catalogue);
  const theme = restartOf?.theme ?? drawTheme(rng, area, design);
  const lifecycle = drawLifecycle(rng, ctx.anchor, restartOf?.experiment.endedAt ?? undefined);
  const scenario = drawScenario(rng, design, { restart: restartOf !== undefined, index });
  const requiredUnits = requiredTotalUnits(design);
  const started = lifecycle.startedAt !== null;
  const totalUnits = started ? drawTotalUnits(rng, scenario, requiredUnits, lifecycle.trafficFraction) : 0;
  const weights = design.arms.map((a) => a.weight);
  const units = started ? allocateUnits(rng, weights, totalUnits, scenario) : weights.map(() => 0);
  const weightSum = weights.reduce((acc, w) => acc + w, 0);
  const effects = drawTrueEffects(
    rng,
    design,
    scenario,
    weights.map((w) => (totalUnits * w) / weightSum),
  );
  const multiExposed = started ? drawMultiExposure(rng, units) : units.map(() => null);

  const experimentId = ids.next();
  const tags = [
    area.tag,
    ...rng.sample(
      EXTRA_TAGS,
      rng.weighted([
        [0, 0.35],
        [1, 0.45],
        [2, 0.2],
      ]),
    ),
  ];
  if (restartOf) tags.push('rerun');
  const external = rng.chance(0.1);
  const lastChange = lifecycle.concludedAt ?? lifecycle.endedAt ?? lifecycle.startedAt ?? lifecycle.createdAt;
  const experiment: Experiment = {
    id: experimentId,
    key: `${area.tag}-${String(index + 1).padStart(ctx.keyWidth, '0')}`,
    title: experimentTitle(rng, theme, restartOf !== undefined),
    description: experimentDescription(theme, design.kind, restartOf !== undefined),
    ownerNodeId: owner.node.id,
    kind: design.kind,
    countsTowardEwl: design.kind === 'AB_TEST',
    status: lifecycle.status,
    startedAt: lifecycle.startedAt,
    endedAt: lifecycle.endedAt,
    concludedAt: lifecycle.concludedAt,
    alpha: design.alpha,
    power: design.power,
    powerBudgetMode: 'SIMPLE',
    deteriorationAlphaMode: 'PER_TEST',
    analysisMode: 'FIXED_HORIZON',
    plannedSampleSize: requiredUnits > 0 ? requiredUnits : null,
    plannedRuntimeDays: lifecycle.plannedRuntimeDays,
    randomizationUnit: rng.weighted([
      ['user', 0.85],
      ['device', 0.1],
      ['session', 0.05],
    ]),
    tags,
    surface: normaliseSurface('surface', theme.surface),
    restartOfId: restartOf?.experiment.id ?? null,
    externalSource: external ? 'growthbook' : null,
    externalId: external ? `gb-${experimentId.slice(0, 8)}` : null,
    createdAt: lifecycle.createdAt,
    updatedAt: lastChange,
    version: 1,
  };

  const hypotheses: Hypothesis[] = [
    {
      id: ids.next(),
      experimentId,
      statement: hypothesisStatement(rng, theme),
      rationale: hypothesisRationale(rng, theme),
      lockedAt: lifecycle.startedAt,
      createdAt: lifecycle.createdAt,
      updatedAt: lifecycle.startedAt ?? lifecycle.createdAt,
      version: 1,
    },
  ];
  const variants: Variant[] = design.arms.map((arm, position) => ({
    id: ids.next(),
    experimentId,
    key: arm.key,
    name: arm.name,
    isControl: arm.isControl,
    plannedWeight: arm.weight,
    units: started ? units[position]! : null,
    multiExposedUnits: multiExposed[position] ?? null,
    position,
  }));
  const experimentMetrics: ExperimentMetric[] = design.metrics.map((metric, position) => ({
    id: ids.next(),
    experimentId,
    metricId: ctx.metricIds.get(metric.definition.key)!,
    role: metric.role,
    mde: storedMargin(metric, metric.mdeRelative, metric.mdeScale),
    mdeScale: metric.mdeScale,
    nim: storedMargin(metric, metric.nimRelative, metric.nimScale),
    nimScale: metric.nimScale,
    position,
  }));

  const metricResults: MetricResult[] = [];
  const drawn: DrawnStats[][] = [];
  const resultTime = started
    ? new Date(Math.min(ctx.anchor.getTime(), (lifecycle.endedAt ?? ctx.anchor).getTime() + DAY_MS / 4))
    : ctx.anchor;
  const withPreExposure = started && rng.chance(0.25);
  design.metrics.forEach((metric, m) => {
    const perArm = variants.map((variant, a) => {
      const coverage = metric.definition.partialCoverage ? rng.uniform(0.96, 0.995) : 1;
      const stats = drawSufficientStats(
        rng,
        metric.definition.model,
        Math.round(units[a]! * coverage),
        effects[m]![a]!,
      );
      if (started)
        metricResults.push({
          id: ids.next(),
          experimentMetricId: experimentMetrics[m]!.id,
          variantId: variant.id,
          period: 'EXPOSURE',
          metricType: metric.definition.type,
          ...stats,
          updatedAt: resultTime,
        });
      if (withPreExposure && metric.role !== 'DETERIORATION') {
        const pre = drawSufficientStats(
          rng,
          metric.definition.model,
          Math.round(units[a]! * rng.uniform(0.8, 0.95)),
          0,
        );
        metricResults.push({
          id: ids.next(),
          experimentMetricId: experimentMetrics[m]!.id,
          variantId: variant.id,
          period: 'PRE_EXPOSURE',
          metricType: metric.definition.type,
          ...pre,
          updatedAt: resultTime,
        });
      }
      return stats;
    });
    drawn.push(perArm);
  });

  let healthChecks: HealthCheck[] = [];
  let read: ReadResults | undefined;
  if (started) {
    const runtimeDays = ((lifecycle.endedAt ?? ctx.anchor).getTime() - lifecycle.startedAt!.getTime()) / DAY_MS;
    const reported = reportHealthChecks(rng, ids, {
      experimentId,
      units,
      weights,
      multiExposedUnits: multiExposed,
      runtimeDays,
      externalSource: experiment.externalSource,
      reportedAt: resultTime,
    });
    healthChecks = reported.checks;
    read = readResults({ design, units, results: drawn, requiredUnits, blockingCheckFailed: reported.blockingFailed });
  }
  return {
    experiment,
    hypotheses,
    variants,
    experimentMetrics,
    metricResults,
    healthChecks,
    truth: { scenario, requiredUnits, totalUnits, observed: read?.outcome ?? null },
    design,
    lifecycle,
    theme,
    area,
    owner,
    read,
  };
}
