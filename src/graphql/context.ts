import { type DataSource } from 'typeorm';
import { type EventFeed } from '../app/events/event-feed';
import { type Principal } from '../domain/principal';
import { RequestAccess } from './access';
import { type Authenticate } from './authenticate';
import { createLoaders, type Loaders } from './loaders';

/** Per-request state handed to every resolver. */
export interface Context {
  readonly dataSource: DataSource;
  readonly loaders: Loaders;
  /** The request's clock: every "now" in a request (status dates, defaults) reads this. */
  readonly now: Date;
  /** On whose behalf the request runs (API key, anonymous reader, in-process caller, or refused). */
  readonly principal: Principal;
  /** What the principal may see below the root fields (a key limited to an org subtree). */
  readonly access: RequestAccess;
  /** The person the request names (`X-Actor` header), recorded in the audit log beside the key. */
  readonly actor: string | null;
  /** The process's live event feed: set on operations of the WebSocket (subscriptions), absent elsewhere. */
  readonly eventFeed?: EventFeed;
}

/** Longest `X-Actor` kept (longer values are cut: the header is informational, never a credential). */
export const MAX_ACTOR_LENGTH = 200;

/** The `X-Actor` header as recorded: trimmed, control characters removed, at most 200 characters; null when empty. */
export function normaliseActor(raw: string | null | undefined): string | null {
  const text = [...(raw ?? '')]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, MAX_ACTOR_LENGTH);
  return text === '' ? null : text;
}

/**
 * Builds a fresh context (new loaders, so caches never leak between requests) for an explicit
 * principal: in-process callers (tests, scripts) pass INTERNAL_PRINCIPAL or another one themselves.
 */
export function createContext(
  dataSource: DataSource,
  principal: Principal,
  now: Date = new Date(),
  actor: string | null = null,
): Context {
  return {
    dataSource,
    loaders: createLoaders(dataSource, now),
    now,
    principal,
    access: new RequestAccess(dataSource, principal),
    actor,
  };
}

/** The context of an HTTP request: its principal comes from the Authorization header, the actor from X-Actor. */
export async function createRequestContext(
  dataSource: DataSource,
  authenticate: Authenticate,
  authorization: string | undefined,
  actor?: string | null,
): Promise<Context> {
  const now = new Date();
  return createContext(dataSource, await authenticate(authorization, now), now, normaliseActor(actor));
}
