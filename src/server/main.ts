import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/database';
import { EmbeddedFolderInUseError } from '../db/embedded-lock';
import { purgeIdempotencyKeys } from '../db/queries/idempotency-writes';
import { purgeSettledEvents } from '../db/queries/event-writes';
import { OUTBOX_RETENTION_DAYS } from '../domain/events';
import { createStartupCommandContext } from '../app/command-context';
import { handleSeedCatalogue } from '../app/catalogue/seed-commands';
import { handleReclassifyExperiments } from '../app/reclassify/reclassify-commands';
import { createApp } from './app';
import { loadConfig } from './config';
import { createLogger } from './request-log';

/** The project's root: the nearest folder above this file with a package.json (from src/ or from dist/src/). */
function projectRoot(dir: string): string {
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** The dashboard's build (vite.config.mjs). */
const DASHBOARD_DIR = path.join(projectRoot(__dirname), 'dist', 'dashboard');

async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  console.log(
    config.databaseUrl
      ? 'Connecting to PostgreSQL (DATABASE_URL)...'
      : `Starting the embedded database in ${config.embeddedDataDir} ...`,
  );
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    embeddedDataDir: config.embeddedDataDir,
    poolSize: config.dbPoolSize,
    logSql: config.logSql,
    statementTimeoutMs: config.dbStatementTimeoutMs,
    migrate: true,
  });
  if (config.seedDemoData) {
    // The demo simulator is loaded only when demo data is asked for (SEED_DEMO_DATA): the server's
    // code has no static dependency on src/db/seed (the lint zones forbid one).
    const { writeDemoDataIfEmpty } = await import('../db/seed/seed');
    const seeded = await handleSeedCatalogue(createStartupCommandContext(db.dataSource), {
      replaces: false,
      write: (m) => writeDemoDataIfEmpty(m, { log: (message) => console.log(message) }),
    });
    if (seeded) console.log(`Demo data: ${seeded.experiments} experiments in ${seeded.orgNodes} org nodes.`);
  }
  // Rows never classified, or classified under an older ruleset, are recomputed before serving (docs/ewl-rules.md §14).
  const stale = await handleReclassifyExperiments(createStartupCommandContext(db.dataSource), { onlyStale: true });
  if (stale.experiments > 0)
    console.log(`Classified ${stale.experiments} experiment(s) with a missing or older ruleset.`);
  const app = await createApp({
    dataSource: db.dataSource,
    statsCache: config.statsCache,
    responseCacheMaxBytes: config.responseCacheMaxBytes,
    allowAnonymousReads: config.allowAnonymousReads,
    operationLimits: config.operationLimits,
    corsOrigins: config.corsOrigins,
    metrics: config.metrics,
    log: createLogger(config.logLevel),
    timeouts: { requestMs: config.requestTimeoutMs, anonymousRequestMs: config.anonymousRequestTimeoutMs },
    webhooks: config.webhooks,
    dashboardDir: DASHBOARD_DIR,
    eventFeedIntervalMs: config.eventFeedIntervalMs,
  });
  await new Promise<void>((resolve) => app.httpServer.listen(config.port, config.host, resolve));
  const address = app.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  console.log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${db.mode} database).`);
  console.log(`  Dashboard:   ${base}/`);
  console.log(`  GraphQL API: ${base}/graphql`);
  console.log(`  Sandbox:     ${base}/graphql (open in a browser)`);
  console.log(`  Readiness:   ${base}/readyz (liveness: /livez)`);
  console.log(
    config.allowAnonymousReads
      ? '  Access:      anonymous reads allowed; writes need an API key (npm run apikey -- create ...)'
      : '  Access:      every request needs an API key (Authorization: Bearer ...; npm run apikey -- create ...)',
  );

  // Idempotency keys are kept at least 24 hours; older than 48 are purged at start and hourly, and so
  // are the outbox's settled events past their retention (docs/events.md).
  const purge = async () => {
    await purgeIdempotencyKeys(db.dataSource, new Date()).catch((error: unknown) =>
      console.error('[idempotency purge]', error),
    );
    await purgeSettledEvents(db.dataSource, new Date(Date.now() - OUTBOX_RETENTION_DAYS * 86_400_000)).catch(
      (error: unknown) => console.error('[outbox purge]', error),
    );
  };
  await purge();
  const purgeTimer = setInterval(() => void purge(), 3_600_000);
  purgeTimer.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(purgeTimer);
    console.log(
      `${signal}: shutting down (refusing new requests; ${app.drain.size} request(s) in flight, waiting at most ${config.shutdownTimeoutMs} ms)...`,
    );
    // Live subscriptions have nothing in flight to finish: their sockets close first (1001), so that
    // clients reconnect to another instance and the HTTP server has no upgraded socket left to wait for.
    await app.subscriptions.close();
    const drained = await app.drain.drain(config.shutdownTimeoutMs);
    if (!drained.completed)
      console.error(`${drained.cut} request(s) still running after ${config.shutdownTimeoutMs} ms were cut.`);
    // Deliveries in flight end within WEBHOOK_TIMEOUT_MS; one cut short is sent again after its lease.
    await app.dispatcher?.stop();
    await app.apollo.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  // A folder owned by another process is an operator's situation, not a crash: its message says what to do.
  console.error('Failed to start:', error instanceof EmbeddedFolderInUseError ? error.message : error);
  process.exit(1);
});
