import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_SCOPES, type ApiScope, isApiScope } from './api-scopes';
import { badInput, DomainError } from './errors';
import { type Principal } from './principal';
import { TEXT_LIMITS } from './rules/field-limits';
import { validateInstant } from './rules/instant-range';

/**
 * API keys (README "Access"). A token reads `ewl_<lookup id>_<secret>`:
 * - `ewl_` makes leaked tokens recognisable (secret scanners, logs);
 * - the lookup id (16 hex digits, 64 random bits) is public: it finds the stored row and, as
 *   `ewl_<lookup id>`, names the key in listings and messages;
 * - the secret is 32 random bytes (256 bits) in base64url. Only its SHA-256 is stored. A fast hash
 *   is right for a random secret (nothing to guess), and hashes are compared in constant time.
 */
export const API_KEY_TOKEN_PREFIX = 'ewl_';
const TOKEN_PATTERN = /^ewl_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const LOOKUP_ID_BYTES = 8;
const SECRET_BYTES = 32;

/** An API key as stored (never the secret itself). */
export interface StoredApiKey {
  readonly id: string;
  readonly name: string;
  readonly lookupId: string;
  readonly secretSha256: string;
  readonly scopes: readonly ApiScope[];
  readonly orgNodeId: string | null;
  readonly expiresAt: Date | null;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

export const API_KEY_STATUSES = ['ACTIVE', 'EXPIRED', 'REVOKED'] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];

/** A new token with what is stored of it. The token is shown once and never stored. */
export interface GeneratedApiKeyToken {
  readonly token: string;
  readonly lookupId: string;
  readonly secretSha256: string;
}

/** SHA-256 of a secret, as 64 lowercase hex digits. */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The public name of a key: `ewl_<lookup id>`. */
export function apiKeyPrefix(lookupId: string): string {
  return `${API_KEY_TOKEN_PREFIX}${lookupId}`;
}

/**
 * Draws a new token from `random` (crypto.randomBytes unless a test passes its own).
 * @example generateApiKeyToken().token // 'ewl_3f9c0a1b2c3d4e5f_Vb0...' (4 + 16 + 1 + 43 characters)
 */
export function generateApiKeyToken(random: (size: number) => Buffer = randomBytes): GeneratedApiKeyToken {
  const lookupId = random(LOOKUP_ID_BYTES).toString('hex');
  const secret = random(SECRET_BYTES).toString('base64url');
  return { token: `${apiKeyPrefix(lookupId)}_${secret}`, lookupId, secretSha256: hashApiKeySecret(secret) };
}

/** What an Authorization header carries. */
export type PresentedCredentials =
  | { readonly kind: 'NONE' }
  | { readonly kind: 'MALFORMED' }
  | { readonly kind: 'TOKEN'; readonly lookupId: string; readonly secret: string };

/**
 * Reads `Authorization: Bearer <token>` (scheme case-insensitive). An absent or blank header is
 * NONE; any other scheme or a token not in the ewl_ format is MALFORMED.
 */
