import {
  API_SCOPES,
  type ApiScope,
  findRootFieldAccess,
  type RootFieldAccess,
  type RootOperation,
  scopesGrant,
} from './api-scopes';
import { DomainError } from './errors';

/**
 * On whose behalf a request runs (README "Access"):
 * - `API_KEY`: a valid key (`Authorization: Bearer ewl_...`) with its scopes and optional org node;
 * - `ANONYMOUS`: no Authorization header while anonymous reads are allowed; may only read;
 * - `INTERNAL`: in-process callers (tests, scripts) that pass it to createContext themselves; every
 *   scope, the whole organisation; never produced from an HTTP request;
 * - `REFUSED`: the credentials were refused (or missing while anonymous reads are off); every root
 *   field answers with `error` (UNAUTHENTICATED).
 */
export type Principal =
  | {
      readonly kind: 'API_KEY';
      readonly keyId: string;
      readonly name: string;
      /** Public part of the token (`ewl_<lookup id>`), safe to log. */
      readonly prefix: string;
      readonly scopes: readonly ApiScope[];
      /** The org node whose subtree the key is limited to; null = the whole organisation. */
      readonly orgNodeId: string | null;
    }
  | { readonly kind: 'ANONYMOUS' }
  | { readonly kind: 'INTERNAL'; readonly name: string }
  | { readonly kind: 'REFUSED'; readonly error: DomainError };

/** Full access, for in-process callers only (test helpers, scripts, benchmarks). */
export const INTERNAL_PRINCIPAL: Principal = { kind: 'INTERNAL', name: 'internal' };

/** Anonymous reader (only when the server allows anonymous reads). */
export const ANONYMOUS_PRINCIPAL: Principal = { kind: 'ANONYMOUS' };

const READ_ONLY: readonly ApiScope[] = ['read'];

/** The scopes a principal holds (a refused one holds none). */
export function principalScopes(principal: Principal): readonly ApiScope[] {
  switch (principal.kind) {
    case 'API_KEY':
      return principal.scopes;
    case 'ANONYMOUS':
      return READ_ONLY;
    case 'INTERNAL':
      return API_SCOPES;
    case 'REFUSED':
      return [];
  }
}

/** The org node whose subtree bounds what the principal sees and writes; null = no bound. */
export function subtreeRootOf(principal: Principal): string | null {
  return principal.kind === 'API_KEY' ? principal.orgNodeId : null;
}

/**
 * FORBIDDEN, reason OUTSIDE_KEY_SUBTREE: the request reaches beyond the org subtree the key is limited to.
 * @example outsideKeySubtree('org node acme is above or beside').message
 * // 'org node acme is above or beside the org subtree this API key is limited to'
 */
export function outsideKeySubtree(what: string, field?: string): DomainError {
  return new DomainError('FORBIDDEN', `${what} the org subtree this API key is limited to`, {
    reason: 'OUTSIDE_KEY_SUBTREE',
    details: field === undefined ? {} : { field },
  });
}

/**
 * What a pure planner may ask about the org subtree a write is bounded by; built by the
 * application's SubtreeGuard (src/app/subtree-guard.ts), the one home of that decision.
 */
export interface SubtreeBound {
  /** Whether the org node lies inside the subtree (always, for a write bounded by the whole organisation). */
  contains(nodeId: string): boolean;
}

/**
 * FORBIDDEN, reason OUTSIDE_KEY_SUBTREE: a write to, under or owned by the org node `nodeKey`, which
 * lies outside the key's subtree (null: no node, a new root or a move to the top).
 * @example orgNodeOutside('acme.search', 'input.parentKey').message
 * // 'The org node acme.search lies outside the org subtree this API key is limited to'
 */
export function orgNodeOutside(nodeKey: string | null, field?: string): DomainError {
  return outsideKeySubtree(
    nodeKey === null ? 'A root node (no parent) lies outside' : `The org node ${nodeKey} lies outside`,
    field,
  );
}

/**
 * FORBIDDEN, reason OUTSIDE_KEY_SUBTREE: a WHOLE_ORG root field (`path`, e.g. `Mutation.createMetric`)
 * called by a key limited to an org subtree.
 * @example wholeOrganisationOnly('Mutation.createMetric').message
 * // 'Mutation.createMetric acts on the whole organisation, and this API key is limited to an org subtree'
 */
export function wholeOrganisationOnly(path: string): DomainError {
  return new DomainError(
    'FORBIDDEN',
    `${path} acts on the whole organisation, and this API key is limited to an org subtree`,
    { reason: 'OUTSIDE_KEY_SUBTREE', details: { field: path } },
  );
}

/**
 * Decides whether a principal may call a root field, from the registry (api-scopes.ts):
 * refused credentials -> their UNAUTHENTICATED error; an anonymous caller without the scope ->
 * UNAUTHENTICATED MISSING_API_KEY (authenticating could help); a key without the scope -> FORBIDDEN
 * MISSING_SCOPE naming it; a key limited to an org node on a WHOLE_ORG field -> FORBIDDEN
 * OUTSIDE_KEY_SUBTREE. A field missing from the registry is refused (FORBIDDEN UNREGISTERED_FIELD);
 * the schema build refuses such fields first, so this is the fail-closed backstop.
 * @returns the field's registry entry.
 * @example authorizeRootField(ANONYMOUS_PRINCIPAL, 'Query', 'experiments') // { scope: 'read', subtree: 'FILTERED' }
 */
export function authorizeRootField(principal: Principal, operation: RootOperation, field: string): RootFieldAccess {
  if (principal.kind === 'REFUSED') throw principal.error;
  const path = `${operation}.${field}`;
  const access = findRootFieldAccess(operation, field);
  if (access === undefined) {
    throw new DomainError('FORBIDDEN', `${path} has no access rule; it is refused until one is registered`, {
      reason: 'UNREGISTERED_FIELD',
      details: { field: path },
    });
  }
  if (!scopesGrant(principalScopes(principal), access.scope)) {
    if (principal.kind === 'ANONYMOUS') {
      throw new DomainError(
        'UNAUTHENTICATED',
        `${path} needs an API key with the scope ${access.scope}: send Authorization: Bearer <key>`,
        {
          reason: 'MISSING_API_KEY',
          details: { field: path, allowed: access.scope },
        },
      );
    }
    const who = principal.kind === 'API_KEY' ? `The API key "${principal.name}" (${principal.prefix})` : 'This caller';
    throw new DomainError('FORBIDDEN', `${who} lacks the scope ${access.scope} that ${path} needs`, {
      reason: 'MISSING_SCOPE',
      details: { field: path, allowed: access.scope },
    });
  }
  if (access.subtree === 'WHOLE_ORG' && subtreeRootOf(principal) !== null) throw wholeOrganisationOnly(path);
  return access;
}
