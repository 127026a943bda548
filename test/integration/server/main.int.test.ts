import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/**
 * Starts the real server process as the README's first command does and talks to it over HTTP.
 * In the embedded test mode it runs on a fresh embedded database (the quick start); against
 * PostgreSQL it gets a database of its own on that server, created and dropped here.
 */
describe('server main', () => {
  let child: ChildProcess;
  let baseUrl = '';
  let output = '';
  let serverDatabase: { admin: string; name: string } | undefined;
  let serverDatabaseUrl = '';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ewl-server-'));

  beforeAll(async () => {
    const root = path.resolve(__dirname, '../../..');
    let databaseUrl = '';
    if (process.env.TEST_DATABASE_MODE === 'postgres') {
      serverDatabase = { admin: process.env.DATABASE_URL!, name: `ewl_server_${Date.now()}_${process.pid}` };
      const client = new Client({ connectionString: serverDatabase.admin });
      await client.connect();
      await client.query(`CREATE DATABASE ${serverDatabase.name}`);
      await client.end();
      const url = new URL(serverDatabase.admin);
      url.pathname = `/${serverDatabase.name}`;
      databaseUrl = url.toString();
      serverDatabaseUrl = databaseUrl;
    }
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/server/main.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', EMBEDDED_DATA_DIR: dataDir, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const match = /GraphQL API: (http:\/\/\S+)\/graphql/.exec(output);
      if (match) {
        baseUrl = match[1]!;
        return;
      }
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`server did not start:\n${output}`);
  }, 130_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (serverDatabase) {
      const client = new Client({ connectionString: serverDatabase.admin });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${serverDatabase.name} WITH (FORCE)`);
      await client.end();
    }
  });

  it('answers the readiness check', async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
  });

  /**
   * Against PostgreSQL anonymous reads are off by default: the test makes a read key with the real
   * CLI (`npm run apikey -- create`) on the server's database, as the README tells an operator to.
   */
  async function readHeaders(): Promise<Record<string, string>> {
    if (!serverDatabase) return {};
    const root = path.resolve(__dirname, '../../..');
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [
          '-r',
          'ts-node/register/transpile-only',
          'scripts/apikey.ts',
          'create',
          '--name',
          'server-test',
          '--scopes',
          'read',
        ],
        { cwd: root, env: { ...process.env, DATABASE_URL: serverDatabaseUrl } },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
      );
    });
    const token = /^ewl_[0-9a-f]{16}_\S{43}$/m.exec(stdout)?.[0];
    expect(token).toBeDefined();
    return { authorization: `Bearer ${token}` };
  }

  it('allows anonymous reads on the embedded demo database and refuses them against DATABASE_URL', async () => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ metrics { key } }' }),
    });
    const body = (await response.json()) as {
      data: unknown;
      errors?: Array<{ extensions: { code: string; reason: string } }>;
    };
    if (serverDatabase)
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'MISSING_API_KEY' });
    else expect(body.errors).toBeUndefined();
  });

  it('serves the demo portfolio over GraphQL', async () => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await readHeaders()) },
      body: JSON.stringify({ query: '{ orgNodes { key kind } experiments(first: 1) { totalCount } }' }),
    });
    const body = (await response.json()) as {
      data: { orgNodes: { kind: string }[]; experiments: { totalCount: number } };
    };
    expect(body.data.experiments.totalCount).toBeGreaterThanOrEqual(500);
    expect(body.data.orgNodes.length).toBeGreaterThanOrEqual(25);
  });

  it('serves an offline sandbox page whose scripts come from this server', async () => {
    const page = await fetch(`${baseUrl}/graphql`, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    // Subscriptions run over the WebSocket of the same path.
    expect(html).toContain('GraphiQL.createFetcher({ url: endpoint, subscriptionUrl })');
    const scripts = [...html.matchAll(/src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src.startsWith('/')).toBe(true);
      const asset = await fetch(`${baseUrl}${src}`);
      expect(asset.status).toBe(200);
    }
  });

  it('returns a JSON 404 for unknown paths', async () => {
    const response = await fetch(`${baseUrl}/nope`);
    expect(response.status).toBe(404);
  });

  // Last: it stops the server. NODE_ENV=production, where Apollo would install signal handlers of its own.
  it('shuts down cleanly on SIGTERM (exit code 0)', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise<string>((resolve) => setTimeout(() => resolve('still running after 15 s'), 15_000)),
    ]);
    expect(code).toBe(0);
  });
});
