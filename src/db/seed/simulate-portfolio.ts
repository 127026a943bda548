import type { Metric } from '../../domain/experiment';
import { simulateDecisions, simulateLearnings } from './follow-up';
import { DAY_MS, HISTORY_DAYS } from './lifecycle';
import { METRIC_CATALOGUE } from './metric-catalogue';
import { buildOrgTree, type OwnerCandidate } from './org-tree';
import { IdFactory, Rng } from './random';
import { type ExperimentBundle, type PortfolioChunk, type PortfolioFoundation } from './records';
import { type RestartSource, simulateExperiment, type SimulationContext } from './simulate-experiment';

export interface PortfolioParams {
  /** Any integer; the same params always give the same portfolio, ids included. */
  readonly seed: number;
  /** End of the simulated two-year window; nothing happens after it. */
  readonly anchor: Date;
  readonly companies?: number;
  readonly departmentsPerCompany?: number;
  readonly teamsPerDepartment?: number;
  readonly experiments?: number;
  /** Share of experiments owned by a department rather than a team. */
  readonly departmentOwnedShare?: number;
}

export const DEFAULT_PORTFOLIO_PARAMS = {
  companies: 1,
  departmentsPerCompany: 4,
  teamsPerDepartment: 5,
  experiments: 500,
  departmentOwnedShare: 0.05,
} as const;

/** Share of broken runs (SRM or an empty arm) that get a rerun. */
const RESTART_SHARE = 0.5;
/** Separate PRNG and id streams for the tree/catalogue and for the experiments. */
const FOUNDATION_STREAM = 0xf0;
const EXPERIMENT_STREAM = 0xe4;

export interface SimulatedPortfolio extends PortfolioFoundation {
  readonly params: Required<PortfolioParams>;
  /** Yields the experiments one by one, lazily (each call starts again from the first). */
  experimentBundles(): Generator<ExperimentBundle>;
  /** The same experiments grouped into per-table row arrays of `size` experiments each. */
  chunks(size: number): Generator<PortfolioChunk>;
}

function validate(params: Required<PortfolioParams>): void {
  const counts: Array<[string, number, number]> = [
    ['companies', params.companies, 1],
    ['departmentsPerCompany', params.departmentsPerCompany, 1],
    ['teamsPerDepartment', params.teamsPerDepartment, 0],
    ['experiments', params.experiments, 0],
  ];
  for (const [name, value, min] of counts) {
    if (!Number.isInteger(value) || value < min)
      throw new RangeError(`simulatePortfolio: ${name} must be an integer ≥ ${min}, got ${value}`);
  }
  if (!Number.isSafeInteger(params.seed))
    throw new RangeError(`simulatePortfolio: seed must be a safe integer, got ${params.seed}`);
  if (Number.isNaN(params.anchor.getTime())) throw new RangeError('simulatePortfolio: anchor must be a valid date');
}

/**
 * A deterministic, parametric simulation of an experimentation programme (pure: no I/O, no clock).
 * The org tree and metric catalogue are built eagerly; experiments are generated lazily, so 100k
 * experiments stream in constant memory. Results are sufficient statistics drawn from chosen
 * true effects; decisions and learnings follow from reading the drawn data, never from the truth.
 *
 * @example
 * ```ts
 * const portfolio = simulatePortfolio({ seed: 42, anchor: new Date('2026-01-01T00:00:00Z') });
 * for (const chunk of portfolio.chunks(500)) insert(chunk);
 * ```
 */
