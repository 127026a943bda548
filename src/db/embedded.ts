import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * An embedded PostgreSQL (PGlite, compiled to WASM) served over the PostgreSQL wire protocol on
 * loopback, so the application reaches it with the same `pg` driver as a real server.
 *
 * PGlite is one single-user session: the socket server accepts exactly one connection, and the
 * application's pool must therefore hold exactly one connection (see `createDataSource`).
 */
export interface EmbeddedPostgres {
  /** `postgres://` URL for the `pg` driver. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite and its socket server on an ephemeral loopback port.
 * @param dataDir folder for persistent files, or `memory://` for a throw-away database.
 * @param options.maxConnections defaults to 1; the test suite allows a few so that a pool closing
 *   asynchronously does not reject the next file's connection (they are still used one at a time).
 */
export async function startEmbeddedPostgres(dataDir: string, options: { maxConnections?: number } = {}): Promise<EmbeddedPostgres> {
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections ?? 1 });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  return {
    url: `postgres://postgres:postgres@${host}:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
