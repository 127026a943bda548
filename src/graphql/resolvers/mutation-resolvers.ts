import { ApiKeyResolver } from './api-key.resolver';
import { DecisionMutationResolver } from './decision-mutation.resolver';
import { DesignAmendmentResolver } from './design-amendment.resolver';
import { ExperimentMutationResolver } from './experiment-mutation.resolver';
import { HypothesisMutationResolver } from './hypothesis-mutation.resolver';
import { ImportItemResultFieldsResolver } from './import-item-result-fields.resolver';
import { ImportMutationResolver } from './import-mutation.resolver';
import { LearningMutationResolver } from './learning-mutation.resolver';
import { MetricMutationResolver } from './metric-mutation.resolver';
import { OrgNodeMutationResolver } from './org-node-mutation.resolver';
import { ReclassifyMutationResolver } from './reclassify-mutation.resolver';
import { ResultMutationResolver } from './result-mutation.resolver';
import { WebhookResolver } from './webhook.resolver';

/** Root Mutation resolvers (write side). Order does not matter. */
export const mutationResolvers = [
  OrgNodeMutationResolver,
  MetricMutationResolver,
  ExperimentMutationResolver,
  DesignAmendmentResolver,
  HypothesisMutationResolver,
  ResultMutationResolver,
  DecisionMutationResolver,
  LearningMutationResolver,
  ApiKeyResolver,
  ReclassifyMutationResolver,
  ImportMutationResolver,
  ImportItemResultFieldsResolver,
  WebhookResolver,
] as const;
