import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type {
  DecisionKind,
  HealthCheckSeverity,
  HealthCheckStatus,
  HealthCheckType,
  LearningKind,
} from '../../domain/experiment';
import { bigintAsNumber } from './transformers';

@Entity({ name: 'health_check' })
export class HealthCheckEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'experiment_id' }) experimentId: string;
  @Column('text') type: HealthCheckType;
  @Column('text', { default: '' }) name: string;
  @Column('text') status: HealthCheckStatus;
  @Column('text') severity: HealthCheckSeverity;
  @Column('double precision', { name: 'p_value', nullable: true }) pValue: number | null;
  @Column('double precision', { nullable: true }) observed: number | null;
  @Column('double precision', { nullable: true }) threshold: number | null;
  @Column('text', { default: '' }) details: string;
  @Column('text', { default: '' }) reporter: string;
  @Column('timestamptz', { name: 'reported_at', default: () => 'now()' }) reportedAt: Date;
}

/** Append-only: rows are inserted, never updated, except for the `is_current` marker. */
@Entity({ name: 'decision' })
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false, transformer: bigintAsNumber }) seq: number;
  @Column('uuid', { name: 'experiment_id' }) experimentId: string;
  @Column('text') kind: DecisionKind;
  @Column('uuid', { name: 'shipped_variant_id', nullable: true }) shippedVariantId: string | null;
  @Column('text', { default: '' }) rationale: string;
  @Column('text', { name: 'decided_by' }) decidedBy: string;
  @Column('timestamptz', { name: 'decided_at', default: () => 'now()' }) decidedAt: Date;
  @Column('boolean', { name: 'is_current', default: false }) isCurrent: boolean;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity({ name: 'learning' })
export class LearningEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') summary: string;
  @Column('text') kind: LearningKind;
  @Column('text', { array: true, default: () => "'{}'" }) tags: string[];
  @Column('text') author: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
  @Column('integer', { default: 1 }) version: number;
}

@Entity({ name: 'learning_experiment' })
export class LearningExperimentEntity {
  @PrimaryColumn('uuid', { name: 'learning_id' }) learningId: string;
  @PrimaryColumn('uuid', { name: 'experiment_id' }) experimentId: string;
}

@Entity({ name: 'learning_hypothesis' })
export class LearningHypothesisEntity {
  @PrimaryColumn('uuid', { name: 'learning_id' }) learningId: string;
  @PrimaryColumn('uuid', { name: 'hypothesis_id' }) hypothesisId: string;
}
