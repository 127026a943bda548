import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OWNER_LOCK_FILE } from '../../../src/db/embedded-lock';

/**
 * One owner per embedded data folder (issue #9 item 10), with real processes: the server owns a
 * temporary EMBEDDED_DATA_DIR, the CLIs run while it serves and reach its database through the
 * address in the owner lock. These tests start their own processes on the embedded database
 * (DATABASE_URL unset), so they run the same in both test modes.
 */
const root = path.resolve(__dirname, '../../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ewl-owner-'));
const env = {
  ...process.env,
  DATABASE_URL: '',
  EMBEDDED_DATA_DIR: dataDir,
  SEED_DEMO_DATA: 'false',
  NODE_ENV: 'production',
};

interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runScript(script: string, args: readonly string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', script, ...args],
      { cwd: root, env, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

interface Server {
  readonly child: ChildProcess;
  readonly baseUrl: string;
}

/** Starts `src/server/main.ts` and resolves once it prints its GraphQL address; rejects with its output if it exits first. */
async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/server/main.ts'], {
    cwd: root,
    env: { ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    const match = /GraphQL API: (http:\/\/\S+)\/graphql/.exec(output);
    if (match) return { child, baseUrl: match[1]! };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start:\n${output}`);
}

async function stopServer(server: Server): Promise<number | null> {
  if (server.child.exitCode !== null) return server.child.exitCode;
  const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
  server.child.kill('SIGTERM');
  return exited;
}

function readLock(): { pid: number; url: string | null; role: string } {
  return JSON.parse(fs.readFileSync(path.join(dataDir, OWNER_LOCK_FILE), 'utf8'));
}

async function listKeyNames(
  baseUrl: string,
  token: string,
): Promise<{ status: number; names?: string[]; code?: unknown }> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ apiKeys { name } }' }),
  });
  const body = (await response.json()) as {
    data?: { apiKeys: { name: string }[] } | null;
    errors?: { extensions?: { code?: unknown } }[];
  };
  return {
    status: response.status,
    names: body.data?.apiKeys.map((k) => k.name),
    code: body.errors?.[0]?.extensions?.code,
  };
}

const TOKEN = /^ewl_[0-9a-f]{16}_\S{43}$/m;

describe('embedded database owner', () => {
  let server: Server | undefined;
  let token = '';

  beforeAll(async () => {
    server = await startServer();
  }, 160_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('holds the owner lock with its pid and the address it serves the database on', () => {
    const lock = readLock();
    expect(lock).toMatchObject({ pid: server!.child.pid, role: 'server' });
    expect(lock.url).toMatch(/^postgres:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres$/);
  });

  it('creates an API key with the CLI while the server runs, and the server accepts it at once', async () => {
    const created = await runScript('scripts/apikey.ts', ['create', '--name', 'while-running', '--scopes', 'admin']);
    expect(created).toMatchObject({ code: 0 });
    expect(created.stderr).toContain(`running server (pid ${server!.child.pid}`);
    token = TOKEN.exec(created.stdout)?.[0] ?? '';
    expect(token).not.toBe('');
    expect(await listKeyNames(server!.baseUrl, token)).toEqual({
      status: 200,
      names: ['while-running'],
      code: undefined,
    });
  }, 150_000);

  it('lists the key with the CLI while the server runs', async () => {
    const listed = await runScript('scripts/apikey.ts', ['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/while-running\s+admin\s+\(all\)\s+ACTIVE/);
  }, 150_000);

  it('refuses a second server on the same folder, naming the owner pid', async () => {
    const second = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/server/main.ts'], {
      cwd: root,
      env: { ...env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    second.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    second.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => second.once('exit', (c) => resolve(c)));
    expect(code).not.toBe(0);
    expect(output).toContain(`already open in process ${server!.child.pid} (server`);
    expect(readLock().pid).toBe(server!.child.pid);
    expect((await listKeyNames(server!.baseUrl, token)).status).toBe(200);
  }, 150_000);

  it('seed --reset without --yes changes nothing and says what it would delete', async () => {
    const seeded = await runScript('scripts/seed.ts', ['--experiments=12']);
    expect(seeded.code).toBe(0);
    const refused = await runScript('scripts/seed.ts', ['--reset']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^\s+experiment\s+12$/m);
    expect(refused.stderr).toContain(
      'API keys, the audit log and idempotency records are kept. Nothing was changed: add --yes',
    );
  }, 300_000);

  it('seed --reset --yes replaces the catalogue and keeps the API keys', async () => {
    const reset = await runScript('scripts/seed.ts', ['--reset', '--yes', '--experiments=7']);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('Inserted 7 experiments');
    expect(reset.stdout).toContain('Kept 1 API key(s).');
    expect(await listKeyNames(server!.baseUrl, token)).toEqual({
      status: 200,
      names: ['while-running'],
      code: undefined,
    });
  }, 300_000);

  it('removes its lock on shutdown; a lock left by a process that no longer runs is cleaned and the next start succeeds', async () => {
    expect(await stopServer(server!)).toBe(0);
    expect(fs.existsSync(path.join(dataDir, OWNER_LOCK_FILE))).toBe(false);
    const gone = spawn(process.execPath, ['-e', '0']);
    const deadPid = gone.pid!;
    await new Promise((resolve) => gone.once('exit', resolve));
    fs.writeFileSync(
      path.join(dataDir, OWNER_LOCK_FILE),
      JSON.stringify({
        pid: deadPid,
        url: 'postgres://postgres:postgres@127.0.0.1:1/postgres',
        startedAt: '2026-01-01T00:00:00Z',
        role: 'server',
      }),
    );
    server = await startServer();
    expect(readLock()).toMatchObject({ pid: server.child.pid, role: 'server' });
    expect(await listKeyNames(server.baseUrl, token)).toEqual({
      status: 200,
      names: ['while-running'],
      code: undefined,
    });
    expect(await stopServer(server)).toBe(0);
  }, 200_000);
});
