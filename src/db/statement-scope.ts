import { AsyncLocalStorage } from 'node:async_hooks';

/** The SQL statements run on behalf of one unit of work (an HTTP request). */
export interface StatementScope {
  statements: number;
}

const storage = new AsyncLocalStorage<StatementScope>();

/** Runs `work` with a fresh statement count that every statement issued from it (awaits included) increments. */
export function runInStatementScope<T>(scope: StatementScope, work: () => T): T {
  return storage.run(scope, work);
}

/** Counts one statement for the current scope, if any (called by the DataSource's logger). */
export function countStatementInScope(): void {
  const scope = storage.getStore();
  if (scope) scope.statements += 1;
}
