import {
  DEFAULT_SEARCH_PARAMS,
  nextPage,
  pageRange,
  previousPage,
  readSearchParams,
  readTags,
  searchFilter,
  searchVariables,
  toggle,
  withFilter,
  writeSearchParams,
} from '../../../src/dashboard/view-model/search-params';

describe('readSearchParams', () => {
  it('reads every filter, the order and the cursor trail from the query', () => {
    const search =
      '?q=free+trial&node=acme.growth&own=1&status=CONCLUDED,STOPPED&category=WIN&learning=yes&tags=ios,Web' +
      '&anyTag=ml&decision=SHIP&kind=AB_TEST&metric=d7_retention&from=2025-01-01&to=2026-01-01&sort=TITLE&dir=asc' +
      '&after=c1&after=c2';
    expect(readSearchParams(search)).toEqual({
      text: 'free trial',
      node: 'acme.growth',
      ownOnly: true,
      statuses: ['CONCLUDED', 'STOPPED'],
      categories: ['WIN'],
      isLearning: true,
      tagsAll: ['ios', 'web'],
      tagsAny: ['ml'],
      decisions: ['SHIP'],
      kinds: ['AB_TEST'],
      metric: 'd7_retention',
      from: '2025-01-01',
      to: '2026-01-01',
      sort: 'TITLE',
      direction: 'ASC',
      after: ['c1', 'c2'],
    });
  });

  it('ignores values that are not valid, keeping their defaults', () => {
    expect(
      readSearchParams(
        '?q=++&status=DONE,RUNNING,RUNNING&category=LUCKY&learning=maybe&decision=SHIP_IT&from=2025-02-30&sort=SIZE&dir=up&after=',
      ),
    ).toEqual({ ...DEFAULT_SEARCH_PARAMS, statuses: ['RUNNING'] });
  });

  it('reads learning=no as not informative', () => {
    expect(readSearchParams('?learning=no').isLearning).toBe(false);
  });

  it('round-trips through writeSearchParams, leaving defaults out of the URL', () => {
    const params = {
      ...DEFAULT_SEARCH_PARAMS,
      text: 'checkout',
      node: 'acme/search',
      categories: ['WIN', 'REGRESSION'] as const,
      sort: 'CONCLUDED_AT' as const,
      after: ['abc=', 'def'],
    };
    const search = writeSearchParams({ ...params, categories: [...params.categories] });
    expect(search).toBe(
      '?q=checkout&node=acme%2Fsearch&category=WIN%2CREGRESSION&sort=CONCLUDED_AT&after=abc%3D&after=def',
    );
    expect(readSearchParams(search)).toEqual(params);
    expect(writeSearchParams(DEFAULT_SEARCH_PARAMS)).toBe('');
  });

  it('keeps "own experiments only" out of the URL without an owner', () => {
    expect(writeSearchParams({ ...DEFAULT_SEARCH_PARAMS, ownOnly: true })).toBe('');
  });
});

describe('readTags', () => {
  it('trims, lower-cases and de-duplicates tags, dropping blanks', () => {
    expect(readTags(' iOS, web,,ios , ')).toEqual(['ios', 'web']);
    expect(readTags(null)).toEqual([]);
  });
});

describe('searchFilter', () => {
  it('is null when nothing restricts', () => {
    expect(searchFilter(DEFAULT_SEARCH_PARAMS)).toBeNull();
  });

  it('maps each field of the form to the ExperimentFilter field of the API', () => {
    const params = readSearchParams(
      '?q=trial&node=acme.growth&own=1&status=RUNNING&category=WIN,INVALID&learning=no&tags=ios&anyTag=ml,web' +
        '&decision=SHIP&kind=CAMPAIGN&metric=d7_retention&from=2025-01-01&to=2025-04-01',
    );
    expect(searchFilter(params)).toEqual({
      search: 'trial',
      ownerNodeKey: 'acme.growth',
      includeDescendants: false,
      status: ['RUNNING'],
      category: ['WIN', 'INVALID'],
      isLearning: false,
      tagsAll: ['ios'],
      tagsAny: ['ml', 'web'],
      decisionKind: ['SHIP'],
      kind: ['CAMPAIGN'],
      metricKeys: ['d7_retention'],
      concludedFrom: '2025-01-01T00:00:00.000Z',
      concludedTo: '2025-04-01T00:00:00.000Z',
    });
  });

  it("includes an owner's whole subtree unless asked otherwise", () => {
    expect(searchFilter(readSearchParams('?node=acme'))).toEqual({ ownerNodeKey: 'acme', includeDescendants: true });
  });
});

describe('searchVariables and paging', () => {
  it('asks for the page after the last cursor of the trail, in the chosen order', () => {
    const params = readSearchParams('?sort=KEY&dir=asc&after=c1&after=c2');
    expect(searchVariables(params)).toEqual({
      filter: null,
      orderBy: { field: 'KEY', direction: 'ASC' },
      first: 20,
      after: 'c2',
    });
    expect(searchVariables(DEFAULT_SEARCH_PARAMS).after).toBeNull();
  });

  it('moves forward by adding the end cursor and back by dropping it', () => {
    const second = nextPage(DEFAULT_SEARCH_PARAMS, 'c1');
    const third = nextPage(second, 'c2');
    expect(third.after).toEqual(['c1', 'c2']);
    expect(previousPage(third)).toEqual(second);
    expect(previousPage(second)).toEqual(DEFAULT_SEARCH_PARAMS);
  });

  it('starts again from the first page when the filter or the order changes', () => {
    const paged = nextPage(DEFAULT_SEARCH_PARAMS, 'c1');
    expect(withFilter(paged, { categories: ['WIN'] })).toEqual({ ...DEFAULT_SEARCH_PARAMS, categories: ['WIN'] });
  });

  it.each([
    [[], 20, 49, '1–20 of 49'],
    [['c1'], 20, 49, '21–40 of 49'],
    [['c1', 'c2'], 9, 49, '41–49 of 49'],
    [[], 0, 0, '0 of 0'],
  ])('shows the rows of the page after %j (%i rows of %i) as %s', (after, rows, total, range) => {
    expect(pageRange({ ...DEFAULT_SEARCH_PARAMS, after }, rows, total)).toBe(range);
  });
});

describe('toggle', () => {
  it('adds a missing value at the end and removes a present one', () => {
    expect(toggle(['WIN'], 'INVALID')).toEqual(['WIN', 'INVALID']);
    expect(toggle(['WIN', 'INVALID'], 'WIN')).toEqual(['INVALID']);
  });
});
