export { OrgNodeEntity, OrgNodeClosureEntity } from './org-node.entity';
export { ExperimentEntity, HypothesisEntity, VariantEntity } from './experiment.entity';
export { MetricEntity, ExperimentMetricEntity, MetricResultEntity, ExternalResultEntity } from './metric.entity';
export {
  HealthCheckEntity,
  DecisionEntity,
  LearningEntity,
  LearningExperimentEntity,
  LearningHypothesisEntity,
} from './record.entity';
export {
  ExperimentClassificationEntity,
  ExperimentClassificationHistoryEntity,
  ExperimentMetricEffectEntity,
} from './classification.entity';
export { ApiKeyEntity } from './api-key.entity';
export { OutboxEventEntity, WebhookSubscriptionEntity, WebhookDeliveryEntity } from './webhook.entity';
