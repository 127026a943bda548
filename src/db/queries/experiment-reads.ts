import { type DataSource, In } from 'typeorm';
import type { Decision, Experiment, HealthCheck, Hypothesis, Variant } from '../../domain/experiment';
import { DecisionEntity, ExperimentEntity, HealthCheckEntity, HypothesisEntity, VariantEntity } from '../entities';

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
  return dataSource.manager.find(ExperimentEntity, { where: { restartOfId: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } });
}

/** Hypotheses of the given experiments, oldest first. */
export function findHypothesesByExperimentIds(dataSource: DataSource, ids: readonly string[]): Promise<Hypothesis[]> {
  return dataSource.manager.find(HypothesisEntity, { where: { experimentId: In([...ids]) }, order: { createdAt: 'ASC', id: 'ASC' } });
}

/** Variants of the given experiments, by position. */
export function findVariantsByExperimentIds(dataSource: DataSource, ids: readonly string[]): Promise<Variant[]> {
  return dataSource.manager.find(VariantEntity, { where: { experimentId: In([...ids]) }, order: { position: 'ASC', id: 'ASC' } });
}

/** Variants by id. */
export function findVariantsByIds(dataSource: DataSource, ids: readonly string[]): Promise<Variant[]> {
  return dataSource.manager.find(VariantEntity, { where: { id: In([...ids]) } });
}

/** Reported health checks of the given experiments (source REPORTED), by type then name. */
export async function findReportedHealthChecksByExperimentIds(dataSource: DataSource, ids: readonly string[]): Promise<HealthCheck[]> {
  const rows = await dataSource.manager.find(HealthCheckEntity, {
    where: { experimentId: In([...ids]) },
    order: { type: 'ASC', name: 'ASC', id: 'ASC' },
  });
  return rows.map((row) => ({ ...row, source: 'REPORTED' }));
}

/** All decisions of the given experiments, newest first (by decidedAt, then recording order). */
export function findDecisionsByExperimentIds(dataSource: DataSource, ids: readonly string[]): Promise<Decision[]> {
  return dataSource.manager.find(DecisionEntity, {
    where: { experimentId: In([...ids]) },
    order: { decidedAt: 'DESC', seq: 'DESC' },
  });
}
