import { Component, type ComponentType, lazy, type ReactNode, Suspense, useEffect } from 'react';

/**
 * The pages other than the organisation (the first load) as their own chunks: Vite emits one per dynamic import, and
 * the browser fetches a page's code, and its charts' ECharts modules, the first time that page is shown.
 */
export const NodePage = lazyPage(() => import('./pages/node-page').then((m) => m.NodePage));
export const ExperimentPage = lazyPage(() => import('./pages/experiment-page').then((m) => m.ExperimentPage));
export const SearchPage = lazyPage(() => import('./pages/search-page').then((m) => m.SearchPage));
export const MetricPage = lazyPage(() => import('./pages/metric-page').then((m) => m.MetricPage));
export const MetricIndexPage = lazyPage(() => import('./pages/metric-page').then((m) => m.MetricIndexPage));

function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await load() }));
}

/**
 * Shows `children` (a page), a loading state while its chunk arrives, and a way out if it cannot be fetched; moves the
 * focus to the new page once it is shown.
 */
export function PageChunk({ pathname, children }: { pathname: string; children: ReactNode }) {
  return (
    // Keyed by the path: moving to another page forgets a failed load.
    <ChunkErrorBoundary key={pathname}>
      <Suspense fallback={<PageLoading />}>
        {children}
        <FocusMain pathname={pathname} />
      </Suspense>
    </ChunkErrorBoundary>
  );
}

/** The path whose page last took the focus; undefined until the first page of this load is shown. */
let focusedPath: string | undefined;

/**
 * After a move to another page (a link followed in place, Back, Forward), the focus goes to the new page's `main`
 * (WCAG 2.4.3): a keyboard user goes on from its start, and a screen reader reads it, instead of the focus falling to
 * the document when the followed link disappears. A change of the same page's parameters (the window, the filters)
 * leaves the focus on the control that made it. Inside the Suspense boundary, so it runs once the page is drawn.
 */
function FocusMain({ pathname }: { pathname: string }) {
  useEffect(() => {
    if (focusedPath !== undefined && focusedPath !== pathname)
      document.getElementById('main')?.focus({ preventScroll: true });
    focusedPath = pathname;
  }, [pathname]);
  return null;
}

function PageLoading() {
  return (
    <main id="main" tabIndex={-1} aria-busy="true">
      <p className="status" role="status">
        Loading the page…
      </p>
    </main>
  );
}

/**
 * A page whose code could not be fetched (the server was restarted with a new build whose file names differ, or the
 * network failed) says so and offers a reload, instead of leaving an empty window.
 */
class ChunkErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main id="main" tabIndex={-1}>
        <h1>This page could not be shown</h1>
        <p className="status error" role="alert">
          Its code could not be loaded or drawn. <a href={location.href}>Reload the page</a> to try again.
        </p>
      </main>
    );
  }
}
