import {
  API_SCOPES,
  type ApiScope,
  ROOT_FIELD_ACCESS,
  type RootOperation,
  scopesGrant,
} from '../../../src/domain/api-scopes';
import { DomainError } from '../../../src/domain/errors';
import { principalWithoutKey } from '../../../src/domain/api-key';
import {
  ANONYMOUS_PRINCIPAL,
  authorizeRootField,
  INTERNAL_PRINCIPAL,
  type Principal,
} from '../../../src/domain/principal';

const key = (scopes: readonly ApiScope[], orgNodeId: string | null = null): Principal => ({
  kind: 'API_KEY',
  keyId: 'k',
  name: 'bot',
  prefix: 'ewl_0123456789abcdef',
  scopes,
  orgNodeId,
});

const outcome = (principal: Principal, operation: RootOperation, field: string) => {
  try {
    authorizeRootField(principal, operation, field);
    return 'ALLOWED';
  } catch (error) {
    return `${(error as DomainError).code} ${(error as DomainError).reason}`;
  }
};

const entries = Object.entries(ROOT_FIELD_ACCESS).flatMap(([operation, fields]) =>
  Object.entries(fields).map(
    ([field, access]) => [operation as RootOperation, field, access.scope, access.subtree] as const,
  ),
);

describe('scopesGrant', () => {
  it('grants a held scope, and every scope to admin', () => {
    expect(scopesGrant(['read'], 'read')).toBe(true);
    expect(scopesGrant(['read'], 'write:results')).toBe(false);
    for (const scope of API_SCOPES) expect(scopesGrant(['admin'], scope)).toBe(true);
  });
});

describe.each(entries)('authorizeRootField(%s.%s) needing %s', (operation, field, scope, subtree) => {
  it('allows a key with exactly that scope, admin and in-process callers', () => {
    expect(outcome(key([scope]), operation, field)).toBe('ALLOWED');
    expect(outcome(key(['admin']), operation, field)).toBe('ALLOWED');
    expect(outcome(INTERNAL_PRINCIPAL, operation, field)).toBe('ALLOWED');
  });

  it('refuses a key with every other non-admin scope: FORBIDDEN MISSING_SCOPE', () => {
    expect(outcome(key(API_SCOPES.filter((s) => s !== scope && s !== 'admin')), operation, field)).toBe(
      'FORBIDDEN MISSING_SCOPE',
    );
  });

  it('lets anonymous callers read and nothing else (UNAUTHENTICATED MISSING_API_KEY)', () => {
    expect(outcome(ANONYMOUS_PRINCIPAL, operation, field)).toBe(
      scope === 'read' ? 'ALLOWED' : 'UNAUTHENTICATED MISSING_API_KEY',
    );
  });

  it('answers refused credentials with their own error', () => {
    expect(outcome(principalWithoutKey(false), operation, field)).toBe('UNAUTHENTICATED MISSING_API_KEY');
  });

  it(`applies the subtree rule ${subtree} to a key limited to an org node`, () => {
    const limited = key(
      API_SCOPES.filter((s) => s !== 'admin'),
      'node-1',
    );
    const expected =
      scope === 'admin'
        ? 'FORBIDDEN MISSING_SCOPE'
        : subtree === 'WHOLE_ORG'
          ? 'FORBIDDEN OUTSIDE_KEY_SUBTREE'
          : 'ALLOWED';
    expect(outcome(limited, operation, field)).toBe(expected);
  });
});

it('refuses a root field missing from the registry (fail closed)', () => {
  expect(outcome(INTERNAL_PRINCIPAL, 'Query', 'sneaky')).toBe('FORBIDDEN UNREGISTERED_FIELD');
  expect(outcome(INTERNAL_PRINCIPAL, 'Query', 'toString')).toBe('FORBIDDEN UNREGISTERED_FIELD');
});
