import { type DataSource, In } from 'typeorm';
import type { Decision, Experiment, HealthCheck, Hypothesis, Variant } from '../../domain/experiment';
import { ExperimentEntity, HealthCheckEntity, HypothesisEntity } from '../entities';
import { type Row } from './row-values-reads';
import { type Queryable, queryRows, queryWrittenRow, queryWrittenRows } from '../rows/table-rows';
import { decisionRows, experimentRows, healthCheckRows, hypothesisRows, variantRows } from '../rows/tables';

// The reads of a team page (OrgNode.experiments with variants and decisions) select their columns
// through the table's row mapping: hydrating TypeORM entities cost more CPU than the SQL.

/** A decision as the domain reads it (`seq` only orders decisions). */
export const decisionColumns = decisionRows.omit('seq');

/** Experiments by id, in no particular order (loaders put them back in key order). */
export function findExperimentsByIds(db: Queryable, ids: readonly string[]): Promise<Experiment[]> {
  return queryRows(
    db,
    experimentRows,
    `SELECT ${experimentRows.columns()} FROM experiment WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}

/** The experiment with this key, or null. */
export async function findExperimentByKey(db: Queryable, key: string): Promise<Experiment | null> {
  const [experiment] = await queryRows(
    db,
    experimentRows,
    `SELECT ${experimentRows.columns()} FROM experiment WHERE key = $1`,
    [key],
  );
  return experiment ?? null;
}

/** The experiment `id` as the caller's transaction sees it, after writing or locking it. @throws Error when there is none */
export function findWrittenExperiment(db: Queryable, id: string): Promise<Experiment> {
  return queryWrittenRow(db, experimentRows, id);
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

/** The hypothesis `id` as the caller's transaction sees it, after writing it or locking its experiment. @throws Error when there is none */
export function findWrittenHypothesis(db: Queryable, id: string): Promise<Hypothesis> {
  return queryWrittenRow(db, hypothesisRows, id);
}

/** Variants of the given experiments, by position. */
export async function findVariantsByExperimentIds(db: Queryable, ids: readonly string[]): Promise<Variant[]> {
  const rows: Row[] = (await db.query(
    `SELECT ${variantRows.columns()} FROM variant WHERE experiment_id = ANY($1::uuid[]) ORDER BY position, id`,
    [ids],
  )) as Row[];
  return rows.map(variantRows.decode);
}

/** Variants by id. */
export async function findVariantsByIds(dataSource: DataSource, ids: readonly string[]): Promise<Variant[]> {
  const rows: Row[] = await dataSource.query(
    `SELECT ${variantRows.columns()} FROM variant WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows.map(variantRows.decode);
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

/**
 * Health checks the caller's transaction just wrote (all are reported ones), in the order of `ids`.
 * @throws Error when one is missing
 */
export async function findWrittenHealthChecks(
  db: Queryable,
  ids: readonly string[],
): Promise<Array<HealthCheck & { readonly source: 'REPORTED' }>> {
  const rows = await queryWrittenRows(db, healthCheckRows, ids);
  return rows.map((row) => ({ ...row, source: 'REPORTED' as const }));
}

/** The decision `id` as the caller's transaction sees it, after writing it. @throws Error when there is none */
export function findWrittenDecision(db: Queryable, id: string): Promise<Decision> {
  return queryWrittenRow(db, decisionColumns, id);
}

/** All decisions of the given experiments, newest first (by decidedAt, then recording order). */
export async function findDecisionsByExperimentIds(
  dataSource: DataSource,
  ids: readonly string[],
): Promise<Decision[]> {
  const rows: Row[] = await dataSource.query(
    `SELECT ${decisionColumns.columns('d')} FROM decision d WHERE d.experiment_id = ANY($1::uuid[]) ORDER BY d.decided_at DESC, d.seq DESC`,
    [ids],
  );
  return rows.map(decisionColumns.decode);
}
