import 'reflect-metadata';
import { createDataSource } from '../src/db/data-source';
import { DEFAULT_OPERATION_LIMITS } from '../src/graphql/operation-limits';
import { createApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { childDatabaseSettings, serveUntilStopped } from './child-server';

/**
 * The real server for the load test, in its own process (started by bench/child-server.ts): the
 * same `createApp` and DataSource as `src/server/main.ts`, without migrations, seeding or
 * reclassification (the benchmark database is ready), and without a webhook dispatcher unless
 * BENCH_WEBHOOKS=on.
 */
async function main(): Promise<void> {
  const { url, poolSize } = childDatabaseSettings();
  const dataSource = createDataSource({ url, poolSize });
  await dataSource.initialize();
  const app = await createApp({
    dataSource,
    statsCache: process.env.STATS_CACHE !== 'off',
    allowAnonymousReads: true,
    operationLimits: { ...DEFAULT_OPERATION_LIMITS, enabled: process.env.GRAPHQL_LIMITS !== 'off' },
    // A webhook dispatcher (WEBHOOK_* as in src/server/config.ts) only when the benchmark asks for one.
    webhooks: process.env.BENCH_WEBHOOKS === 'on' ? loadConfig(process.env).webhooks : undefined,
  });
  serveUntilStopped(app.httpServer, async () => {
    await app.dispatcher?.stop();
    await app.apollo.stop();
    await dataSource.destroy();
  });
}

main().catch((error: unknown) => {
  console.error('[api-server]', error);
  process.exit(1);
});
