import { type DataSource, In } from 'typeorm';
import type {
  AnalysisMode,
  Decision,
  DecisionKind,
  DeteriorationAlphaMode,
  Experiment,
  ExperimentKind,
  ExperimentStatus,
  HealthCheck,
  Hypothesis,
  PowerBudgetMode,
  Variant,
} from '../../domain/experiment';
import { ExperimentEntity, HealthCheckEntity, HypothesisEntity } from '../entities';
import {
  dateFromMillis,
  dateOrNullFromMillis,
  epochMillisSql,
  numberOrNullFromBigint,
  type Row,
} from './row-values-reads';

// The reads of a team page (OrgNode.experiments with variants and decisions) select their columns
// by hand and map rows with object literals: hydrating TypeORM entities cost more CPU than the SQL.

/** The columns `toExperiment` reads, from the `experiment` table under `alias`. */
export function experimentColumns(alias: string): string {
  const a = alias;
  return `${a}.id, ${a}.key, ${a}.title, ${a}.description, ${a}.owner_node_id, ${a}.kind, ${a}.counts_toward_ewl, ${a}.status,
    ${epochMillisSql(`${a}.started_at`, 'started_at_ms')}, ${epochMillisSql(`${a}.ended_at`, 'ended_at_ms')},
    ${epochMillisSql(`${a}.concluded_at`, 'concluded_at_ms')}, ${a}.alpha, ${a}.power, ${a}.power_budget_mode,
    ${a}.deterioration_alpha_mode, ${a}.analysis_mode, ${a}.planned_sample_size, ${a}.planned_runtime_days, ${a}.randomization_unit,
    ${a}.tags, ${a}.surface, ${a}.restart_of_id, ${a}.external_source, ${a}.external_id, ${epochMillisSql(`${a}.created_at`, 'created_at_ms')},
    ${epochMillisSql(`${a}.updated_at`, 'updated_at_ms')}, ${a}.version`;
}

/** A row selected with `experimentColumns`, as a domain Experiment. */
export function toExperiment(r: Row): Experiment {
  return {
    id: r.id as string,
    key: r.key as string,
    title: r.title as string,
    description: r.description as string,
    ownerNodeId: r.owner_node_id as string,
    kind: r.kind as ExperimentKind,
    countsTowardEwl: r.counts_toward_ewl as boolean,
    status: r.status as ExperimentStatus,
    startedAt: dateOrNullFromMillis(r.started_at_ms),
    endedAt: dateOrNullFromMillis(r.ended_at_ms),
    concludedAt: dateOrNullFromMillis(r.concluded_at_ms),
    alpha: r.alpha as number,
    power: r.power as number,
    powerBudgetMode: r.power_budget_mode as PowerBudgetMode,
    deteriorationAlphaMode: r.deterioration_alpha_mode as DeteriorationAlphaMode,
    analysisMode: r.analysis_mode as AnalysisMode,
    plannedSampleSize: numberOrNullFromBigint(r.planned_sample_size),
    plannedRuntimeDays: r.planned_runtime_days as number | null,
    randomizationUnit: r.randomization_unit as string,
    tags: r.tags as string[],
    surface: r.surface as string | null,
    restartOfId: r.restart_of_id as string | null,
    externalSource: r.external_source as string | null,
    externalId: r.external_id as string | null,
    createdAt: dateFromMillis(r.created_at_ms),
    updatedAt: dateFromMillis(r.updated_at_ms),
    version: r.version as number,
  };
}

const VARIANT_COLUMNS =
  'id, experiment_id, key, name, is_control, planned_weight, units, multi_exposed_units, position';

function toVariant(r: Row): Variant {
  return {
    id: r.id as string,
    experimentId: r.experiment_id as string,
    key: r.key as string,
    name: r.name as string,
    isControl: r.is_control as boolean,
    plannedWeight: r.planned_weight as number,
    units: numberOrNullFromBigint(r.units),
    multiExposedUnits: numberOrNullFromBigint(r.multi_exposed_units),
    position: r.position as number,
  };
}

const DECISION_COLUMNS = `d.id, d.experiment_id, d.kind, d.shipped_variant_id, d.rationale, d.decided_by,
  ${epochMillisSql('d.decided_at', 'decided_at_ms')}, d.is_current, ${epochMillisSql('d.created_at', 'created_at_ms')}`;

function toDecision(r: Row): Decision {
  return {
    id: r.id as string,
    experimentId: r.experiment_id as string,
    kind: r.kind as DecisionKind,
    shippedVariantId: r.shipped_variant_id as string | null,
    rationale: r.rationale as string,
    decidedBy: r.decided_by as string,
    decidedAt: dateFromMillis(r.decided_at_ms),
    isCurrent: r.is_current as boolean,
    createdAt: dateFromMillis(r.created_at_ms),
  };
}

/** Experiments by id, in no particular order (loaders put them back in key order). */
export function findExperimentsByIds(dataSource: DataSource, ids: readonly string[]): Promise<Experiment[]> {
  return dataSource.manager.find(ExperimentEntity, { where: { id: In([...ids]) } });
}

/** The experiment with this key, or null. */
export function findExperimentByKey(dataSource: DataSource, key: string): Promise<Experiment | null> {
  return dataSource.manager.findOne(ExperimentEntity, { where: { key } });
}

/** Experiments that restart (replace) any of the given runs, oldest first. */
export function findExperimentsByRestartOfIds(dataSource: DataSource, ids: readonly string[]): Promise<Experiment[]> {
  return dataSource.manager.find(ExperimentEntity, {
    where: { restartOfId: In([...ids]) },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
}

/** Hypotheses of the given experiments, oldest first. */
export function findHypothesesByExperimentIds(dataSource: DataSource, ids: readonly string[]): Promise<Hypothesis[]> {
  return dataSource.manager.find(HypothesisEntity, {
    where: { experimentId: In([...ids]) },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
}

/** Variants of the given experiments, by position. */
export async function findVariantsByExperimentIds(dataSource: DataSource, ids: readonly string[]): Promise<Variant[]> {
  const rows: Row[] = await dataSource.query(
    `SELECT ${VARIANT_COLUMNS} FROM variant WHERE experiment_id = ANY($1::uuid[]) ORDER BY position, id`,
    [ids],
  );
  return rows.map(toVariant);
}

/** Variants by id. */
export async function findVariantsByIds(dataSource: DataSource, ids: readonly string[]): Promise<Variant[]> {
  const rows: Row[] = await dataSource.query(`SELECT ${VARIANT_COLUMNS} FROM variant WHERE id = ANY($1::uuid[])`, [
    ids,
  ]);
  return rows.map(toVariant);
}

/** Reported health checks of the given experiments (source REPORTED), by type then name. */
export async function findReportedHealthChecksByExperimentIds(
  dataSource: DataSource,
  ids: readonly string[],
): Promise<HealthCheck[]> {
  const rows = await dataSource.manager.find(HealthCheckEntity, {
    where: { experimentId: In([...ids]) },
    order: { type: 'ASC', name: 'ASC', id: 'ASC' },
  });
  return rows.map((row) => ({ ...row, source: 'REPORTED' }));
}

/** All decisions of the given experiments, newest first (by decidedAt, then recording order). */
export async function findDecisionsByExperimentIds(
  dataSource: DataSource,
  ids: readonly string[],
): Promise<Decision[]> {
  const rows: Row[] = await dataSource.query(
    `SELECT ${DECISION_COLUMNS} FROM decision d WHERE d.experiment_id = ANY($1::uuid[]) ORDER BY d.decided_at DESC, d.seq DESC`,
    [ids],
  );
  return rows.map(toDecision);
}
