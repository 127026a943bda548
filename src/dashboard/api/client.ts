import type { TypedDocumentString } from '../gql/graphql';

/** Where the page keeps an API key: this tab's session only, never localStorage or a cookie. */
const KEY_STORAGE = 'ewl-dashboard-api-key';

export function readApiKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function saveApiKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

/** A GraphQL or HTTP failure, with the API's error code (e.g. UNAUTHENTICATED) when it gave one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Whether an API key (another one, or one at all) would help. */
  get needsKey(): boolean {
    return this.code === 'UNAUTHENTICATED' || this.code === 'FORBIDDEN';
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: ReadonlyArray<{ message: string; extensions?: { code?: string } }>;
}

/** Runs one typed operation against the server's public API (POST /graphql), with the session's key if any. */
export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<TResult> {
  const key = readApiKey();
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({ query: document.toString(), variables }),
    signal,
  });
  const body = (await response.json().catch(() => ({}))) as GraphQLResponse<TResult>;
  const error = body.errors?.[0];
  if (error) throw new ApiError(error.message, error.extensions?.code);
  if (!response.ok || !body.data) throw new ApiError(`The API answered HTTP ${response.status}`, undefined);
  return body.data;
}
