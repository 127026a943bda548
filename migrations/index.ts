import { InitialCatalogue1764000000000 } from './1764000000000-InitialCatalogue';
import { StoredClassification1764100000000 } from './1764100000000-StoredClassification';
import { ApiKeys1764300000000 } from './1764300000000-ApiKeys';
import { RollupSummary1764200000000 } from './1764200000000-RollupSummary';
import { ClassificationHistory1764400000000 } from './1764400000000-ClassificationHistory';
import { ClassificationHistorySnapshot1764500000000 } from './1764500000000-ClassificationHistorySnapshot';
import { ClassificationHistoryRecommendation1764600000000 } from './1764600000000-ClassificationHistoryRecommendation';
import { RollupVersion1764800000000 } from './1764800000000-RollupVersion';
import { ExperimentCopies1764850000000 } from './1764850000000-ExperimentCopies';
import { SafeWrites1764900000000 } from './1764900000000-SafeWrites';
import { DesignAmendments1765120000000 } from './1765120000000-DesignAmendments';
import { ExperimentSurface1765200000000 } from './1765200000000-ExperimentSurface';
import { ExperimentSortIndexes1765300000000 } from './1765300000000-ExperimentSortIndexes';
import { ExperimentFilterIndexes1765400000000 } from './1765400000000-ExperimentFilterIndexes';
import { MetricEffects1765600000000 } from './1765600000000-MetricEffects';
import { StoppedSummary1765605000000 } from './1765605000000-StoppedSummary';
import { RollupTotals1765610000000 } from './1765610000000-RollupTotals';
import { DecisionDelays1765620000000 } from './1765620000000-DecisionDelays';
import { WebhookOutbox1765700000000 } from './1765700000000-WebhookOutbox';
import { OutboxEventXid1765750000000 } from './1765750000000-OutboxEventXid';
import { MetricEffectsByMetric1765800000000 } from './1765800000000-MetricEffectsByMetric';
import { CompanionNumbers1765900000000 } from './1765900000000-CompanionNumbers';

/** Every migration, oldest first. Add new ones at the end; never edit one that is on main. */
export const migrations = [
  InitialCatalogue1764000000000,
  StoredClassification1764100000000,
  RollupSummary1764200000000,
  ClassificationHistory1764400000000,
  ClassificationHistorySnapshot1764500000000,
  ClassificationHistoryRecommendation1764600000000,
  RollupVersion1764800000000,
  ApiKeys1764300000000,
  ExperimentCopies1764850000000,
  SafeWrites1764900000000,
  DesignAmendments1765120000000,
  ExperimentSurface1765200000000,
  ExperimentSortIndexes1765300000000,
  ExperimentFilterIndexes1765400000000,
  MetricEffects1765600000000,
  StoppedSummary1765605000000,
  RollupTotals1765610000000,
  DecisionDelays1765620000000,
  WebhookOutbox1765700000000,
  OutboxEventXid1765750000000,
  MetricEffectsByMetric1765800000000,
  CompanionNumbers1765900000000,
];
