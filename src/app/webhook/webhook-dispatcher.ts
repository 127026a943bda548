import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import { type DataSource } from 'typeorm';
import {
  nextAttemptAfterFailure,
  signWebhookPayload,
  WEBHOOK_DISABLE_AFTER_FAILED_DELIVERIES,
  WEBHOOK_HEADERS,
  webhookBody,
  type WebhookRetryPolicy,
} from '../../domain/webhooks';
import { appendDecisionOverdueEvents } from '../../db/queries/event-writes';
import {
  type AttemptOutcome,
  type ClaimedDelivery,
  claimDueDeliveries,
  recordDelivered,
  recordGivenUp,
  recordRetry,
} from '../../db/queries/webhook-delivery-writes';

/** Deliveries claimed and sent together: small, so that requests on one database connection never wait long. */
export const WEBHOOK_BATCH_SIZE = 10;

/** How often the decision-overdue scheduler looks for experiments past their threshold. */
export const DECISION_OVERDUE_SCAN_MS = 60_000;

/** Decision-overdue events appended per scan at most (the rest follow at the next scans). */
export const DECISION_OVERDUE_SCAN_LIMIT = 500;

/**
 * A claim holds its deliveries for twice the request's timeout and this much more (recording the
 * outcome, a slow event loop), then they are due again: the time a crashed dispatcher delays them.
 */
export const WEBHOOK_LEASE_MARGIN_MS = 5_000;

/** How long a claim holds its deliveries: 2 × timeout + WEBHOOK_LEASE_MARGIN_MS. */
export function webhookLeaseMs(timeoutMs: number): number {
  return 2 * timeoutMs + WEBHOOK_LEASE_MARGIN_MS;
}

export interface WebhookDispatcherOptions {
  readonly dataSource: DataSource;
  /** Pause between two passes when nothing was due (WEBHOOK_DISPATCH_INTERVAL_MS). */
  readonly intervalMs: number;
  /** Time limit of one delivery's HTTP request (WEBHOOK_TIMEOUT_MS). */
  readonly timeoutMs: number;
  readonly retry: WebhookRetryPolicy;
  /** Consecutive FAILED deliveries that disable a subscription (default WEBHOOK_DISABLE_AFTER_FAILED_DELIVERIES). */
  readonly disableAfter?: number;
  readonly batchSize?: number;
  readonly overdueScanMs?: number;
  /** Where failures and disabled subscriptions are reported (default: nowhere). */
  readonly log?: (level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>) => void;
  readonly clock?: () => Date;
  readonly random?: () => number;
}

