import { useEffect, useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql';
import { ApiError, execute } from './client';

export type QueryState<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'done'; data: T };

/**
 * Runs an operation whenever its variables change (compared as JSON) or `reload` changes; a newer request aborts
 * the one in flight, so an answer never replaces a newer one.
 */
export function useQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  reload = 0,
): QueryState<TResult> {
  const [state, setState] = useState<QueryState<TResult>>({ status: 'loading' });
  const key = JSON.stringify(variables);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    execute(document, JSON.parse(key) as TVariables, controller.signal).then(
      (data) => setState({ status: 'done', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          status: 'error',
          error: error instanceof ApiError ? error : new ApiError(String(error), undefined),
        });
      },
    );
    return () => controller.abort();
  }, [document, key, reload]);
  return state;
}
