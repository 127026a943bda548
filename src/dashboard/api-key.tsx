import { createContext, type FormEvent, type ReactNode, useContext, useState } from 'react';
import { readApiKey, saveApiKey } from './api/client';

interface ApiKeyState {
  /** Changes whenever the key does, so that queries run again. */
  readonly version: number;
  readonly hasKey: boolean;
  setKey(key: string | null): void;
}

const ApiKeyContext = createContext<ApiKeyState>({ version: 0, hasKey: false, setKey: () => undefined });

/** Holds the API key of this tab (sessionStorage) and a version that re-runs the pages' queries when it changes. */
export function ApiKeyProvider({ children }: { children: ReactNode }) {
  const [version, setVersion] = useState(0);
  const setKey = (key: string | null) => {
    saveApiKey(key);
    setVersion((v) => v + 1);
  };
  return (
    <ApiKeyContext.Provider value={{ version, hasKey: readApiKey() !== null, setKey }}>
      {children}
    </ApiKeyContext.Provider>
  );
}

export function useApiKey(): ApiKeyState {
  return useContext(ApiKeyContext);
}

/** Asks for an API key when the server refuses anonymous reads (or the key given cannot read this). */
export function ApiKeyForm({ message }: { message: string }) {
  const { setKey, hasKey } = useApiKey();
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim()) setKey(value.trim());
  };
  return (
    <form className="key-form" onSubmit={submit} aria-labelledby="key-form-title">
      <h2 id="key-form-title">{hasKey ? 'This API key cannot read this' : 'An API key is needed'}</h2>
      <p>{message}</p>
      <p>
        The key is kept in this browser tab only (session storage) and sent to this server's GraphQL API. Create one
        with <code>npm run apikey -- create --name me --scopes read</code>.
      </p>
      <label htmlFor="api-key">API key</label>
      <input
        id="api-key"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit">Use this key</button>
    </form>
  );
}
