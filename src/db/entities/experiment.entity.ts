import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type {
  AnalysisMode,
  DeteriorationAlphaMode,
  ExperimentKind,
  ExperimentStatus,
  PowerBudgetMode,
} from '../../domain/experiment';
import { EXPERIMENT_DEFAULTS } from '../../domain/rules/experiment-settings';
import { bigintAsNumber } from './transformers';

@Entity({ name: 'experiment' })
export class ExperimentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') key: string;
  @Column('text') title: string;
  @Column('text', { default: EXPERIMENT_DEFAULTS.description }) description: string;
  @Column('uuid', { name: 'owner_node_id' }) ownerNodeId: string;
  @Column('text', { default: EXPERIMENT_DEFAULTS.kind }) kind: ExperimentKind;
  @Column('boolean', { name: 'counts_toward_ewl' }) countsTowardEwl: boolean;
  @Column('text', { default: 'DRAFT' }) status: ExperimentStatus;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt: Date | null;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt: Date | null;
  @Column('timestamptz', { name: 'concluded_at', nullable: true }) concludedAt: Date | null;
  @Column('double precision', { default: EXPERIMENT_DEFAULTS.alpha }) alpha: number;
  @Column('double precision', { default: EXPERIMENT_DEFAULTS.power }) power: number;
  @Column('text', { name: 'power_budget_mode', default: EXPERIMENT_DEFAULTS.powerBudgetMode })
  powerBudgetMode: PowerBudgetMode;
  @Column('text', { name: 'deterioration_alpha_mode', default: EXPERIMENT_DEFAULTS.deteriorationAlphaMode })
  deteriorationAlphaMode: DeteriorationAlphaMode;
  @Column('text', { name: 'analysis_mode', default: EXPERIMENT_DEFAULTS.analysisMode }) analysisMode: AnalysisMode;
  @Column('bigint', { name: 'planned_sample_size', nullable: true, transformer: bigintAsNumber }) plannedSampleSize:
    number | null;
  @Column('integer', { name: 'planned_runtime_days', nullable: true }) plannedRuntimeDays: number | null;
  @Column('text', { name: 'randomization_unit', default: EXPERIMENT_DEFAULTS.randomizationUnit })
  randomizationUnit: string;
  @Column('text', { array: true, default: () => "'{}'" }) tags: string[];
  @Column('text', { nullable: true }) surface: string | null;
  @Column('uuid', { name: 'restart_of_id', nullable: true }) restartOfId: string | null;
  @Column('text', { name: 'external_source', nullable: true }) externalSource: string | null;
  @Column('text', { name: 'external_id', nullable: true }) externalId: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
  @Column('integer', { default: 1 }) version: number;
}

@Entity({ name: 'hypothesis' })
export class HypothesisEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'experiment_id' }) experimentId: string;
  @Column('text') statement: string;
  @Column('text', { default: '' }) rationale: string;
  @Column('timestamptz', { name: 'locked_at', nullable: true }) lockedAt: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
  @Column('integer', { default: 1 }) version: number;
}

@Entity({ name: 'variant' })
export class VariantEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'experiment_id' }) experimentId: string;
  @Column('text') key: string;
  @Column('text') name: string;
  @Column('boolean', { name: 'is_control', default: false }) isControl: boolean;
  @Column('double precision', { name: 'planned_weight' }) plannedWeight: number;
  @Column('bigint', { nullable: true, transformer: bigintAsNumber }) units: number | null;
  @Column('bigint', { name: 'multi_exposed_units', nullable: true, transformer: bigintAsNumber }) multiExposedUnits:
    number | null;
  @Column('integer', { default: 0 }) position: number;
}
