import { Client } from 'pg';
import { STATEMENT_COUNT_REQUEST } from './child-server';

/**
 * Preloaded (`node -r`) into a benchmarked child server by bench/child-server.ts when it is started
 * with `countStatements`: counts every statement the process's `pg` clients send (pg's
 * `Client.prototype.query`, which the pool's client class calls for every statement, TypeORM's and
 * raw ones alike) and answers the parent's `STATEMENT_COUNT_REQUEST` with `{ statements }`. It loads
 * before the server's own code, so it counts the same way in any checkout's server (the baseline of
 * `npm run bench -- ab` included), without that checkout's cooperation.
 */
let statements = 0;
const query = Client.prototype.query as (this: Client, ...args: unknown[]) => unknown;
(Client.prototype as unknown as { query: typeof query }).query = function countedQuery(
  this: Client,
  ...args: unknown[]
): unknown {
  statements += 1;
  return query.apply(this, args);
};
process.on('message', (message: unknown) => {
  if (message === STATEMENT_COUNT_REQUEST) process.send?.({ statements });
});
