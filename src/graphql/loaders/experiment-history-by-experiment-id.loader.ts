import { type DataSource } from 'typeorm';
import { type AuditPage, findExperimentHistoryPages } from '../../db/queries/audit-reads';
import { createNodeQueryLoader } from './node-query-batch';

/** The page asked of `Experiment.history`. */
export interface HistoryPageQuery {
  /** Already validated (validateFirst), so the batch never fails on the page size. */
  readonly first: number;
  readonly after: string | null;
}

/** Experiment.history: one SQL statement per distinct page request, for all experiments asked. */
export function createExperimentHistoryByExperimentIdLoader(dataSource: DataSource) {
  return createNodeQueryLoader<HistoryPageQuery, AuditPage>((experimentIds, query) =>
    findExperimentHistoryPages(dataSource, experimentIds, query.first, query.after),
  );
}
