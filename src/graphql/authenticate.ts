import { type DataSource } from 'typeorm';
import { parseAuthorizationHeader, principalForKey, principalWithoutKey } from '../domain/api-key';
import { type Principal } from '../domain/principal';
import { findApiKeyByLookupId } from '../db/queries/api-key-reads';
import { recordApiKeyUse } from '../app/api-key/api-key-writes';

export interface AuthSettings {
  /** Requests without an Authorization header may read (ALLOW_ANONYMOUS_READS). */
  readonly allowAnonymousReads: boolean;
}

/** Turns a request's Authorization header into its principal. */
export type Authenticate = (authorization: string | undefined, now: Date) => Promise<Principal>;

/**
 * Authentication of HTTP requests: no header -> anonymous (or refused when anonymous reads are
 * off); a Bearer token -> one unique-index lookup by its public id, a constant-time hash check,
 * then revocation and expiry, read on every request so that a revocation (even from the CLI in
 * another process) holds from the next request on. Refusals are not thrown here: the principal
 * carries them and every root field answers with the UNAUTHENTICATED error.
 */
export function createAuthenticator(dataSource: DataSource, settings: AuthSettings): Authenticate {
  return async (authorization, now) => {
    const credentials = parseAuthorizationHeader(authorization);
    if (credentials.kind === 'NONE') return principalWithoutKey(settings.allowAnonymousReads);
    const key = credentials.kind === 'TOKEN' ? await findApiKeyByLookupId(dataSource, credentials.lookupId) : null;
    const principal = principalForKey(credentials, key, now);
    if (principal.kind === 'API_KEY') await recordApiKeyUse(dataSource, key!, now);
    return principal;
  };
}
