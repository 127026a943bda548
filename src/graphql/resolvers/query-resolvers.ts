import { AuditResolver, ExperimentHistoryFieldsResolver } from './audit.resolver';
import { ClassificationHistoryFieldsResolver } from './classification-history-fields.resolver';
import { DecisionAnalysisFieldsResolver } from './decision-analysis-fields.resolver';
import { DecisionFieldsResolver } from './decision-fields.resolver';
import { ExperimentAnalysisFieldsResolver } from './experiment-analysis-fields.resolver';
import { ExperimentFieldsResolver } from './experiment-fields.resolver';
import { ExperimentMetricFieldsResolver } from './experiment-metric-fields.resolver';
import { ExperimentResolver } from './experiment.resolver';
import { HypothesisFieldsResolver } from './hypothesis-fields.resolver';
import { LearningFieldsResolver } from './learning-fields.resolver';
import { LearningResolver } from './learning.resolver';
import { ExternalResultFieldsResolver, MetricResultFieldsResolver } from './metric-result-fields.resolver';
import { MetricInsightResolver, OrgMetricInsightFieldsResolver } from './metric-insight.resolver';
import { MetricResolver } from './metric.resolver';
import { OrgNodeFieldsResolver } from './org-node-fields.resolver';
import { OrgNodeResolver } from './org-node.resolver';
import { OrgStatsFieldsResolver } from './org-stats-fields.resolver';
import { PlannerResolver } from './planner.resolver';
import { PortfolioStatsResolver } from './portfolio-stats.resolver';
import { RecordResultsPayloadFieldsResolver } from './record-results-payload-fields.resolver';

/** Root Query resolvers and field resolvers (read side). Order does not matter. */
export const queryResolvers = [
  OrgNodeResolver,
  OrgNodeFieldsResolver,
  ExperimentResolver,
  ExperimentFieldsResolver,
  ExperimentMetricFieldsResolver,
  MetricResultFieldsResolver,
  ExternalResultFieldsResolver,
  DecisionFieldsResolver,
  MetricResolver,
  LearningResolver,
  LearningFieldsResolver,
  HypothesisFieldsResolver,
  ExperimentAnalysisFieldsResolver,
  ClassificationHistoryFieldsResolver,
  AuditResolver,
  ExperimentHistoryFieldsResolver,
  DecisionAnalysisFieldsResolver,
  PlannerResolver,
  RecordResultsPayloadFieldsResolver,
  OrgStatsFieldsResolver,
  PortfolioStatsResolver,
  OrgMetricInsightFieldsResolver,
  MetricInsightResolver,
] as const;