export function simulatePortfolio(input: PortfolioParams): SimulatedPortfolio {
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as PortfolioParams;
  const params: Required<PortfolioParams> = { ...DEFAULT_PORTFOLIO_PARAMS, ...given };
  validate(params);
  const foundationIds = new IdFactory(params.seed, FOUNDATION_STREAM);
  const historyStart = new Date(params.anchor.getTime() - (HISTORY_DAYS + 30) * DAY_MS);
  const tree = buildOrgTree({ ...params, createdAt: historyStart }, foundationIds);
  const metrics: Metric[] = METRIC_CATALOGUE.map((d) => ({
    id: foundationIds.next(),
    key: d.key,
    name: d.name,
    description: d.description,
    type: d.type,
    preferredDirection: d.preferredDirection,
    createdAt: historyStart,
    updatedAt: historyStart,
    version: 1,
  }));
  const catalogue = new Map(METRIC_CATALOGUE.map((d) => [d.key, d]));
  const metricIds = new Map(metrics.map((m) => [m.key, m.id]));
  const keyWidth = Math.max(4, String(params.experiments).length);

  function* experimentBundles(): Generator<ExperimentBundle> {
    // Experiment rows take ids from their own stream, so growing the tree never shifts them.
    const ids = new IdFactory(params.seed, EXPERIMENT_STREAM);
    const ctx: SimulationContext = { anchor: params.anchor, ids, catalogue, metricIds, keyWidth };
    const lastByArea = new Map<string, string>();
    let pendingRestart: RestartSource | undefined;
    for (let index = 0; index < params.experiments; index += 1) {
      const rng = new Rng(params.seed, EXPERIMENT_STREAM, index);
      const restartOf = pendingRestart;
      pendingRestart = undefined;
      const owner = restartOf?.owner ?? pickOwner(rng, tree.teams, tree.departments, params.departmentOwnedShare);
      const run = simulateExperiment(rng, ctx, index, owner, restartOf);
      const decisions = simulateDecisions(rng, ids, run, params.anchor);
      const learned = simulateLearnings(rng, ids, run, params.anchor, lastByArea.get(run.area.tag));
      const broken = run.truth.scenario === 'BROKEN_SPLIT' || run.truth.scenario === 'EMPTY_ARM';
      if (broken && run.experiment.endedAt !== null && rng.chance(RESTART_SHARE)) {
        pendingRestart = { experiment: run.experiment, owner, area: run.area, theme: run.theme };
      }
      if (run.lifecycle.concludedAt !== null) lastByArea.set(run.area.tag, run.experiment.id);
      yield {
        experiment: run.experiment,
        hypotheses: run.hypotheses,
        variants: run.variants,
        experimentMetrics: run.experimentMetrics,
        metricResults: run.metricResults,
        healthChecks: run.healthChecks,
        decisions,
        ...learned,
        truth: run.truth,
      };
    }
  }

  function* chunks(size: number): Generator<PortfolioChunk> {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`chunks: size must be a positive integer, got ${size}`);
    let chunk = emptyChunk();
    for (const bundle of experimentBundles()) {
      chunk.experiments.push(bundle.experiment);
      for (const field of CHUNK_FIELDS) (chunk[field] as unknown[]).push(...bundle[field]);
      if (chunk.experiments.length >= size) {
        yield chunk;
        chunk = emptyChunk();
      }
    }
    if (chunk.experiments.length > 0) yield chunk;
  }

  return { params, orgNodes: tree.nodes, orgNodeClosure: tree.closure, metrics, experimentBundles, chunks };
}

const CHUNK_FIELDS = [
  'hypotheses',
  'variants',
  'experimentMetrics',
  'metricResults',
  'healthChecks',
  'decisions',
  'learnings',
  'learningExperiments',
  'learningHypotheses',
] as const;

function emptyChunk(): PortfolioChunk {
  return {
    experiments: [],
    hypotheses: [],
    variants: [],
    experimentMetrics: [],
    metricResults: [],
    healthChecks: [],
    decisions: [],
    learnings: [],
    learningExperiments: [],
    learningHypotheses: [],
  };
}

function pickOwner(
  rng: Rng,
  teams: readonly OwnerCandidate[],
  departments: readonly OwnerCandidate[],
  departmentShare: number,
): OwnerCandidate {
  if (teams.length === 0 || rng.chance(departmentShare)) return rng.choice(departments);
  return rng.choice(teams);
}
