import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  acquireEmbeddedLock,
  EmbeddedFolderInUseError,
  findLiveOwner,
  OWNER_LOCK_FILE,
} from '../../../src/db/embedded-lock';

/** A pid that ran and has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('acquireEmbeddedLock', () => {
  let dir: string;
  const lockFile = () => path.join(dir, OWNER_LOCK_FILE);
  const writeLock = (content: unknown) => fs.writeFileSync(lockFile(), JSON.stringify(content));

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ewl-lock-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the lock with this pid, publishes the URL, and removes the lock on release', () => {
    const lock = acquireEmbeddedLock(dir, 'server');
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8'))).toMatchObject({
      pid: process.pid,
      url: null,
      role: 'server',
    });
    lock.publishUrl('postgres://postgres:postgres@127.0.0.1:5555/postgres');
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8'))).toMatchObject({
      pid: process.pid,
      url: 'postgres://postgres:postgres@127.0.0.1:5555/postgres',
    });
    lock.release();
    expect(fs.existsSync(lockFile())).toBe(false);
  });

  it('refuses while the owner named in the lock runs, naming its pid', () => {
    writeLock({
      pid: process.ppid,
      url: 'postgres://x@127.0.0.1:1/postgres',
      startedAt: '2026-01-01T00:00:00.000Z',
      role: 'server',
    });
    expect(() => acquireEmbeddedLock(dir, 'apikey')).toThrow(EmbeddedFolderInUseError);
    expect(() => acquireEmbeddedLock(dir, 'apikey')).toThrow(`already open in process ${process.ppid} (server`);
    expect(findLiveOwner(dir)).toMatchObject({ pid: process.ppid, url: 'postgres://x@127.0.0.1:1/postgres' });
  });

  it('cleans a lock whose pid no longer runs and takes it', async () => {
    writeLock({
      pid: await deadPid(),
      url: 'postgres://x@127.0.0.1:1/postgres',
      startedAt: '2026-01-01T00:00:00.000Z',
      role: 'server',
    });
    expect(findLiveOwner(dir)).toBeUndefined();
    expect(fs.existsSync(lockFile())).toBe(false);
    writeLock({ pid: await deadPid(), url: null, startedAt: '2026-01-01T00:00:00.000Z', role: 'server' });
    const lock = acquireEmbeddedLock(dir, 'seed');
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid, role: 'seed' });
    lock.release();
  });

  it('treats a lock naming this very pid as left over (pids are reused across restarts)', () => {
    writeLock({ pid: process.pid, url: null, startedAt: '2026-01-01T00:00:00.000Z', role: 'server' });
    expect(findLiveOwner(dir)).toBeUndefined();
  });

  it('treats a fresh empty lock as an owner being written, and an old empty one as left by a crash', () => {
    fs.writeFileSync(lockFile(), '');
    expect(findLiveOwner(dir)).toMatchObject({ url: null });
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockFile(), old, old);
    expect(findLiveOwner(dir)).toBeUndefined();
  });

  it('does not remove a lock that another process took after this one released', () => {
    const lock = acquireEmbeddedLock(dir, 'server');
    writeLock({ pid: process.ppid, url: null, startedAt: '2026-01-01T00:00:00.000Z', role: 'server' });
    lock.release();
    expect(findLiveOwner(dir)).toMatchObject({ pid: process.ppid });
  });
});
