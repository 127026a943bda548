import { type DataSource } from 'typeorm';
import { rollupCacheHandle } from '../../db/queries/rollup-cache';
import { NarrowRecords } from '../record-shapes';
import { createAnalysisInputByExperimentIdLoader } from './analysis-input-by-experiment-id.loader';
import { createClassificationByExperimentIdLoader } from './classification-by-experiment-id.loader';
import { createClassificationVersionsByExperimentIdLoader } from './classification-versions-by-experiment-id.loader';
import { createDecisionDebtPagesByNodeIdLoader } from './decision-debt-pages-by-node-id.loader';
import { createDecisionsByExperimentIdLoader } from './decisions-by-experiment-id.loader';
import { createDesignAmendmentsByExperimentIdLoader } from './design-amendments-by-experiment-id.loader';
import { createExperimentByIdLoader } from './experiment-by-id.loader';
import { createExperimentHistoryByExperimentIdLoader } from './experiment-history-by-experiment-id.loader';
import { createExperimentMetricsByExperimentIdLoader } from './experiment-metrics-by-experiment-id.loader';
import { createExperimentPagesByOwnerNodeIdLoader } from './experiment-pages-by-owner-node-id.loader';
import { createExperimentRelationsByExperimentIdLoader } from './experiment-relations-by-experiment-id.loader';
import { createExperimentsByLearningIdLoader } from './experiments-by-learning-id.loader';
import { createExperimentsByRestartOfIdLoader } from './experiments-by-restart-of-id.loader';
import { createExternalResultsByExperimentMetricIdLoader } from './external-results-by-experiment-metric-id.loader';
import { createHealthChecksByExperimentIdLoader } from './health-checks-by-experiment-id.loader';
import { createHypothesesByExperimentIdLoader } from './hypotheses-by-experiment-id.loader';
import { createHypothesesByLearningIdLoader } from './hypotheses-by-learning-id.loader';
import { createLearningsByExperimentIdLoader } from './learnings-by-experiment-id.loader';
import { createLearningsByHypothesisIdLoader } from './learnings-by-hypothesis-id.loader';
import { createMetricByIdLoader } from './metric-by-id.loader';
import { createMetricByKeyLoader } from './metric-by-key.loader';
import { createMetricInsightsByNodeIdLoader } from './metric-insights-by-node-id.loader';
import { createMetricResultsByExperimentMetricIdLoader } from './metric-results-by-experiment-metric-id.loader';
import { createOrgNodeAncestorsByNodeIdLoader } from './org-node-ancestors-by-node-id.loader';
import { createOrgNodeByIdLoader } from './org-node-by-id.loader';
import { createOrgNodeRankingByNodeIdLoader } from './org-node-ranking-by-node-id.loader';
import { createOrgNodesByParentIdLoader } from './org-nodes-by-parent-id.loader';
import { createOrgStatsByNodeIdLoader } from './org-stats-by-node-id.loader';
import { createOrgStatsSeriesByNodeIdLoader } from './org-stats-series-by-node-id.loader';
import { createVariantByIdLoader } from './variant-by-id.loader';
import { createVariantsByExperimentIdLoader } from './variants-by-experiment-id.loader';

/**
 * One DataLoader per relation, created per request so that caches never outlive a request.
 * Each factory lives in its own `*.loader.ts` file.
 */
export function createLoaders(dataSource: DataSource, now: Date = new Date()) {
  const rollupCache = rollupCacheHandle(dataSource, () => now);
  return {
    orgNodeById: createOrgNodeByIdLoader(dataSource),
    orgNodesByParentId: createOrgNodesByParentIdLoader(dataSource),
    orgNodeAncestorsByNodeId: createOrgNodeAncestorsByNodeIdLoader(dataSource),
    experimentPagesByOwnerNodeId: createExperimentPagesByOwnerNodeIdLoader(dataSource),
    experimentById: createExperimentByIdLoader(dataSource),
    experimentRelationsByExperimentId: createExperimentRelationsByExperimentIdLoader(dataSource),
    experimentsByRestartOfId: createExperimentsByRestartOfIdLoader(dataSource),
    experimentsByLearningId: createExperimentsByLearningIdLoader(dataSource),
    hypothesesByExperimentId: createHypothesesByExperimentIdLoader(dataSource),
    hypothesesByLearningId: createHypothesesByLearningIdLoader(dataSource),
    variantsByExperimentId: createVariantsByExperimentIdLoader(dataSource),
    variantById: createVariantByIdLoader(dataSource),
    experimentMetricsByExperimentId: createExperimentMetricsByExperimentIdLoader(dataSource),
    metricById: createMetricByIdLoader(dataSource),
    metricByKey: createMetricByKeyLoader(dataSource),
    metricResultsByExperimentMetricId: createMetricResultsByExperimentMetricIdLoader(dataSource),
    externalResultsByExperimentMetricId: createExternalResultsByExperimentMetricIdLoader(dataSource),
    healthChecksByExperimentId: createHealthChecksByExperimentIdLoader(dataSource),
    decisionsByExperimentId: createDecisionsByExperimentIdLoader(dataSource),
    designAmendmentsByExperimentId: createDesignAmendmentsByExperimentIdLoader(dataSource),
    learningsByExperimentId: createLearningsByExperimentIdLoader(dataSource),
    learningsByHypothesisId: createLearningsByHypothesisIdLoader(dataSource),
    analysisInputByExperimentId: createAnalysisInputByExperimentIdLoader(dataSource),
    classificationByExperimentId: createClassificationByExperimentIdLoader(dataSource),
    classificationVersionsByExperimentId: createClassificationVersionsByExperimentIdLoader(dataSource),
    orgStatsByNodeId: createOrgStatsByNodeIdLoader(dataSource, rollupCache),
    experimentHistoryByExperimentId: createExperimentHistoryByExperimentIdLoader(dataSource),
    orgStatsSeriesByNodeId: createOrgStatsSeriesByNodeIdLoader(dataSource, rollupCache),
    orgNodeRankingByNodeId: createOrgNodeRankingByNodeIdLoader(dataSource, rollupCache),
    metricInsightsByNodeId: createMetricInsightsByNodeIdLoader(dataSource),
    decisionDebtPagesByNodeId: createDecisionDebtPagesByNodeIdLoader(dataSource),
    /** The roll-up cache and this request's data version (undefined when the cache is off). */
    rollupCache,
    /** Relations read ahead with only the columns their selection reads (src/graphql/record-shapes.ts). */
    narrowRecords: new NarrowRecords(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
