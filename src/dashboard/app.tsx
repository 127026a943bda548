import { ApiKeyProvider, useApiKey } from './api-key';
import { ExperimentPage, MetricIndexPage, MetricPage, NodePage, PageChunk, SearchPage } from './lazy-pages';
import { OrgPage } from './pages/org-page';
import { Link, useLocation } from './router';
import { readMetricParams } from './view-model/metric-params';
import { readRoute } from './view-model/routes';
import { readSearchParams } from './view-model/search-params';
import { readViewParams } from './view-model/view-params';

/** The dashboard: a header, then the page the URL names. */
export function App() {
  return (
    <ApiKeyProvider>
      <Header />
      <CurrentPage />
    </ApiKeyProvider>
  );
}

function Header() {
  const { hasKey, setKey } = useApiKey();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to the content
      </a>
      <nav aria-label="Main">
        <Link href="/" className="brand">
          EwL catalogue
        </Link>
        <Link href="/">Organisation</Link>
        <Link href="/search">Search</Link>
        <Link href="/metric">Metrics</Link>
        <a href="/graphql">GraphQL sandbox</a>
      </nav>
      {hasKey ? (
        <button type="button" className="link-button" onClick={() => setKey(null)}>
          Forget the API key
        </button>
      ) : null}
    </header>
  );
}

function CurrentPage() {
  const { pathname, search } = useLocation();
  return <PageChunk pathname={pathname}>{pageOf(pathname, search)}</PageChunk>;
}

/** The page a URL names. The organisation page is in the main chunk (the first load); the others are fetched lazily. */
function pageOf(pathname: string, search: string) {
  const route = readRoute(pathname);
  const params = readViewParams(search);
  switch (route.page) {
    case 'org':
      return <OrgPage params={params} />;
    case 'node':
      return <NodePage key={route.key} nodeKey={route.key} params={params} />;
    case 'experiment':
      return <ExperimentPage key={route.key} experimentKey={route.key} />;
    case 'search':
      return <SearchPage params={readSearchParams(search)} />;
    case 'metrics':
      return <MetricIndexPage search={search} />;
    case 'metric':
      return <MetricPage key={route.key} metricKey={route.key} params={readMetricParams(search)} />;
    case 'not-found':
      return (
        <main id="main" tabIndex={-1}>
          <h1>Page not found</h1>
          <p>
            Nothing is at {route.path}. <Link href="/">Open the organisation</Link>.
          </p>
        </main>
      );
  }
}
