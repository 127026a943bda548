import { type Database, openDatabase } from '../db/database';
import { EmbeddedFolderInUseError, findLiveOwner } from '../db/embedded-lock';
import { type AppConfig, loadConfig } from './config';

export interface CliDatabaseOptions {
  /** The command (`apikey`, `import`, ...), named in the owner lock while it owns the folder. */
  readonly role: string;
  /** Pool size against DATABASE_URL (the embedded database is reached through one connection). */
  readonly poolSize: number;
  readonly migrate: boolean;
  readonly config?: AppConfig;
  /** Where the command says which database it uses (stderr, so stdout stays the command's output). */
  readonly log?: (message: string) => void;
}

/** How long a CLI waits for an owner that is still starting (its URL not yet published). */
const OWNER_START_WAIT_MS = 120_000;
const POLL_MS = 250;

/**
 * Opens the database for a CLI command:
 * - with DATABASE_URL, that PostgreSQL server;
 * - else, when a live process owns the embedded folder (a running server), the owner's database
 *   through the URL it publishes in the owner lock: the folder is never opened twice;
 * - else the folder itself, holding its owner lock while the command runs.
 */
export async function openCliDatabase(options: CliDatabaseOptions): Promise<Database> {
  const config = options.config ?? loadConfig();
  const log = options.log ?? ((message: string) => console.error(message));
  const common = { poolSize: options.poolSize, logSql: config.logSql, migrate: options.migrate };
  if (config.databaseUrl !== undefined)
    return openDatabase({ ...common, databaseUrl: config.databaseUrl, embeddedDataDir: config.embeddedDataDir });
  const deadline = Date.now() + OWNER_START_WAIT_MS;
  for (;;) {
    const owner = findLiveOwner(config.embeddedDataDir);
    if (owner?.url) {
      try {
        const db = await openDatabase({
          ...common,
          poolSize: 1,
          databaseUrl: owner.url,
          embeddedDataDir: config.embeddedDataDir,
        });
        log(`Using the embedded database of the running ${owner.role} (pid ${owner.pid}, ${config.embeddedDataDir}).`);
        return { dataSource: db.dataSource, mode: 'embedded', close: () => db.close() };
      } catch (error) {
        // The owner stopped between reading its lock and connecting: look again.
        if (!isConnectionRefused(error) || findLiveOwner(config.embeddedDataDir)?.pid === owner.pid) throw error;
      }
    } else if (!owner) {
      try {
        return await openDatabase({
          ...common,
          databaseUrl: undefined,
          embeddedDataDir: config.embeddedDataDir,
          embeddedRole: options.role,
        });
      } catch (error) {
        // Another process took the folder first: use it through that owner.
        if (!(error instanceof EmbeddedFolderInUseError)) throw error;
      }
    }
    if (Date.now() > deadline) {
      const current = findLiveOwner(config.embeddedDataDir);
      throw new Error(
        `The embedded database in ${config.embeddedDataDir} is owned by process ${current?.pid ?? '?'}, which published no address within ` +
          `${OWNER_START_WAIT_MS / 1000} s. Wait for it to finish starting, or stop it.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function isConnectionRefused(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ECONNREFUSED';
}