export function parseAuthorizationHeader(header: string | undefined): PresentedCredentials {
  if (header === undefined || header.trim() === '') return { kind: 'NONE' };
  const match = /^bearer\s+(\S+)\s*$/i.exec(header.trim());
  const token = match ? TOKEN_PATTERN.exec(match[1]!) : null;
  return token ? { kind: 'TOKEN', lookupId: token[1]!, secret: token[2]! } : { kind: 'MALFORMED' };
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(secret: string, storedSha256: string): boolean {
  const presented = Buffer.from(hashApiKeySecret(secret), 'hex');
  const stored = Buffer.from(storedSha256, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** REVOKED once revoked; EXPIRED from `expiresAt` on (the instant itself included); else ACTIVE. */
export function apiKeyStatus(key: Pick<StoredApiKey, 'revokedAt' | 'expiresAt'>, now: Date): ApiKeyStatus {
  if (key.revokedAt !== null) return 'REVOKED';
  if (key.expiresAt !== null && key.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return 'ACTIVE';
}

function refused(reason: string, message: string): Principal {
  return { kind: 'REFUSED', error: new DomainError('UNAUTHENTICATED', message, { reason }) };
}

/** The principal of a request without an Authorization header. */
export function principalWithoutKey(allowAnonymousReads: boolean): Principal {
  return allowAnonymousReads
    ? { kind: 'ANONYMOUS' }
    : refused('MISSING_API_KEY', 'This server does not allow anonymous requests: send Authorization: Bearer <api key>');
}

/**
 * The principal for presented credentials and the row their lookup id found (null: none). Unknown
 * lookup ids and wrong secrets are the same INVALID_API_KEY; only a caller holding the right
 * secret learns that its key was revoked or has expired.
 */
export function principalForKey(
  credentials: PresentedCredentials & { kind: 'TOKEN' | 'MALFORMED' },
  key: StoredApiKey | null,
  now: Date,
): Principal {
  if (credentials.kind === 'MALFORMED')
    return refused(
      'INVALID_API_KEY',
      'The Authorization header must be "Bearer <api key>" with a key of the form ewl_<id>_<secret>',
    );
  if (key === null || !secretMatches(credentials.secret, key.secretSha256))
    return refused('INVALID_API_KEY', 'Unknown API key');
  const refusal = apiKeyRefusal(key, now);
  if (refusal !== null) return { kind: 'REFUSED', error: refusal };
  const prefix = apiKeyPrefix(key.lookupId);
  return { kind: 'API_KEY', keyId: key.id, name: key.name, prefix, scopes: key.scopes, orgNodeId: key.orgNodeId };
}

/**
 * Why a stored key is no longer accepted at `now` (UNAUTHENTICATED REVOKED_API_KEY or EXPIRED_API_KEY;
 * INVALID_API_KEY when it is gone), or null while it is active. Requests check it through
 * principalForKey; the live event feed checks its subscribers' keys with it while they listen.
 */
export function apiKeyRefusal(key: StoredApiKey | null, now: Date): DomainError | null {
  if (key === null) return new DomainError('UNAUTHENTICATED', 'Unknown API key', { reason: 'INVALID_API_KEY' });
  const prefix = apiKeyPrefix(key.lookupId);
  switch (apiKeyStatus(key, now)) {
    case 'REVOKED':
      return new DomainError(
        'UNAUTHENTICATED',
        `The API key ${prefix} was revoked at ${key.revokedAt!.toISOString()}`,
        {
          reason: 'REVOKED_API_KEY',
        },
      );
    case 'EXPIRED':
      return new DomainError('UNAUTHENTICATED', `The API key ${prefix} expired at ${key.expiresAt!.toISOString()}`, {
        reason: 'EXPIRED_API_KEY',
      });
    case 'ACTIVE':
      return null;
  }
}

/** A key to create, as a caller (CLI or createApiKey) gives it. */
export interface NewApiKeyInput {
  readonly name: string;
  readonly scopes: readonly string[];
  readonly expiresAt?: Date | null;
  /** The key will be limited to an org node's subtree. */
  readonly limitedToOrgNode?: boolean;
}

/**
 * Validates a new key: a name within TEXT_LIMITS.apiKey.name (trimmed), at least one known scope (repeats
 * dropped, listed in API_SCOPES order), an expiry after now, and no `admin` on a key limited to an
 * org node (such a key could create an unrestricted one).
 * @throws DomainError BAD_USER_INPUT naming `<path>.name`, `<path>.scopes` or `<path>.expiresAt`.
 */
export function validateNewApiKey(
  input: NewApiKeyInput,
  now: Date,
  path = 'input',
): { name: string; scopes: ApiScope[]; expiresAt: Date | null } {
  const name = input.name.trim();
  const { min, max } = TEXT_LIMITS.apiKey.name;
  if (name.length < min || name.length > max) throw badInput(`${path}.name`, input.name, `${min} to ${max} characters`);
  if (input.scopes.length === 0)
    throw badInput(`${path}.scopes`, input.scopes, `at least one of ${API_SCOPES.join(', ')}`);
  input.scopes.forEach((scope, i) => {
    if (!isApiScope(scope)) throw badInput(`${path}.scopes[${i}]`, scope, `one of ${API_SCOPES.join(', ')}`);
  });
  const scopes = API_SCOPES.filter((scope) => input.scopes.includes(scope));
  if (scopes.includes('admin') && input.limitedToOrgNode === true) {
    throw badInput(
      `${path}.scopes`,
      input.scopes,
      'no admin scope on a key limited to an org node (it could create an unrestricted key)',
    );
  }
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt !== null) validateInstant(`${path}.expiresAt`, expiresAt);
  if (expiresAt !== null && expiresAt.getTime() <= now.getTime()) {
    throw badInput(`${path}.expiresAt`, expiresAt, `an instant after now (${now.toISOString()})`);
  }
  return { name, scopes, expiresAt };
}
