import { expectError, useTestApp } from '../helpers';

const t = useTestApp();

const AUDIT_LOG = `query ($first: Int!, $after: String) {
  auditLog(first: $first, after: $after) { edges { cursor node { id operation } } pageInfo { hasNextPage endCursor } } }`;

interface AuditPage {
  auditLog: {
    edges: Array<{ cursor: string; node: { id: string; operation: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const ENTRIES = 130;

/** Inserts audit rows with ids 1..ENTRIES in a shuffled order (ids cross 9/10 and 99/100, where text order differs). */
async function insertEntries(): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO audit_log (id, at, principal_kind, operation, entity_type)
     OVERRIDING SYSTEM VALUE
     SELECT i, now() - (i || ' seconds')::interval, 'INTERNAL', 'op' || i, 'experiment'
       FROM generate_series(1, ${ENTRIES}) AS g(i) ORDER BY md5(i::text)`,
  );
}

const cursorOf = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('auditLog paging', () => {
  beforeAll(async () => {
    await t.truncateAll();
    await insertEntries();
  });

  it('pages through more than 100 entries newest first by numeric id, each exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result: { data?: AuditPage | null; errors?: unknown } = await t.exec<AuditPage>(AUDIT_LOG, {
        first: 20,
        after,
      });
      expect(result.errors).toBeUndefined();
      const { edges, pageInfo } = result.data!.auditLog;
      seen.push(...edges.map((e) => e.node.id));
      pages += 1;
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
      expect(pages).toBeLessThan(20);
    }
    expect(pages).toBe(Math.ceil(ENTRIES / 20));
    expect(seen).toHaveLength(ENTRIES);
    expect(new Set(seen).size).toBe(ENTRIES);
    expect(seen).toEqual(Array.from({ length: ENTRIES }, (_, i) => String(ENTRIES - i)));
  });

  it('starts the page after a cursor taken from the middle of another page', async () => {
    const first = await t.exec<AuditPage>(AUDIT_LOG, { first: 15, after: null });
    const tenth = first.data!.auditLog.edges[9]!;
    expect(tenth.node.id).toBe(String(ENTRIES - 9));
    const next = await t.exec<AuditPage>(AUDIT_LOG, { first: 3, after: tenth.cursor });
    expect(next.data!.auditLog.edges.map((e) => e.node.id)).toEqual(
      [ENTRIES - 10, ENTRIES - 11, ENTRIES - 12].map(String),
    );
  });

  it.each([
    ['not base64 of a cursor', 'nope'],
    ['an empty cursor', ''],
    ['a non-numeric id', cursorOf('audit:abc')],
    ['a negative id', cursorOf('audit:-1')],
    ['id zero', cursorOf('audit:0')],
    ['an exponent', cursorOf('audit:1e3')],
    ['an id past bigint', cursorOf(`audit:${'9'.repeat(30)}`)],
    ['a NUL character', cursorOf('audit:1\u0000')],
    [
      'an experiments cursor',
      cursorOf(JSON.stringify({ o: 'CREATED_AT:DESC', v: null, i: '00000000-0000-0000-0000-000000000000' })),
    ],
  ])('refuses %s as BAD_USER_INPUT naming after', async (_name, after) => {
    const error = expectError(await t.exec(AUDIT_LOG, { first: 20, after }), 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('after');
  });
});
