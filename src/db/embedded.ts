import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { acquireEmbeddedLock, type EmbeddedLock } from './embedded-lock';
import { startEmbeddedWireServer } from './embedded-wire-server';
import { SHARED_SESSION_SETTING } from './prepared-statement';
import { SESSION_TIME_ZONE } from './session-time-zone';

/**
 * An embedded PostgreSQL (PGlite, compiled to WASM) served over the PostgreSQL wire protocol on
 * loopback, so the application reaches it with the same `pg` driver as a real server.
 *
 * PGlite is one single-user session. The wire server (embedded-wire-server.ts) accepts several
 * client connections and runs their statements one round at a time on that session; while one
 * client is inside a transaction (BEGIN ... COMMIT/ROLLBACK) only it runs, the others wait. The application's own pool
 * holds one connection (see `openDatabase`); the other connections are for the CLIs, which reach
 * a running server's database through the URL it publishes in the folder's owner lock.
 */
export interface EmbeddedPostgres {
  /** `postgres://` URL for the `pg` driver. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Client connections the socket server accepts: the owner's own pool plus CLIs run meanwhile. */
export const EMBEDDED_MAX_CONNECTIONS = 8;

/**
 * Starts PGlite and its socket server on an ephemeral loopback port. A folder `dataDir` is taken
 * with the owner lock (see embedded-lock.ts) before PGlite opens it, and released by `stop`.
 * @param dataDir folder for persistent files, or `memory://` for a throw-away database.
 * @param options.maxConnections client connections served (default EMBEDDED_MAX_CONNECTIONS).
 * @param options.role what the owner is, named to a second process that finds the folder taken.
 * @throws EmbeddedFolderInUseError when another live process owns the folder.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: { maxConnections?: number; role?: string } = {},
): Promise<EmbeddedPostgres> {
  let lock: EmbeddedLock | undefined;
  if (!dataDir.startsWith('memory://')) {
    fs.mkdirSync(dataDir, { recursive: true });
    lock = acquireEmbeddedLock(dataDir, options.role ?? 'server');
  }
  try {
    const db = await PGlite.create(dataDir);
    // PGlite is one session for every client and ignores their startup parameters: its zone is set here, and it
    // says that it is shared (prepared-statement.ts prepares nothing in it).
    await db.exec(`SET TimeZone TO '${SESSION_TIME_ZONE}'; SET ${SHARED_SESSION_SETTING} TO 'on'`);
    const server = await startEmbeddedWireServer(db, {
      maxConnections: options.maxConnections ?? EMBEDDED_MAX_CONNECTIONS,
    });
    const url = `postgres://postgres:postgres@${server.host}:${server.port}/postgres`;
    lock?.publishUrl(url);
    return {
      url,
      async stop() {
        try {
          await server.stop();
          await db.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
