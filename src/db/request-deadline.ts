import { AsyncLocalStorage } from 'node:async_hooks';

/** The time limit of one request: every SQL statement it runs checks it (see `createDeadlineClient`). */
export interface RequestDeadline {
  /** Epoch milliseconds after which the request's statements are refused or cancelled. */
  at: number;
  /** The limit the deadline was set from (for messages). */
  limitMs: number;
}

const storage = new AsyncLocalStorage<RequestDeadline>();

/** Thrown for a statement of a request whose deadline has passed (before it is sent, or when it is cancelled). */
export class DeadlineExceededError extends Error {
  constructor(readonly limitMs: number) {
    super(`The request took longer than its time limit (${limitMs} ms)`);
    this.name = 'DeadlineExceededError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/**
 * Runs `fn` (one request) under a deadline `limitMs` from now: its statements, and those of
 * everything it starts (DataLoader batches, transactions), see it through async context.
 */
export function runWithDeadline<T>(limitMs: number, fn: () => Promise<T>): Promise<T> {
  return storage.run({ at: Date.now() + limitMs, limitMs }, fn);
}

/** Brings the current request's deadline forward to at most `limitMs` from now (anonymous readers get less time). */
export function shortenDeadline(limitMs: number): void {
  const deadline = storage.getStore();
  if (deadline && Date.now() + limitMs < deadline.at) {
    deadline.at = Date.now() + limitMs;
    deadline.limitMs = limitMs;
  }
}

/** The deadline of the request running now, if any (in-process callers and start-up work have none). */
export function currentDeadline(): RequestDeadline | undefined {
  return storage.getStore();
}
