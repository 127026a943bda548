/** The dashboard's pages, read from the URL's path (the window and filter are in its query, see view-params.ts). */
export type Route =
  | { readonly page: 'org' }
  | { readonly page: 'node'; readonly key: string }
  | { readonly page: 'experiment'; readonly key: string }
  | { readonly page: 'search' }
  | { readonly page: 'metrics' }
  | { readonly page: 'metric'; readonly key: string }
  | { readonly page: 'not-found'; readonly path: string };

/** Reads the route of a URL path; keys are URL-encoded path segments. */
export function readRoute(pathname: string): Route {
  const segments = pathname.split('/').filter((s) => s !== '');
  const decode = (segment: string) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return null;
    }
  };
  if (segments.length === 0) return { page: 'org' };
  if (segments.length === 1 && segments[0] === 'search') return { page: 'search' };
  if (segments.length === 1 && segments[0] === 'metric') return { page: 'metrics' };
  if (segments.length === 2 && (segments[0] === 'node' || segments[0] === 'experiment' || segments[0] === 'metric')) {
    const key = decode(segments[1]!);
    if (key) return { page: segments[0], key };
  }
  return { page: 'not-found', path: pathname };
}

/** The URL path of a route (the inverse of readRoute). */
export function routePath(route: Exclude<Route, { page: 'not-found' }>): string {
  switch (route.page) {
    case 'org':
      return '/';
    case 'node':
      return `/node/${encodeURIComponent(route.key)}`;
    case 'experiment':
      return `/experiment/${encodeURIComponent(route.key)}`;
    case 'search':
      return '/search';
    case 'metrics':
      return '/metric';
    case 'metric':
      return `/metric/${encodeURIComponent(route.key)}`;
  }
}
