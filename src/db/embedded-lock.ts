import fs from 'node:fs';
import path from 'node:path';

/**
 * One owner per embedded data folder. PGlite keeps the whole database in one process's memory and
 * writes its files from there: a second process opening the same folder works on its own copy and
 * the two overwrite each other's files. The owner (the server, or a CLI when no server runs) holds
 * `ewl-owner.lock` in the folder; it names the owner's pid and the `postgres://` URL on which the
 * owner serves the database, so that other processes connect there instead of opening the folder.
 */
export const OWNER_LOCK_FILE = 'ewl-owner.lock';
/** An empty lock file younger than this is being written; an older one was left by a crash. */
const EMPTY_LOCK_GRACE_MS = 5_000;

export interface EmbeddedOwner {
  readonly pid: number;
  /** Where the owner serves the database (the pg wire protocol on loopback); null while it starts. */
  readonly url: string | null;
  readonly startedAt: string;
  /** What the owner is (`server`, `apikey`, ...), for messages. */
  readonly role: string;
}

/** A second process tried to own a folder whose owner is alive. */
export class EmbeddedFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: EmbeddedOwner,
  ) {
    super(
      `The embedded database in ${dataDir} is already open in process ${owner.pid} (${owner.role}, since ${owner.startedAt}). ` +
        'Only one process may open the folder: stop that process first, or use DATABASE_URL. ' +
        `If no such process runs, delete ${path.join(dataDir, OWNER_LOCK_FILE)}.`,
    );
    this.name = 'EmbeddedFolderInUseError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export interface EmbeddedLock {
  /** Publishes the URL on which this owner serves the database. */
  publishUrl(url: string): void;
  /** Removes the lock file (when it is still this process's). */
  release(): void;
}

function lockPath(dataDir: string): string {
  return path.join(dataDir, OWNER_LOCK_FILE);
}

/** A pid names a live process other than this one (a lock with this pid is a leftover: pids are reused across restarts). */
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): { raw: string; owner: EmbeddedOwner | undefined } | undefined {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<EmbeddedOwner>;
    if (typeof parsed.pid !== 'number') return { raw, owner: undefined };
    return {
      raw,
      owner: {
        pid: parsed.pid,
        url: typeof parsed.url === 'string' ? parsed.url : null,
        startedAt: String(parsed.startedAt ?? ''),
        role: String(parsed.role ?? 'unknown'),
      },
    };
  } catch {
    return { raw, owner: undefined };
  }
}

/**
 * The live owner of `dataDir`, or undefined when there is none. A lock whose pid no longer runs is
 * stale and is removed here.
 */
export function findLiveOwner(dataDir: string): EmbeddedOwner | undefined {
  const file = lockPath(dataDir);
  const lock = readLock(file);
  if (!lock) return undefined;
  if (lock.owner && isAlive(lock.owner.pid)) return lock.owner;
  // An empty file is a lock being written this instant (between its creation and its write).
  if (
    !lock.owner &&
    lock.raw === '' &&
    Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) < EMPTY_LOCK_GRACE_MS
  ) {
    return { pid: 0, url: null, startedAt: '', role: 'a process starting' };
  }
  // Remove only the stale file that was read, not one another process wrote meanwhile.
  if (readLock(file)?.raw === lock.raw) fs.rmSync(file, { force: true });
  return undefined;
}

/**
 * Takes ownership of `dataDir` (created atomically with O_EXCL), cleaning a stale lock first.
 * @throws EmbeddedFolderInUseError naming the live owner's pid.
 */
export function acquireEmbeddedLock(dataDir: string, role: string): EmbeddedLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = lockPath(dataDir);
  const content: { pid: number; url: string | null; startedAt: string; role: string } = {
    pid: process.pid,
    url: null,
    startedAt: new Date().toISOString(),
    role,
  };
  for (let attempt = 0; ; attempt += 1) {
    const owner = findLiveOwner(dataDir);
    if (owner) throw new EmbeddedFolderInUseError(dataDir, owner);
    try {
      const fd = fs.openSync(file, 'wx');
      try {
        fs.writeSync(fd, JSON.stringify(content));
      } finally {
        fs.closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
    }
  }
  const write = () => {
    // Replace atomically, so readers never see a half-written file.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(content));
    fs.renameSync(tmp, file);
  };
  const onExit = () => release();
  function release() {
    process.removeListener('exit', onExit);
    const lock = readLock(file);
    if (lock?.owner?.pid === process.pid) fs.rmSync(file, { force: true });
  }
  process.on('exit', onExit);
  return {
    publishUrl(url: string) {
      content.url = url;
      write();
    },
    release,
  };
}
