/**
 * Whether the database is in an outage incident, as this process sees it: the first failure of a
 * connection opens one, the next statement that succeeds closes it. Error logging uses it to write
 * the stack of a connection error once per incident instead of once per failed request.
 */
let inIncident = false;

/** Records a failure to reach the database; true when it opens a new incident (log the stack then). */
export function recordDatabaseUnreachable(): boolean {
  if (inIncident) return false;
  inIncident = true;
  return true;
}

/** Records a statement that succeeded: an open incident is over. */
export function recordDatabaseReachable(): void {
  inIncident = false;
}
