import { type DataSource } from 'typeorm';
import { type AuditPage, findExperimentHistoryPages } from '../../db/queries/audit-reads';
import { type AuditPageQuery } from '../audit-args';
import { createNodeQueryLoader } from './node-query-batch';

/**
 * Experiment.history: one SQL statement per distinct page request, for all experiments asked. The
 * page is validated (parseAuditPageArgs), so the batch never fails on its arguments.
 */
export function createExperimentHistoryByExperimentIdLoader(dataSource: DataSource) {
  return createNodeQueryLoader<AuditPageQuery, AuditPage>((experimentIds, query) =>
    findExperimentHistoryPages(dataSource, experimentIds, query.first, query.after),
  );
}
