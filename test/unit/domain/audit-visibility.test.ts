import { auditEntryFor, mayReadHistory, restartOfIdIn } from '../../../src/domain/audit-visibility';
import { ANONYMOUS_PRINCIPAL, INTERNAL_PRINCIPAL, type Principal } from '../../../src/domain/principal';

const key = (keyId: string, scopes: Array<'read' | 'admin'>): Principal => ({
  kind: 'API_KEY',
  keyId,
  name: keyId,
  prefix: 'ewl_x',
  scopes,
  orgNodeId: null,
});
const entry = (over: Record<string, unknown> = {}) => ({
  principalKind: 'API_KEY',
  apiKeyId: 'bot',
  apiKeyName: 'ci bot',
  idempotencyKey: 'k-1',
  before: null,
  after: { experiment: { id: 'e', restart_of_id: 'run-out' } },
  ...over,
});

describe('mayReadHistory', () => {
  it('refuses anonymous callers and lets keys and in-process callers read', () => {
    expect(mayReadHistory(ANONYMOUS_PRINCIPAL)).toBe(false);
    expect(mayReadHistory(key('a', ['read']))).toBe(true);
    expect(mayReadHistory(INTERNAL_PRINCIPAL)).toBe(true);
  });
});

describe('auditEntryFor', () => {
  it("hides another API key's name and idempotency key from a key without admin, keeping its id", () => {
    expect(auditEntryFor(key('reader', ['read']), entry())).toMatchObject({
      apiKeyId: 'bot',
      apiKeyName: null,
      idempotencyKey: null,
    });
  });

  it('shows a key its own entries and an admin key every entry unchanged', () => {
    const e = entry();
    expect(auditEntryFor(key('bot', ['read']), e)).toBe(e);
    expect(auditEntryFor(key('root', ['admin']), e)).toBe(e);
    expect(auditEntryFor(INTERNAL_PRINCIPAL, e)).toBe(e);
  });

  it('keeps the name of an in-process writer but not its idempotency key', () => {
    expect(
      auditEntryFor(key('reader', ['read']), entry({ principalKind: 'INTERNAL', apiKeyId: null, apiKeyName: 'seed' })),
    ).toMatchObject({ apiKeyName: 'seed', idempotencyKey: null });
  });

  it('nulls a hidden restarted run in the states before and after, and leaves other runs', () => {
    const seen = auditEntryFor(
      key('bot', ['read']),
      entry({ before: { experiment: { restart_of_id: 'run-in' } } }),
      new Set(['run-out']),
    );
    expect(restartOfIdIn(seen.after)).toBeNull();
    expect(restartOfIdIn(seen.before)).toBe('run-in');
    expect(restartOfIdIn(null)).toBeNull();
  });
});
