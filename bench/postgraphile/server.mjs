// PostGraphile 5 (amber preset, production mode) over the benchmark database: the peer contestant of
// `npm run bench -- api` (issue #11). Plain JavaScript run by the Node 22 binary of the cache folder
// that bench/postgraphile/install.ts fills (PostGraphile 5 needs Node >= 22, the project runs on 20):
// its packages are loaded from that folder, never from the project's node_modules.
//
// Environment:
//   BENCH_POSTGRAPHILE_DIR       the cache folder (with node_modules/postgraphile)
//   BENCH_CHILD_DATABASE_URL     the database, the same URL the project's server reads
//   BENCH_CHILD_POOL_SIZE        the pg pool size (the project's server's DB_POOL_SIZE)
//   PORT                         port to listen on, on 127.0.0.1 (0, the default: a free one)
//   BENCH_COUNT_STATEMENTS=1     count every statement PostGraphile's pg clients send
//
// Started by bench/child-server.ts over IPC, it speaks the same protocol as bench/api-server.ts: it
// sends `{ port }` once listening, answers 'statement-count' with `{ statements }`, and closes on
// 'stop'. Without IPC it prints the URL. With the argument `--print-schema` it prints the schema it
// generates (SDL) and exits: how the documents in bench/api-queries.ts were written.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

const dir = process.env.BENCH_POSTGRAPHILE_DIR;
const databaseUrl = process.env.BENCH_CHILD_DATABASE_URL;
if (!dir || !databaseUrl) {
  console.error('[postgraphile] BENCH_POSTGRAPHILE_DIR and BENCH_CHILD_DATABASE_URL must be set');
  process.exit(2);
}
const load = createRequire(path.join(dir, 'node_modules', 'noop.js'));
const { postgraphile } = load('postgraphile');
const { PostGraphileAmberPreset } = load('postgraphile/presets/amber');
const { makePgService } = load('postgraphile/adaptors/pg');
const { grafserv } = load('postgraphile/grafserv/node');
const { printSchema } = load('postgraphile/graphql');

let statements = 0;
if (process.env.BENCH_COUNT_STATEMENTS === '1') {
  // The `pg` that @dataplan/pg's adaptor loads (the cache holds one): every statement goes through
  // Client.prototype.query, as in bench/statement-count-preload.ts for the project's server.
  const { Client } = load('pg');
  const query = Client.prototype.query;
  Client.prototype.query = function countedQuery(...args) {
    statements += 1;
    return query.apply(this, args);
  };
}

/**
 * Amber, no watch, no GraphiQL (Ruru), no explain: PostGraphile as its docs say to run it in
 * production. One switch more: PgIndexBehaviorsPlugin off (V4's `ignoreIndexes`), so every column
 * can order and filter a collection, not only the indexed ones: our documents order variants and
 * experiment metrics by `position` and pick the current decision by `isCurrent`, as our API does.
 */
const preset = {
  extends: [PostGraphileAmberPreset],
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [
    makePgService({
      connectionString: databaseUrl,
      schemas: ['public'],
      poolConfig: { max: Number(process.env.BENCH_CHILD_POOL_SIZE ?? 10) },
    }),
  ],
  grafserv: { watch: false, graphiql: false, graphqlPath: '/graphql' },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);

if (process.argv.includes('--print-schema')) {
  process.stdout.write(printSchema(await pgl.getSchema()));
  await pgl.release();
  process.exit(0);
}

const serv = pgl.createServ(grafserv);
const server = createServer();
server.keepAliveTimeout = 60_000;
server.on('error', (error) => {
  console.error('[postgraphile]', error);
  process.exit(1);
});
await serv.addTo(server);
// The schema is built before the first request, so that start-up stays out of the warm-up.
await pgl.getSchema();
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : -1;
  if (process.send) process.send({ port });
  else console.log(`PostGraphile on http://127.0.0.1:${port}/graphql`);
});

process.on('message', (message) => {
  if (message === 'statement-count') {
    process.send?.({ statements });
    return;
  }
  if (message !== 'stop') return;
  server.close();
  server.closeAllConnections();
  // Requests the load generator abandoned at the end of its run may still be running: let them finish.
  setTimeout(() => {
    Promise.resolve(pgl.release()).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  }, 2_000);
});
process.on('disconnect', () => process.exit(0));
