import type * as d from '../../../src/domain/experiment';
import { createReadFixtures, day } from '../fixtures/read-fixtures';
import { expectError, operation, useTestApp } from '../helpers';

interface Page {
  experiments: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    edges: Array<{ cursor: string; node: { key: string } }>;
  };
}

const FIELDS = {
  KEY: 'key',
  TITLE: 'title',
  CREATED_AT: 'createdAt',
  STARTED_AT: 'startedAt',
  ENDED_AT: 'endedAt',
  CONCLUDED_AT: 'concludedAt',
} as const;
type Field = keyof typeof FIELDS;

/** The order the API promises: the field (NULLs last in both directions), then id in the same direction. */
function expectedKeys(experiments: readonly d.Experiment[], field: Field, direction: 'ASC' | 'DESC'): string[] {
  const sign = direction === 'ASC' ? 1 : -1;
  const value = (e: d.Experiment) => {
    const v = e[FIELDS[field]];
    return v instanceof Date ? v.getTime() : v;
  };
  return [...experiments]
    .sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      if (va === null || vb === null) return va === vb ? sign * (a.id < b.id ? -1 : 1) : va === null ? 1 : -1;
      if (va !== vb) return sign * (va < vb ? -1 : 1);
      return sign * (a.id < b.id ? -1 : 1);
    })
    .map((e) => e.key);
}

describe('experiments pagination', () => {
  const t = useTestApp();
  const experiments: d.Experiment[] = [];

  beforeAll(async () => {
    await t.truncateAll();
    const f = createReadFixtures(t.dataSource);
    const tree = await f.buildOrgTree();
    for (let i = 1; i <= 13; i += 1) {
      // Many ties (titles, created/started dates) and NULL dates, to prove stability and NULLS LAST.
      const startedAt = i % 4 === 0 ? null : day(i % 5);
      const endedAt = startedAt && i % 2 === 0 ? day((i % 5) + 2) : null;
      const concludedAt = endedAt && i % 4 === 2 ? day((i % 5) + 3) : null;
      experiments.push(
        await f.buildExperiment({
          ownerNodeId: i % 2 ? tree.onboarding.id : tree.ranking.id,
          title: ['Gamma', 'Alpha', 'Beta'][i % 3],
          createdAt: day(Math.floor(i / 2)),
          startedAt,
          endedAt,
          concludedAt,
        }),
      );
    }
  });

  async function page(vars: Record<string, unknown>) {
    const result = await t.exec<Page>(operation('query-experiments-page'), vars);
    expect(result.errors).toBeUndefined();
    return result.data!.experiments;
  }

  const orders = (Object.keys(FIELDS) as Field[]).flatMap((field) =>
    (['ASC', 'DESC'] as const).map((direction) => [field, direction] as const),
  );

  it.each(orders)('sorts by %s %s with ties broken by id and NULLs last', async (field, direction) => {
    const all = await page({ orderBy: { field, direction }, first: 100 });
    expect(all.edges.map((e) => e.node.key)).toEqual(expectedKeys(experiments, field, direction));
    expect(all.totalCount).toBe(13);
  });

  it.each(orders)('walks all pages of %s %s to the full ordered list', async (field, direction) => {
    const orderBy = { field, direction };
    const full = (await page({ orderBy, first: 100 })).edges.map((e) => e.node.key);
    const walked: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const current: Page['experiments'] = await page({ orderBy, first: 3, after });
      walked.push(...current.edges.map((e) => e.node.key));
      expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(current.totalCount).toBe(13);
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(walked).toEqual(full);
  });

  it('returns the first page with cursors and page info', async () => {
    expect(await page({ orderBy: { field: 'STARTED_AT', direction: 'DESC' }, first: 4 })).toMatchSnapshot();
  });

  it('returns an empty last page after the last cursor', async () => {
    const all = await page({ orderBy: { field: 'KEY' }, first: 13 });
    expect(all.pageInfo.hasNextPage).toBe(false);
    const after = await page({ orderBy: { field: 'KEY' }, first: 5, after: all.pageInfo.endCursor });
    expect(after).toEqual({
      totalCount: 13,
      pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
      edges: [],
    });
  });

  it('defaults to 20 items, newest first', async () => {
    const defaults = await page({});
    expect(defaults.edges.map((e) => e.node.key)).toEqual(expectedKeys(experiments, 'CREATED_AT', 'DESC'));
  });

  it.each([0, 101, -5])('rejects first = %d with BAD_USER_INPUT naming the allowed range', async (first) => {
    const error = expectError(await t.exec(operation('query-experiments-page'), { first }), 'BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('first');
    expect(error.message).toContain('from 1 to 100');
  });

  it('rejects a malformed cursor with BAD_USER_INPUT', async () => {
    for (const after of [
      'garbage',
      '',
      Buffer.from('{"o":"KEY:ASC","v":"x","i":"nope"}').toString('base64url'),
      Buffer.from('[1]').toString('base64url'),
    ]) {
      const error = expectError(
        await t.exec(operation('query-experiments-page'), { after, orderBy: { field: 'KEY' } }),
        'BAD_USER_INPUT',
      );
      expect(error.extensions?.field).toBe('after');
    }
  });

  it('rejects a cursor from another order or with a tampered date', async () => {
    const byKey = await page({ orderBy: { field: 'KEY' }, first: 2 });
    expectError(
      await t.exec(operation('query-experiments-page'), {
        after: byKey.pageInfo.endCursor,
        orderBy: { field: 'TITLE' },
      }),
      'BAD_USER_INPUT',
    );
    const byDate = await page({ orderBy: { field: 'CREATED_AT' }, first: 2 });
    const payload = JSON.parse(Buffer.from(byDate.pageInfo.endCursor!, 'base64url').toString('utf8'));
    const tampered = Buffer.from(JSON.stringify({ ...payload, v: '2024-02-30T00:00:00.000000Z' })).toString(
      'base64url',
    );
    expectError(
      await t.exec(operation('query-experiments-page'), { after: tampered, orderBy: { field: 'CREATED_AT' } }),
      'BAD_USER_INPUT',
    );
  });

  it('walks pages of dates that differ below the millisecond', async () => {
    // Cursors keep microseconds: a millisecond-precision cursor would skip or repeat these rows.
    await t.dataSource.query(
      `UPDATE experiment SET created_at = timestamptz '2024-03-01 00:00:00.000100+00' + (substr(key, 5)::int % 4) * interval '1 microsecond'`,
    );
    const orderBy = { field: 'CREATED_AT', direction: 'ASC' };
    const full = (await page({ orderBy, first: 100 })).edges.map((e) => e.node.key);
    const micros = (key: string) => Number(key.slice(4)) % 4;
    expect(full.map(micros)).toEqual([...full.map(micros)].sort());
    const walked: string[] = [];
    let after: string | null = null;
    do {
      const current: Page['experiments'] = await page({ orderBy, first: 2, after });
      walked.push(...current.edges.map((e) => e.node.key));
      after = current.pageInfo.hasNextPage ? current.pageInfo.endCursor : null;
    } while (after);
    expect(walked).toEqual(full);
  });
});
