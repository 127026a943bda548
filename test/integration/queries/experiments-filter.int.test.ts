import { fixtureId } from '../fixtures/read-fixtures';
import { expectError, operation, useTestApp } from '../helpers';
import { buildCatalogue } from './catalogue';

interface Page {
  experiments: { totalCount: number; edges: Array<{ node: { key: string } }> };
}

describe('experiments filter', () => {
  const t = useTestApp();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await t.truncateAll();
    const { tree } = await buildCatalogue(t.dataSource);
    ids.growth = tree.growth.id;
  });

  async function keysFor(filter: Record<string, unknown>): Promise<string[]> {
    const result = await t.exec<Page>(operation('query-experiments-page'), {
      filter,
      orderBy: { field: 'KEY', direction: 'ASC' },
      first: 100,
    });
    expect(result.errors).toBeUndefined();
    const keys = result.data!.experiments.edges.map((e) => e.node.key);
    expect(result.data!.experiments.totalCount).toBe(keys.length);
    return keys;
  }

  it('returns every experiment without a filter', async () => {
    expect(await keysFor({})).toEqual(['chk-1', 'grw-1', 'onb-1', 'onb-2', 'rank-1', 'rank-2']);
  });

  it.each<[string, () => Record<string, unknown>, string[]]>([
    [
      'the owner node and its subtree by default',
      () => ({ ownerNodeId: ids.growth }),
      ['chk-1', 'grw-1', 'onb-1', 'onb-2'],
    ],
    [
      'the owner node only without descendants',
      () => ({ ownerNodeId: ids.growth, includeDescendants: false }),
      ['grw-1'],
    ],
    ['the owner node by key', () => ({ ownerNodeKey: 'acme.search' }), ['rank-1', 'rank-2']],
    ['nothing for an unknown owner key', () => ({ ownerNodeKey: 'acme.nowhere' }), []],
    ['nothing for an unknown owner id', () => ({ ownerNodeId: fixtureId('a', 999) }), []],
    ['any of the statuses', () => ({ status: ['RUNNING', 'STOPPED'] }), ['chk-1', 'onb-1']],
    ['any of the kinds', () => ({ kind: ['AB_TEST'] }), ['chk-1', 'onb-1', 'rank-1']],
    ['all of tagsAll', () => ({ tagsAll: ['signup', 'mobile'] }), ['onb-1']],
    ['any of tagsAny', () => ({ tagsAny: ['payments', 'search'] }), ['chk-1', 'rank-1']],
    [
      'no restriction for empty lists',
      () => ({ status: [], tagsAny: [], tagsAll: [] }),
      ['chk-1', 'grw-1', 'onb-1', 'onb-2', 'rank-1', 'rank-2'],
    ],
    [
      'a half-open started range',
      () => ({ startedFrom: '2024-01-11T00:00:00Z', startedTo: '2024-02-10T00:00:00Z' }),
      ['onb-1', 'onb-2'],
    ],
    [
      'a half-open ended range',
      () => ({ endedFrom: '2024-01-26T00:00:00Z', endedTo: '2024-02-20T00:00:00Z' }),
      ['chk-1', 'onb-2'],
    ],
    [
      'a half-open concluded range',
      () => ({ concludedFrom: '2024-01-04T00:00:00Z', concludedTo: '2024-02-01T00:00:00Z' }),
      ['rank-2'],
    ],
    ['an open-ended range', () => ({ concludedFrom: '2024-02-01T00:00:00Z' }), ['onb-2', 'rank-1']],
    ['the kind of the current decision only', () => ({ decisionKind: ['SHIP'] }), ['onb-2']],
    ['any of the current decision kinds', () => ({ decisionKind: ['ABORT', 'NONE'] }), ['chk-1', 'rank-1']],
    ['several criteria together', () => ({ ownerNodeKey: 'acme.growth', status: ['CONCLUDED'] }), ['onb-2']],
  ])('keeps %s', async (_name, filter, expected) => {
    expect(await keysFor(filter())).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    ['the title', 'signup', ['onb-1']],
    ['the key', 'rank-2', ['rank-2']],
    ['the description (stemmed)', 'phones', ['onb-1']],
    ['a hypothesis', 'personalised clicks', ['rank-1']],
    ['a linked learning', 'thumbnails', ['rank-2']],
    ['a learning linked to several experiments', 'regression', ['chk-1', 'onb-2']],
    ['a quoted phrase', '"signup form"', ['onb-1']],
    ['an OR of words', 'thumbnails or welcome', ['onb-2', 'rank-2']],
  ])('finds text in %s', async (_name, search, expected) => {
    expect(await keysFor({ search })).toEqual(expected);
  });

  it('finds nothing for an unknown word and ignores a blank search', async () => {
    expect(await keysFor({ search: 'zebra' })).toEqual([]);
    expect(await keysFor({ search: '   ' })).toHaveLength(6);
  });

  it.each<[string, () => Record<string, unknown>, string]>([
    ['a malformed owner id', () => ({ ownerNodeId: 'growth' }), 'filter.ownerNodeId'],
    ['both owner id and key', () => ({ ownerNodeId: ids.growth, ownerNodeKey: 'acme.growth' }), 'filter.ownerNodeKey'],
    [
      'an inverted date range',
      () => ({ startedFrom: '2024-02-01T00:00:00Z', startedTo: '2024-01-01T00:00:00Z' }),
      'filter.startedTo',
    ],
    ['a NUL character in search', () => ({ search: 'a\u0000b' }), 'filter.search'],
  ])('rejects %s with BAD_USER_INPUT naming the field', async (_name, filter, field) => {
    const error = expectError(
      await t.exec(operation('query-experiments-page'), { filter: filter() }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions?.field).toBe(field);
    expect(error.message).toContain(field);
  });

  it('rejects a malformed DateTime variable with BAD_USER_INPUT', async () => {
    const result = await t.exec(operation('query-experiments-page'), { filter: { startedFrom: 'last tuesday' } });
    expectError(result, 'BAD_USER_INPUT');
    expect(result.data).toBeUndefined();
  });
});
