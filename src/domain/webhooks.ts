import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { badInput } from './errors';
import { EVENT_TYPES, type EventType, isEventType } from './events';

/**
 * Webhook subscriptions and deliveries (docs/events.md): who receives which events, how a delivery
 * is signed, and how failed deliveries are retried.
 */

/** Longest target URL accepted (characters). */
export const WEBHOOK_URL_MAX_LENGTH = 2048;

/** Range of `decisionOverdueDays`: days after conclusion without a decision before `experiment.decision_overdue`. */
export const DECISION_OVERDUE_DAYS = { min: 1, max: 365 } as const;

/**
 * Attempts of one delivery before it is given up (FAILED): the first and up to eleven retries.
 * With the default back-off (30 s doubling, at most 6 h per wait, full jitter) the last attempt
 * comes at most about 14.5 hours after the first, about 7 hours on average.
 */
export const WEBHOOK_MAX_ATTEMPTS = 12;

/** Consecutive deliveries given up (FAILED) after which a subscription is disabled; a success resets the count. */
export const WEBHOOK_DISABLE_AFTER_FAILED_DELIVERIES = 5;

/** How far a signature's timestamp may lie from the receiver's clock (seconds) in `verifyWebhookSignature`. */
export const WEBHOOK_SIGNATURE_TOLERANCE_SECONDS = 300;

/** Default back-off: the first retry waits up to `baseMs`, each further one up to twice as long, never more than `maxMs`. */
export const WEBHOOK_RETRY_DEFAULTS = { baseMs: 30_000, maxMs: 6 * 3_600_000 } as const;

/** Header names of a delivery. */
export const WEBHOOK_HEADERS = {
  signature: 'X-EwL-Signature',
  eventId: 'X-EwL-Event-Id',
  eventType: 'X-EwL-Event-Type',
  deliveryId: 'X-EwL-Delivery-Id',
  attempt: 'X-EwL-Delivery-Attempt',
} as const;

export const WEBHOOK_DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** A subscription's input, checked. */
export interface ValidWebhookSubscription {
  readonly url: string;
  readonly eventTypes: readonly EventType[];
  readonly decisionOverdueDays: number | null;
}

/**
 * Checks a new subscription: an absolute http or https URL without credentials, at most
 * WEBHOOK_URL_MAX_LENGTH characters; at least one event type (repeats dropped, kept in EVENT_TYPES
 * order); `decisionOverdueDays` an integer in DECISION_OVERDUE_DAYS exactly when
 * `experiment.decision_overdue` is subscribed to.
 * @throws DomainError BAD_USER_INPUT naming the field (`input.url`, `input.eventTypes`,
 *   `input.decisionOverdueDays`) and what is allowed.
 */
export function validateWebhookSubscription(input: {
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly decisionOverdueDays?: number | null;
}): ValidWebhookSubscription {
  const url = validateWebhookUrl('input.url', input.url);
  const unknown = input.eventTypes.find((t) => !isEventType(t));
  if (unknown !== undefined) throw badInput('input.eventTypes', unknown, `one of ${EVENT_TYPES.join(', ')}`);
  if (input.eventTypes.length === 0)
    throw badInput('input.eventTypes', input.eventTypes, `at least one of ${EVENT_TYPES.join(', ')}`);
  const eventTypes = EVENT_TYPES.filter((t) => input.eventTypes.includes(t));
  const days = input.decisionOverdueDays ?? null;
  const { min, max } = DECISION_OVERDUE_DAYS;
  if (eventTypes.includes('experiment.decision_overdue')) {
    if (days === null || !Number.isInteger(days) || days < min || days > max)
      throw badInput(
        'input.decisionOverdueDays',
        days,
        `an integer from ${min} to ${max} (days after conclusion) with experiment.decision_overdue`,
      );
  } else if (days !== null) {
    throw badInput('input.decisionOverdueDays', days, 'null unless input.eventTypes holds experiment.decision_overdue');
  }
  return { url, eventTypes, decisionOverdueDays: days };
}

/**
 * An absolute http(s) URL without user name or password, at most WEBHOOK_URL_MAX_LENGTH characters.
 * @throws DomainError BAD_USER_INPUT naming `field`.
 */
export function validateWebhookUrl(field: string, value: string): string {
  const allowed = `an absolute http:// or https:// URL of at most ${WEBHOOK_URL_MAX_LENGTH} characters, without credentials`;
  if (value.length > WEBHOOK_URL_MAX_LENGTH) throw badInput(field, value, allowed);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw badInput(field, value, allowed);
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '')
    throw badInput(field, value, allowed);
  if (parsed.username !== '' || parsed.password !== '') throw badInput(field, value, allowed);
  return value;
}

/** Prefix of a subscription's signing secret (recognisable in logs and secret scanners). */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/**
 * A new signing secret: `whsec_` and 32 random bytes in base64url. It is stored as is (the server
 * needs it to sign every delivery) and shown once, by createWebhookSubscription.
 * @example generateWebhookSecret() // 'whsec_Vb0...' (6 + 43 characters)
 */
export function generateWebhookSecret(random: (size: number) => Buffer = randomBytes): string {
  return `${WEBHOOK_SECRET_PREFIX}${random(32).toString('base64url')}`;
}

/**
 * The signature header of a delivery (the scheme of Stripe): `t=<unix seconds>,v1=<hex HMAC-SHA256
 * of "<t>.<body>" keyed with the secret>`. Signing the timestamp with the body lets a receiver
 * refuse replays of an old delivery.
 * @example signWebhookPayload({ secret: 'whsec_x', timestamp: 1700000000, body: '{}' })
 * // 't=1700000000,v1=<64 hex digits>'
 */
