import { readRoute, routePath } from '../../../src/dashboard/view-model/routes';

describe('readRoute', () => {
  it.each([
    ['/', { page: 'org' }],
    ['/node/acme-media.growth.search', { page: 'node', key: 'acme-media.growth.search' }],
    ['/node/acme%2Fsearch/', { page: 'node', key: 'acme/search' }],
    ['/experiment/onboarding-0381', { page: 'experiment', key: 'onboarding-0381' }],
    ['/search', { page: 'search' }],
    ['/metric', { page: 'metrics' }],
    ['/metric/d7_retention', { page: 'metric', key: 'd7_retention' }],
    ['/search/more', { page: 'not-found', path: '/search/more' }],
    ['/node', { page: 'not-found', path: '/node' }],
    ['/node/%E0%A4%A', { page: 'not-found', path: '/node/%E0%A4%A' }],
    ['/elsewhere/x', { page: 'not-found', path: '/elsewhere/x' }],
  ])('reads %s', (pathname, route) => {
    expect(readRoute(pathname)).toEqual(route);
  });

  it('is the inverse of routePath for the pages without a key', () => {
    for (const page of ['org', 'search', 'metrics'] as const) expect(readRoute(routePath({ page }))).toEqual({ page });
  });

  it('is the inverse of routePath for any key', () => {
    for (const key of ['acme/search', 'a b?c#d', 'acme-media.growth']) {
      expect(readRoute(routePath({ page: 'node', key }))).toEqual({ page: 'node', key });
      expect(readRoute(routePath({ page: 'experiment', key }))).toEqual({ page: 'experiment', key });
      expect(readRoute(routePath({ page: 'metric', key }))).toEqual({ page: 'metric', key });
    }
  });
});
