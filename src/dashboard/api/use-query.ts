import { useEffect, useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql';
import { ApiError, execute } from './client';

export type QueryState<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'done'; data: T };

/**
 * Runs an operation whenever its variables change (compared as JSON) or `reload` changes; a newer request aborts
 * the one in flight, so an answer never replaces a newer one, and an answer to other variables is never returned
 * (from the render in which the variables change, the state is loading).
 */
export function useQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  reload = 0,
): QueryState<TResult> {
  const key = JSON.stringify(variables);
  const request = `${reload}:${key}`;
  const [answer, setAnswer] = useState<{ request: string; state: QueryState<TResult> } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    execute(document, JSON.parse(key) as TVariables, controller.signal).then(
      (data) => setAnswer({ request, state: { status: 'done', data } }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setAnswer({
          request,
          state: {
            status: 'error',
            error: error instanceof ApiError ? error : new ApiError(String(error), undefined),
          },
        });
      },
    );
    return () => controller.abort();
  }, [document, key, reload, request]);
  return answer?.request === request ? answer.state : { status: 'loading' };
}
