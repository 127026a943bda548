import type { QueryState } from '../api/use-query';
import { ApiKeyForm } from '../api-key';

/** What a page shows while its query runs or when it failed; null once there is data. */
export function QueryStatus({ state }: { state: QueryState<unknown> }) {
  if (state.status === 'loading')
    return (
      <p className="status" role="status">
        Loading…
      </p>
    );
  if (state.status === 'error') {
    if (state.error.needsKey) return <ApiKeyForm message={state.error.message} />;
    return (
      <p className="status error" role="alert">
        The API answered with an error{state.error.code ? ` (${state.error.code})` : ''}: {state.error.message}
      </p>
    );
  }
  return null;
}
