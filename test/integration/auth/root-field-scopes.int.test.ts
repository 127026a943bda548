import { API_SCOPES, type ApiScope, ROOT_FIELD_ACCESS } from '../../../src/domain/api-scopes';
import { useTestApp } from '../helpers';
import { callRootField, createKey, refusal, rootFieldOperations } from '../fixtures/auth-fixtures';

/**
 * Every root Query field and Mutation, through HTTP with real keys (anonymous reads off, as with
 * DATABASE_URL): no key -> UNAUTHENTICATED; every scope but the needed one -> FORBIDDEN
 * MISSING_SCOPE naming it; exactly the needed scope, or admin -> accepted.
 */
const t = useTestApp({ allowAnonymousReads: false });
const operations = rootFieldOperations();
const fields = Object.entries(ROOT_FIELD_ACCESS).flatMap(([operation, entries]) =>
  Object.entries(entries).map(([field, access]) => [`${operation}.${field}`, access.scope] as [string, ApiScope]),
);

const exactly = new Map<ApiScope, string>();
const allBut = new Map<ApiScope, string>();
beforeAll(async () => {
  await t.truncateAll();
  for (const scope of API_SCOPES) {
    exactly.set(scope, (await createKey(t, { scopes: [scope] })).token);
    const others = API_SCOPES.filter((s) => s !== scope && s !== 'admin');
    allBut.set(scope, (await createKey(t, { scopes: others })).token);
  }
});

function call(name: string, token?: string) {
  const op = operations[name]!;
  return callRootField(t, name, op, token);
}

it('has a test operation for exactly the registered root fields', () => {
  expect(Object.keys(operations).sort()).toEqual(fields.map(([name]) => name).sort());
});

describe.each(fields)('%s (needs %s)', (name, scope) => {
  it('is UNAUTHENTICATED (MISSING_API_KEY) without a key', async () => {
    const result = await call(name);
    expect(refusal(result)).toEqual({ code: 'UNAUTHENTICATED', reason: 'MISSING_API_KEY' });
    expect(result.errors![0]!.path).toEqual([name.split('.')[1]]);
  });

  it('is FORBIDDEN (MISSING_SCOPE) for a key holding every other non-admin scope, naming the scope it needs', async () => {
    const result = await call(name, allBut.get(scope));
    expect(refusal(result)).toEqual({ code: 'FORBIDDEN', reason: 'MISSING_SCOPE' });
    expect(result.errors![0]!.extensions).toMatchObject({ field: name, allowed: scope });
    expect(result.errors![0]!.message).toContain(scope);
  });

  it('is accepted with exactly that scope', async () => {
    const outcome = refusal(await call(name, exactly.get(scope)));
    expect(['UNAUTHENTICATED', 'FORBIDDEN']).not.toContain(outcome?.code);
  });

  it('is accepted with admin (which implies every scope)', async () => {
    const outcome = refusal(await call(name, exactly.get('admin')));
    expect(['UNAUTHENTICATED', 'FORBIDDEN']).not.toContain(outcome?.code);
  });
});
