import { ROOT_FIELD_ACCESS } from '../../../src/domain/api-scopes';
import { useTestApp } from '../helpers';
import { callRootField, createKey, refusal, rootFieldOperations } from '../fixtures/auth-fixtures';

/** ALLOW_ANONYMOUS_READS on (the embedded demo's default): requests without a key may read, nothing else. */
const t = useTestApp({ allowAnonymousReads: true });
const operations = rootFieldOperations();
const fields = Object.entries(ROOT_FIELD_ACCESS).flatMap(([operation, entries]) =>
  Object.entries(entries).map(([field, access]) => [`${operation}.${field}`, access.scope] as const),
);

beforeAll(() => t.truncateAll());

it.each(fields.filter(([, scope]) => scope === 'read'))('lets an anonymous caller use %s', async (name) => {
  const op = operations[name]!;
  const result = await callRootField(t, name, op);
  expect(result.errors).toBeUndefined();
});

it.each(fields.filter(([, scope]) => scope !== 'read'))(
  'refuses %s to an anonymous caller with UNAUTHENTICATED (it needs %s)',
  async (name, scope) => {
    const op = operations[name]!;
    const result = await callRootField(t, name, op);
    expect(refusal(result)).toEqual({ code: 'UNAUTHENTICATED', reason: 'MISSING_API_KEY' });
    expect(result.errors![0]!.extensions).toMatchObject({ allowed: scope });
  },
);

it('still refuses a bad key: sending one never falls back to anonymous', async () => {
  const result = await t.post(
    '{ metrics { key } }',
    undefined,
    'ewl_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  );
  expect(refusal(result)).toEqual({ code: 'UNAUTHENTICATED', reason: 'INVALID_API_KEY' });
});

it('lets a write key write while anonymous reads stay read-only', async () => {
  const { token } = await createKey(t, { scopes: ['write:catalogue'] });
  const create = 'mutation { createOrgNode(input: { key: "anon-root", name: "Root", kind: "company" }) { key } }';
  expect(refusal(await t.post(create))).toEqual({ code: 'UNAUTHENTICATED', reason: 'MISSING_API_KEY' });
  expect((await t.post(create, undefined, token)).data).toEqual({ createOrgNode: { key: 'anon-root' } });
});
