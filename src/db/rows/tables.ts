import {
  ApiKeyEntity,
  DecisionEntity,
  ExperimentClassificationEntity,
  ExperimentClassificationHistoryEntity,
  ExperimentEntity,
  ExperimentMetricEntity,
  ExternalResultEntity,
  HealthCheckEntity,
  HypothesisEntity,
  LearningEntity,
  MetricEntity,
  MetricResultEntity,
  OrgNodeEntity,
  OutboxEventEntity,
  VariantEntity,
  WebhookDeliveryEntity,
  WebhookSubscriptionEntity,
} from '../entities';
import { defineTableRows } from './table-rows';

// One row mapping per table, built once at load from the entity declarations (src/db/entities).

export const experimentRows = defineTableRows(ExperimentEntity);
export const hypothesisRows = defineTableRows(HypothesisEntity);
export const variantRows = defineTableRows(VariantEntity);
export const metricRows = defineTableRows(MetricEntity);
export const experimentMetricRows = defineTableRows(ExperimentMetricEntity);
export const metricResultRows = defineTableRows(MetricResultEntity);
export const externalResultRows = defineTableRows(ExternalResultEntity);
export const healthCheckRows = defineTableRows(HealthCheckEntity);
export const decisionRows = defineTableRows(DecisionEntity);
export const learningRows = defineTableRows(LearningEntity);
export const orgNodeRows = defineTableRows(OrgNodeEntity);
export const classificationRows = defineTableRows(ExperimentClassificationEntity);
export const classificationHistoryRows = defineTableRows(ExperimentClassificationHistoryEntity);
export const apiKeyRows = defineTableRows(ApiKeyEntity);
export const outboxEventRows = defineTableRows(OutboxEventEntity);
export const webhookSubscriptionRows = defineTableRows(WebhookSubscriptionEntity).omit('secret');
export const webhookDeliveryRows = defineTableRows(WebhookDeliveryEntity).omit('lockedUntil', 'leaseId');
