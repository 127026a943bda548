import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EventType } from '../../domain/events';
import type { WebhookDeliveryStatus } from '../../domain/webhooks';
import { bigintAsNumber } from './transformers';

/** An event in the transactional outbox (docs/events.md): appended with the change that caused it, never updated. */
@Entity({ name: 'outbox_event' })
export class OutboxEventEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'bigint', insert: false, update: false, transformer: bigintAsNumber }) seq: number;
  @Column('text') type: EventType;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt: Date;
  @Column('uuid', { name: 'experiment_id' }) experimentId: string;
  @Column('text', { name: 'experiment_key' }) experimentKey: string;
  @Column('uuid', { name: 'owner_node_id' }) ownerNodeId: string;
  @Column('text', { name: 'owner_node_key' }) ownerNodeKey: string;
  @Column('integer', { name: 'overdue_days', nullable: true }) overdueDays: number | null;
  @Column('jsonb') payload: Record<string, unknown>;
}

/** A webhook subscription; `secret` signs its deliveries and is never shown after its creation. */
@Entity({ name: 'webhook_subscription' })
export class WebhookSubscriptionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') url: string;
  @Column('text', { name: 'event_types', array: true }) eventTypes: EventType[];
  @Column('uuid', { name: 'org_node_id', nullable: true }) orgNodeId: string | null;
  @Column('integer', { name: 'decision_overdue_days', nullable: true }) decisionOverdueDays: number | null;
  @Column('text') secret: string;
  @Column('boolean', { default: true }) enabled: boolean;
  @Column('integer', { name: 'consecutive_failures', default: 0 }) consecutiveFailures: number;
  @Column('timestamptz', { name: 'disabled_at', nullable: true }) disabledAt: Date | null;
  @Column('uuid', { name: 'created_by_api_key_id', nullable: true }) createdByApiKeyId: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('integer', { default: 1 }) version: number;
}

/** One event's delivery to one subscription, with its lease (`locked_until`, `lease_id`) and last attempt. */
@Entity({ name: 'webhook_delivery' })
export class WebhookDeliveryEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'subscription_id' }) subscriptionId: string;
  @Column('uuid', { name: 'event_id' }) eventId: string;
  @Column('text', { default: 'PENDING' }) status: WebhookDeliveryStatus;
  @Column('integer', { default: 0 }) attempts: number;
  @Column('timestamptz', { name: 'next_attempt_at' }) nextAttemptAt: Date;
  @Column('timestamptz', { name: 'locked_until', nullable: true }) lockedUntil: Date | null;
  @Column('uuid', { name: 'lease_id', nullable: true }) leaseId: string | null;
  @Column('timestamptz', { name: 'last_attempt_at', nullable: true }) lastAttemptAt: Date | null;
  @Column('integer', { name: 'last_http_status', nullable: true }) lastHttpStatus: number | null;
  @Column('integer', { name: 'last_latency_ms', nullable: true }) lastLatencyMs: number | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
  @Column('timestamptz', { name: 'delivered_at', nullable: true }) deliveredAt: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
