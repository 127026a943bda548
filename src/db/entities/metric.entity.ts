import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EffectScale, MetricRole, MetricType, PreferredDirection, ResultPeriod } from '../../domain/experiment';
import { bigintAsNumber } from './transformers';

@Entity({ name: 'metric' })
export class MetricEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') key: string;
  @Column('text') name: string;
  @Column('text', { default: '' }) description: string;
  @Column('text') type: MetricType;
  @Column('text', { name: 'preferred_direction' }) preferredDirection: PreferredDirection;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
  @Column('integer', { default: 1 }) version: number;
}

@Entity({ name: 'experiment_metric' })
export class ExperimentMetricEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'experiment_id' }) experimentId: string;
  @Column('uuid', { name: 'metric_id' }) metricId: string;
  @Column('text') role: MetricRole;
  @Column('double precision', { nullable: true }) mde: number | null;
  @Column('text', { name: 'mde_scale', nullable: true }) mdeScale: EffectScale | null;
  @Column('double precision', { nullable: true }) nim: number | null;
  @Column('text', { name: 'nim_scale', nullable: true }) nimScale: EffectScale | null;
  @Column('integer', { default: 0 }) position: number;
}

@Entity({ name: 'metric_result' })
export class MetricResultEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'experiment_metric_id' }) experimentMetricId: string;
  @Column('uuid', { name: 'variant_id' }) variantId: string;
  @Column('text', { default: 'EXPOSURE' }) period: ResultPeriod;
  @Column('text', { name: 'metric_type' }) metricType: MetricType;
  @Column('bigint', { transformer: bigintAsNumber }) n: number;
  @Column('double precision') sum: number;
  @Column('double precision', { name: 'sum_sq', nullable: true }) sumSq: number | null;
  @Column('double precision', { name: 'sum_x', nullable: true }) sumX: number | null;
  @Column('double precision', { name: 'sum_x_sq', nullable: true }) sumXSq: number | null;
  @Column('double precision', { name: 'sum_xy', nullable: true }) sumXY: number | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity({ name: 'external_result' })
export class ExternalResultEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'experiment_metric_id' }) experimentMetricId: string;
  @Column('uuid', { name: 'variant_id' }) variantId: string;
  @Column('double precision', { name: 'control_mean', nullable: true }) controlMean: number | null;
  @Column('double precision', { name: 'estimate_abs' }) estimateAbs: number;
  @Column('double precision', { name: 'std_err', nullable: true }) stdErr: number | null;
  @Column('boolean', { nullable: true }) superior: boolean | null;
  @Column('boolean', { name: 'non_inferior', nullable: true }) nonInferior: boolean | null;
  @Column('boolean', { nullable: true }) deteriorated: boolean | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}
