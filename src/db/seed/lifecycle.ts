import type { ExperimentStatus } from '../../domain/experiment';
import { type Rng } from './random';

export const DAY_MS = 86_400_000;
/** Length of the simulated history before the anchor. */
export const HISTORY_DAYS = 730;
/** A STOPPED experiment without conclusion counts as concluded after this many days (docs/ewl-rules.md §6.4). */
const STALE_STOP_DAYS = 30;

export interface Lifecycle {
  readonly status: ExperimentStatus;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly endedAt: Date | null;
  readonly concludedAt: Date | null;
  readonly plannedRuntimeDays: number;
  /** Share of the planned traffic collected so far (1 for a full run; less if running or stopped early). */
  readonly trafficFraction: number;
}

/** Whole minutes, so timestamps look like ones people and schedulers produce. */
const at = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000);

function fromStart(
  rng: Rng,
  anchorMs: number,
  startMs: number,
  plannedDays: number,
  runDays: number,
  stopEarly: boolean,
): Lifecycle {
  const createdAt = at(startMs - rng.uniform(2, 14) * DAY_MS);
  const startedAt = at(startMs);
  const endMs = startMs + runDays * DAY_MS;
  if (endMs >= anchorMs - DAY_MS / 2) {
    const fraction = Math.max(0.05, (anchorMs - startMs) / (plannedDays * DAY_MS));
    return {
      status: 'RUNNING',
      createdAt,
      startedAt,
      endedAt: null,
      concludedAt: null,
      plannedRuntimeDays: plannedDays,
      trafficFraction: Math.min(1, fraction),
    };
  }
  const endedAt = at(endMs);
  const trafficFraction = Math.min(1, runDays / plannedDays);
  const concludedMs = endMs + rng.uniform(0.5, 10) * DAY_MS;
  if (stopEarly || concludedMs >= anchorMs - DAY_MS / 4) {
    return {
      status: 'STOPPED',
      createdAt,
      startedAt,
      endedAt,
      concludedAt: null,
      plannedRuntimeDays: plannedDays,
      trafficFraction,
    };
  }
  const archived = concludedMs < anchorMs - 300 * DAY_MS && rng.chance(0.6);
  return {
    status: archived ? 'ARCHIVED' : 'CONCLUDED',
    createdAt,
    startedAt,
    endedAt,
    concludedAt: at(concludedMs),
    plannedRuntimeDays: plannedDays,
    trafficFraction,
  };
}

/**
 * Draws status and dates over the two years before `anchor`: ~2.5 % DRAFT (created recently),
 * ~5 % RUNNING, ~3.5 % STOPPED (most of them more than 30 days ago, without conclusion), the rest
 * CONCLUDED, of which older ones are often ARCHIVED. `restartAfter` starts a rerun a few days
 * after the replaced run ended; its status then follows from its dates.
 */
export function drawLifecycle(rng: Rng, anchor: Date, restartAfter?: Date): Lifecycle {
  const anchorMs = anchor.getTime();
  const plannedDays = rng.weighted([
    [7, 0.15],
    [14, 0.45],
    [21, 0.2],
    [28, 0.15],
    [35, 0.05],
  ]);
  const runDays = Math.max(3, plannedDays + rng.int(-2, 3));
  const draft = (): Lifecycle => ({
    status: 'DRAFT',
    createdAt: at(anchorMs - rng.uniform(0.5, 21) * DAY_MS),
    startedAt: null,
    endedAt: null,
    concludedAt: null,
    plannedRuntimeDays: plannedDays,
    trafficFraction: 0,
  });
  if (restartAfter) {
    const startMs = restartAfter.getTime() + rng.uniform(3, 12) * DAY_MS;
    return startMs >= anchorMs - DAY_MS ? draft() : fromStart(rng, anchorMs, startMs, plannedDays, runDays, false);
  }
  // The simulator archives nothing: every other status is drawn with its share of the portfolio.
  const status = rng.weighted<Exclude<ExperimentStatus, 'ARCHIVED'>>([
    ['DRAFT', 0.025],
    ['RUNNING', 0.05],
    ['STOPPED', 0.035],
    ['CONCLUDED', 0.89],
  ]);
  const windowStart = anchorMs - HISTORY_DAYS * DAY_MS;
  switch (status) {
    case 'DRAFT':
      return draft();
    case 'RUNNING': {
      const elapsed = rng.uniform(0.5, plannedDays - 0.5);
      return fromStart(rng, anchorMs, anchorMs - elapsed * DAY_MS, plannedDays, plannedDays, false);
    }
    case 'STOPPED': {
      const stoppedDays = Math.max(2, Math.round(plannedDays * rng.uniform(0.2, 0.8)));
      const recent = rng.chance(0.3);
      const endMs = recent
        ? anchorMs - rng.uniform(2, STALE_STOP_DAYS - 5) * DAY_MS
        : rng.uniform(windowStart + stoppedDays * DAY_MS, anchorMs - (STALE_STOP_DAYS + 5) * DAY_MS);
      return fromStart(rng, anchorMs, endMs - stoppedDays * DAY_MS, plannedDays, stoppedDays, true);
    }
    case 'CONCLUDED': {
      const latestStart = anchorMs - (runDays + 12) * DAY_MS;
      return fromStart(rng, anchorMs, rng.uniform(windowStart, latestStart), plannedDays, runDays, false);
    }
  }
}