/**
 * Sends the deliveries of the outbox (docs/events.md): runs in every server process, started by
 * createApp and stopped at shutdown. A pass claims up to `batchSize` due deliveries in one
 * statement (a lease, FOR UPDATE SKIP LOCKED), POSTs them concurrently with no transaction open,
 * then records each outcome in one statement; while batches come back full it goes on (yielding
 * to requests in between), otherwise it waits `intervalMs`. Every `overdueScanMs` it first runs
 * the decision-overdue scheduler.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private lastOverdueScan = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: WebhookDispatcherOptions) {}

  /** Starts the passes (the first at once). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops scheduling passes and waits for the one in flight (its requests end within timeoutMs). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.runUntilIdle().finally(() => {
        this.running = undefined;
        if (!this.stopped) this.schedule(this.options.intervalMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async runUntilIdle(): Promise<void> {
    try {
      const now = this.now();
      if (now.getTime() - this.lastOverdueScan >= (this.options.overdueScanMs ?? DECISION_OVERDUE_SCAN_MS)) {
        this.lastOverdueScan = now.getTime();
        await this.scanDecisionOverdue(now);
      }
      const batchSize = this.options.batchSize ?? WEBHOOK_BATCH_SIZE;
      while (!this.stopped && (await this.deliverBatch()) === batchSize) await yieldToRequests();
    } catch (error) {
      this.options.log?.('error', 'webhook dispatcher pass failed', { error: String(error) });
    }
  }

  /** Appends the decision-overdue events due at `now` (and queues their deliveries); returns how many. */
  scanDecisionOverdue(now: Date = this.now()): Promise<number> {
    return this.options.dataSource.transaction((m) => appendDecisionOverdueEvents(m, now, DECISION_OVERDUE_SCAN_LIMIT));
  }

  /** One batch: claims due deliveries, sends them, records the outcomes; returns how many were claimed. */
  async deliverBatch(): Promise<number> {
    const now = this.now();
    const leaseId = randomUUID();
    const claimed = await claimDueDeliveries(this.options.dataSource, {
      now,
      lockedUntil: new Date(now.getTime() + webhookLeaseMs(this.options.timeoutMs)),
      leaseId,
      limit: this.options.batchSize ?? WEBHOOK_BATCH_SIZE,
    });
    await Promise.all(claimed.map((delivery) => this.deliver(delivery, leaseId)));
    return claimed.length;
  }

  private async deliver(delivery: ClaimedDelivery, leaseId: string): Promise<void> {
    const attempt = await this.post(delivery);
    const outcome: AttemptOutcome = { deliveryId: delivery.deliveryId, leaseId, at: this.now(), ...attempt };
    const { dataSource, log } = this.options;
    if (attempt.error === null) return recordDelivered(dataSource, outcome);
    const next = nextAttemptAfterFailure({
      attempt: delivery.attempt,
      policy: this.options.retry,
      random: this.options.random ?? Math.random,
    });
    const fields = {
      deliveryId: delivery.deliveryId,
      subscriptionId: delivery.subscriptionId,
      attempt: delivery.attempt,
    };
    if (next.kind === 'RETRY') {
      log?.('warn', 'webhook delivery failed; retrying', { ...fields, error: attempt.error, retryInMs: next.delayMs });
      return recordRetry(dataSource, outcome, new Date(outcome.at.getTime() + next.delayMs));
    }
    log?.('warn', 'webhook delivery failed; giving up', { ...fields, error: attempt.error });
    const disableAfter = this.options.disableAfter ?? WEBHOOK_DISABLE_AFTER_FAILED_DELIVERIES;
    if (await recordGivenUp(dataSource, outcome, disableAfter))
      log?.('warn', 'webhook subscription disabled', { subscriptionId: delivery.subscriptionId, after: disableAfter });
  }

  /** POSTs one delivery; a 2xx answer is a success, anything else (another status, no answer in time) a failure. */
  private async post(
    delivery: ClaimedDelivery,
  ): Promise<{ httpStatus: number | null; latencyMs: number; error: string | null }> {
    const body = webhookBody(delivery.event);
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'ewl-catalogue-webhooks',
          [WEBHOOK_HEADERS.signature]: signWebhookPayload({ secret: delivery.secret, timestamp, body }),
          [WEBHOOK_HEADERS.eventId]: delivery.event.id,
          [WEBHOOK_HEADERS.eventType]: delivery.event.type,
          [WEBHOOK_HEADERS.deliveryId]: delivery.deliveryId,
          [WEBHOOK_HEADERS.attempt]: String(delivery.attempt),
        },
        body,
        // A redirect is the receiver's misconfiguration: following it would send the payload elsewhere.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      // The answer's body is not read: only the status counts.
      await response.body?.cancel();
      const ok = response.status >= 200 && response.status < 300;
      return { httpStatus: response.status, latencyMs: latency(), error: ok ? null : `HTTP ${response.status}` };
    } catch (error) {
      return { httpStatus: null, latencyMs: latency(), error: describeFetchError(error, this.options.timeoutMs) };
    }
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }
}

/**
 * A failed request in a few words for the delivery log: a timeout, or the network error's code
 * (fetch's TypeError carries it as its cause). Read by shape, not instanceof: the error may come
 * from another realm (undici's own globals).
 */
function describeFetchError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } } | null;
  if (e?.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  return String(e?.cause?.code ?? e?.cause?.message ?? e?.message ?? error).slice(0, 500);
}
