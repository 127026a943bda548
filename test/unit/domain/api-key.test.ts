import { createHash } from 'node:crypto';
import {
  apiKeyStatus,
  generateApiKeyToken,
  parseAuthorizationHeader,
  principalForKey,
  principalWithoutKey,
  secretMatches,
  type StoredApiKey,
  validateNewApiKey,
} from '../../../src/domain/api-key';
import { DomainError } from '../../../src/domain/errors';

const NOW = new Date('2026-11-24T12:00:00Z');
const fixedRandom = (size: number) => Buffer.alloc(size, 7);

function storedKey(secret: string, overrides: Partial<StoredApiKey> = {}): StoredApiKey {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    name: 'bot',
    lookupId: '0123456789abcdef',
    secretSha256: createHash('sha256').update(secret).digest('hex'),
    scopes: ['read'],
    orgNodeId: null,
    expiresAt: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    revokedAt: null,
    lastUsedAt: null,
    ...overrides,
  };
}

describe('generateApiKeyToken', () => {
  it('makes ewl_ + 16 hex digits + _ + a 43-character base64url secret and stores only its SHA-256', () => {
    const generated = generateApiKeyToken(fixedRandom);
    expect(generated.token).toBe(`ewl_0707070707070707_${Buffer.alloc(32, 7).toString('base64url')}`);
    expect(generated.lookupId).toBe('0707070707070707');
    expect(generated.secretSha256).toBe(
      createHash('sha256').update(Buffer.alloc(32, 7).toString('base64url')).digest('hex'),
    );
  });

  it('draws different tokens from crypto.randomBytes', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => generateApiKeyToken().token));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^ewl_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
  });
});

describe('parseAuthorizationHeader', () => {
  const { token } = generateApiKeyToken(fixedRandom);
  it.each([
    [undefined, 'NONE'],
    ['   ', 'NONE'],
    [`Bearer ${token}`, 'TOKEN'],
    [`bearer   ${token} `, 'TOKEN'],
    [`Basic ${token}`, 'MALFORMED'],
    ['Bearer ewl_short_x', 'MALFORMED'],
    [`Bearer ${token} extra`, 'MALFORMED'],
    [`Bearer ${token.toUpperCase()}`, 'MALFORMED'],
  ])('reads %j as %s', (header, kind) => {
    expect(parseAuthorizationHeader(header).kind).toBe(kind);
  });

  it('splits the public id from the secret', () => {
    expect(parseAuthorizationHeader(`Bearer ${token}`)).toEqual({
      kind: 'TOKEN',
      lookupId: '0707070707070707',
      secret: token.slice(21),
    });
  });
});

describe('secretMatches', () => {
  it('is true only for the secret whose hash is stored', () => {
    const stored = createHash('sha256').update('right').digest('hex');
    expect(secretMatches('right', stored)).toBe(true);
    expect(secretMatches('wrong', stored)).toBe(false);
    expect(secretMatches('right', 'abc')).toBe(false);
  });
});

describe('apiKeyStatus', () => {
  it.each([
    [{ revokedAt: null, expiresAt: null }, 'ACTIVE'],
    [{ revokedAt: null, expiresAt: new Date('2026-11-24T12:00:01Z') }, 'ACTIVE'],
    [{ revokedAt: null, expiresAt: NOW }, 'EXPIRED'],
    [{ revokedAt: new Date('2026-11-01T00:00:00Z'), expiresAt: new Date('2020-01-01T00:00:00Z') }, 'REVOKED'],
  ])('is %s -> %s', (key, status) => {
    expect(apiKeyStatus(key, NOW)).toBe(status);
  });
});

describe('principalForKey', () => {
  const credentials = { kind: 'TOKEN' as const, lookupId: '0123456789abcdef', secret: 'the-secret' };
  const reasonOf = (principal: ReturnType<typeof principalForKey>) =>
    principal.kind === 'REFUSED' ? [principal.error.code, principal.error.reason] : principal.kind;

  it.each([
    ['an unknown lookup id', null, ['UNAUTHENTICATED', 'INVALID_API_KEY']],
    ['a wrong secret', storedKey('another-secret'), ['UNAUTHENTICATED', 'INVALID_API_KEY']],
    [
      'a revoked key',
      storedKey('the-secret', { revokedAt: new Date('2026-11-01T00:00:00Z') }),
      ['UNAUTHENTICATED', 'REVOKED_API_KEY'],
    ],
    [
      'an expired key',
      storedKey('the-secret', { expiresAt: new Date('2026-11-24T11:59:59Z') }),
      ['UNAUTHENTICATED', 'EXPIRED_API_KEY'],
    ],
    ['a valid key', storedKey('the-secret'), 'API_KEY'],
  ])('answers %s with %j', (_label, key, expected) => {
    expect(reasonOf(principalForKey(credentials, key, NOW))).toEqual(expected);
  });

  it('gives a wrong secret the same message as an unknown key, and a malformed header its own', () => {
    const wrong = principalForKey(credentials, storedKey('x'), NOW);
    const unknown = principalForKey(credentials, null, NOW);
    expect(wrong).toEqual(unknown);
    expect(reasonOf(principalForKey({ kind: 'MALFORMED' }, null, NOW))).toEqual(['UNAUTHENTICATED', 'INVALID_API_KEY']);
  });

  it("carries the key's scopes, org node and public prefix", () => {
    expect(
      principalForKey(
        credentials,
        storedKey('the-secret', { scopes: ['read', 'write:results'], orgNodeId: 'n1' }),
        NOW,
      ),
    ).toEqual({
      kind: 'API_KEY',
      keyId: '11111111-1111-4111-8111-111111111111',
      name: 'bot',
      prefix: 'ewl_0123456789abcdef',
      scopes: ['read', 'write:results'],
      orgNodeId: 'n1',
    });
  });
});

describe('principalWithoutKey', () => {
  it('is anonymous when anonymous reads are allowed, else refused with MISSING_API_KEY', () => {
    expect(principalWithoutKey(true)).toEqual({ kind: 'ANONYMOUS' });
    const refused = principalWithoutKey(false);
    expect(refused.kind === 'REFUSED' && [refused.error.code, refused.error.reason]).toEqual([
      'UNAUTHENTICATED',
      'MISSING_API_KEY',
    ]);
  });
});

describe('validateNewApiKey', () => {
  it('trims the name and orders scopes without repeats', () => {
    expect(validateNewApiKey({ name: ' bot ', scopes: ['write:results', 'read', 'read'] }, NOW)).toEqual({
      name: 'bot',
      scopes: ['read', 'write:results'],
      expiresAt: null,
    });
  });

  it.each([
    ['a blank name', { name: ' ', scopes: ['read'] }, 'input.name'],
    ['a 201-character name', { name: 'x'.repeat(201), scopes: ['read'] }, 'input.name'],
    ['no scope', { name: 'k', scopes: [] }, 'input.scopes'],
    ['an unknown scope', { name: 'k', scopes: ['read', 'root'] }, 'input.scopes[1]'],
    ['admin on a limited key', { name: 'k', scopes: ['admin'], limitedToOrgNode: true }, 'input.scopes'],
    ['an expiry now', { name: 'k', scopes: ['read'], expiresAt: NOW }, 'input.expiresAt'],
  ])('refuses %s naming %s', (_label, input, field) => {
    let caught: unknown;
    try {
      validateNewApiKey(input, NOW);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('BAD_USER_INPUT');
    expect((caught as DomainError).details.field).toBe(field);
  });
});