export function signWebhookPayload(p: { secret: string; timestamp: number; body: string }): string {
  return `t=${p.timestamp},v1=${webhookHmac(p.secret, p.timestamp, p.body)}`;
}

function webhookHmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

export type WebhookSignatureCheck =
  | { readonly valid: true; readonly timestamp: number }
  | {
      readonly valid: false;
      readonly reason: 'MALFORMED_HEADER' | 'TIMESTAMP_OUT_OF_TOLERANCE' | 'SIGNATURE_MISMATCH';
    };

/**
 * What a receiver does with a delivery (docs/events.md, examples/webhook-receiver.mjs): parses the
 * signature header, refuses a timestamp more than `toleranceSeconds` from `now`, and compares the
 * HMAC of "<t>.<raw body>" with every `v1` in constant time (several during a secret's rotation).
 * `body` must be the raw request body, byte for byte, not a re-serialised parse of it.
 */
export function verifyWebhookSignature(p: {
  secret: string;
  header: string | null | undefined;
  body: string;
  now: Date;
  toleranceSeconds?: number;
}): WebhookSignatureCheck {
  const parts = (p.header ?? '').split(',').map((part) => part.trim().split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  const signatures = parts.filter(([k, v]) => k === 'v1' && v !== undefined && /^[0-9a-f]{64}$/.test(v));
  if (t === undefined || !/^\d{1,12}$/.test(t) || signatures.length === 0)
    return { valid: false, reason: 'MALFORMED_HEADER' };
  const timestamp = Number(t);
  const tolerance = p.toleranceSeconds ?? WEBHOOK_SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(p.now.getTime() / 1000 - timestamp) > tolerance)
    return { valid: false, reason: 'TIMESTAMP_OUT_OF_TOLERANCE' };
  const expected = Buffer.from(webhookHmac(p.secret, timestamp, p.body), 'hex');
  const matches = signatures.some(([, v]) => timingSafeEqual(Buffer.from(v!, 'hex'), expected));
  return matches ? { valid: true, timestamp } : { valid: false, reason: 'SIGNATURE_MISMATCH' };
}

/** The back-off of failed deliveries (WEBHOOK_RETRY_BASE_MS, WEBHOOK_RETRY_MAX_MS, WEBHOOK_MAX_ATTEMPTS). */
export interface WebhookRetryPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
  readonly maxAttempts: number;
}

/**
 * What follows a failed attempt (`attempt` counts from 1): give up (FAILED) after `maxAttempts`,
 * otherwise retry after a delay drawn uniformly from [0, min(maxMs, baseMs * 2^(attempt - 1)))
 * ("full jitter": retries of many deliveries that failed together spread out instead of arriving
 * together). `random` is a draw from [0, 1).
 * @example nextAttemptAfterFailure({ attempt: 3, policy: { baseMs: 1000, maxMs: 60000, maxAttempts: 12 }, random: () => 0.5 })
 * // { kind: 'RETRY', delayMs: 2000 }
 */
export function nextAttemptAfterFailure(p: {
  attempt: number;
  policy: WebhookRetryPolicy;
  random: () => number;
}): { kind: 'RETRY'; delayMs: number } | { kind: 'GIVE_UP' } {
  if (p.attempt >= p.policy.maxAttempts) return { kind: 'GIVE_UP' };
  const ceiling = Math.min(p.policy.maxMs, p.policy.baseMs * 2 ** (p.attempt - 1));
  return { kind: 'RETRY', delayMs: Math.floor(p.random() * ceiling) };
}

/** A subscription as the API shows it (never its secret). */
export interface WebhookSubscription {
  readonly id: string;
  readonly url: string;
  readonly eventTypes: readonly EventType[];
  /** The org node whose subtree's events it receives; null: the whole organisation. */
  readonly orgNodeId: string | null;
  readonly decisionOverdueDays: number | null;
  readonly enabled: boolean;
  /** Deliveries given up (FAILED) in a row; WEBHOOK_DISABLE_AFTER_FAILED_DELIVERIES disables it. */
  readonly consecutiveFailures: number;
  readonly disabledAt: Date | null;
  readonly createdByApiKeyId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

/** One event's delivery to one subscription: its state and its last attempt. */
export interface WebhookDelivery {
  readonly id: string;
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly status: WebhookDeliveryStatus;
  /** Attempts started (a claim counts one, even when its process dies before the answer). */
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly lastAttemptAt: Date | null;
  readonly lastHttpStatus: number | null;
  readonly lastLatencyMs: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: Date | null;
  readonly createdAt: Date;
}

/** An event as stored in the outbox. */
export interface StoredEvent {
  readonly id: string;
  readonly seq: number;
  readonly type: EventType;
  readonly occurredAt: Date;
  readonly experimentId: string;
  readonly experimentKey: string;
  readonly ownerNodeId: string;
  readonly ownerNodeKey: string;
  readonly overdueDays: number | null;
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * The JSON body of a delivery (the same bytes for every attempt; docs/events.md):
 * `{ id, type, occurredAt, experiment: { id, key }, orgNode: { id, key }, data }`.
 */
export function webhookBody(event: StoredEvent): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt.toISOString(),
    experiment: { id: event.experimentId, key: event.experimentKey },
    orgNode: { id: event.ownerNodeId, key: event.ownerNodeKey },
    data: event.payload,
  });
}
