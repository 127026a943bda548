import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  CategorySubReason,
  DataCategory,
  LearningCategory,
  Recommendation,
  Validity,
} from '../../domain/analysis-types';
import type { DecisionKind, ExperimentStatus, MetricRole } from '../../domain/experiment';
import type { ClassificationCause } from '../../domain/stored-classification';
import { bigintAsNumber } from './transformers';

/**
 * The stored classification of an experiment (one row per experiment), with the copies of the
 * experiment's and its current decision's facts that the roll-up reads (`started_at`,
 * `is_restart`, `decision_*`, `design_amended`), kept in step by the writes and by triggers.
 */
@Entity({ name: 'experiment_classification' })
export class ExperimentClassificationEntity {
  @PrimaryColumn('uuid', { name: 'experiment_id' }) experimentId: string;
  @Column('text') validity: Validity;
  @Column('text', { name: 'validity_reasons', array: true, default: () => "'{}'" }) validityReasons: string[];
  @Column('text') category: LearningCategory;
  @Column('text', { name: 'provisional_category' }) provisionalCategory: DataCategory;
  @Column('text', { name: 'sub_reason', nullable: true }) subReason: CategorySubReason | null;
  @Column('boolean', { name: 'is_learning', nullable: true }) isLearning: boolean | null;
  @Column('boolean', { name: 'is_win', nullable: true }) isWin: boolean | null;
  @Column('text') recommendation: Recommendation;
  @Column('text') status: ExperimentStatus;
  @Column('boolean', { name: 'counts_toward_ewl' }) countsTowardEwl: boolean;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt: Date | null;
  @Column('timestamptz', { name: 'concluded_at', nullable: true }) concludedAt: Date | null;
  @Column('uuid', { name: 'owner_node_id' }) ownerNodeId: string;
  @Column('uuid', { name: 'owner_node_id_at_conclusion', nullable: true }) ownerNodeIdAtConclusion: string | null;
  @Column('text', { name: 'ruleset_version' }) rulesetVersion: string;
  @Column('timestamptz', { name: 'classified_at' }) classifiedAt: Date;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt: Date | null;
  @Column('boolean', { name: 'is_restart', default: false }) isRestart: boolean;
  @Column('text', { name: 'decision_kind', nullable: true }) decisionKind: DecisionKind | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @Column('boolean', { name: 'decision_consistent', nullable: true }) decisionConsistent: boolean | null;
  @Column('boolean', { name: 'design_amended', default: false }) designAmended: boolean;
  /** Whether the experiment's metric effects (experiment_metric_effect) were stored with this row. */
  @Column('boolean', { name: 'effects_stored', default: false }) effectsStored: boolean;
  /** The experiment's planned runtime (a copy of `experiment.planned_runtime_days`). */
  @Column('integer', { name: 'planned_runtime_days', nullable: true }) plannedRuntimeDays: number | null;
  /** Precision facts (domain/companion-numbers.ts `precisionFactsOf`): null until the experiment ended. */
  @Column('double precision', { name: 'success_mde_rel', array: true, nullable: true }) successMdeRel: number[] | null;
  @Column('double precision', { name: 'success_powered_effect_rel', array: true, nullable: true })
  successPoweredEffectRel: number[] | null;
  /** Whether the companion facts above were stored with this row. */
  @Column('boolean', { name: 'companions_stored', default: false }) companionsStored: boolean;
}

/**
 * One treatment arm's effect on one metric of the experiment, from the analysis its stored
 * classification was computed with (domain/metric-insight.ts `metricEffectsOf`): rewritten with
 * every classification, read by the metric view.
 */
@Entity({ name: 'experiment_metric_effect' })
export class ExperimentMetricEffectEntity {
  @PrimaryColumn('uuid', { name: 'experiment_metric_id' }) experimentMetricId: string;
  @PrimaryColumn('uuid', { name: 'variant_id' }) variantId: string;
  @Column('uuid', { name: 'experiment_id' }) experimentId: string;
  /** The experiment metric's catalogue metric, filled by the database on insert (migration MetricEffectsByMetric). */
  @Column({ type: 'uuid', name: 'metric_id', insert: false, update: false }) metricId: string;
  @Column('text') role: MetricRole;
  @Column('double precision') effect: number;
  @Column('double precision', { name: 'std_err' }) stdErr: number;
  @Column('boolean') better: boolean;
  @Column('boolean') worse: boolean;
  /** One stored arm per experiment metric (the first written): counting these counts experiments. */
  @Column('boolean', { name: 'first_arm' }) firstArm: boolean;
}

/** Append-only: one row per version of an experiment's stored classification. */
@Entity({ name: 'experiment_classification_history' })
export class ExperimentClassificationHistoryEntity {
  // bigserial: the database numbers the versions in insertion order.
  @PrimaryColumn({ type: 'bigint', insert: false, update: false, transformer: bigintAsNumber }) seq: number;
  @Column('uuid', { name: 'experiment_id' }) experimentId: string;
  @Column('text', { name: 'from_category', nullable: true }) fromCategory: LearningCategory | null;
  @Column('text') category: LearningCategory;
  @Column('text', { name: 'sub_reason', nullable: true }) subReason: CategorySubReason | null;
  @Column('text') validity: Validity;
  @Column('text') cause: ClassificationCause;
  @Column('text', { name: 'ruleset_version' }) rulesetVersion: string;
  @Column('timestamptz', { name: 'changed_at' }) changedAt: Date;
  @Column('text', { name: 'validity_reasons', array: true, default: () => "'{}'" }) validityReasons: string[];
  @Column('text') status: ExperimentStatus;
  @Column('boolean', { name: 'counts_toward_ewl' }) countsTowardEwl: boolean;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt: Date | null;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt: Date | null;
  @Column('timestamptz', { name: 'concluded_at', nullable: true }) concludedAt: Date | null;
  @Column('boolean', { name: 'is_restart', default: false }) isRestart: boolean;
  @Column('text', { name: 'provisional_category' }) provisionalCategory: DataCategory;
  @Column('text') recommendation: Recommendation;
  @Column('integer', { name: 'planned_runtime_days', nullable: true }) plannedRuntimeDays: number | null;
  @Column('double precision', { name: 'success_mde_rel', array: true, nullable: true }) successMdeRel: number[] | null;
  @Column('double precision', { name: 'success_powered_effect_rel', array: true, nullable: true })
  successPoweredEffectRel: number[] | null;
}
