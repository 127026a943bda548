import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/**
 * SIGTERM under load against the real server process: requests in flight finish and are answered,
 * their connections are not reset, every write a client saw acknowledged is in the database, and
 * the process exits 0. Runs on a database of its own (a fresh embedded folder, or a fresh
 * PostgreSQL database in the postgres mode).
 */
interface Answer {
  status: number;
  body: {
    data?: { importExperiments?: { created: number; items: Array<{ externalId: string; outcome: string }> } };
    errors?: Array<{ message: string; extensions: { code: string } }>;
  };
  at: number;
}

describe('graceful shutdown', () => {
  const root = path.resolve(__dirname, '../../..');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ewl-shutdown-'));
  let serverDatabase: { admin: string; name: string; url: string } | undefined;
  let child: ChildProcess | undefined;

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (serverDatabase) {
      const client = new Client({ connectionString: serverDatabase.admin });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${serverDatabase.name} WITH (FORCE)`);
      await client.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * Runs `work` (the body of an async function given `dataSource`) on the server's database in a
   * child process, before the server starts and after it exited (PGlite opens a data folder only
   * outside Jest's module sandbox). Resolves to what the function returns.
   */
  function onServerDatabase(work: string): Promise<unknown> {
    const script = `require('reflect-metadata');
      const { openDatabase } = require('./src/db/database');
      const { runApiKeyCli } = require('./src/server/api-key-cli');
      (async () => {
        const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, embeddedDataDir: process.env.EMBEDDED_DATA_DIR, poolSize: 1, migrate: true });
        try { const dataSource = db.dataSource; const result = await (async () => { ${work} })(); process.stdout.write('\\n' + JSON.stringify(result)); }
        finally { await db.close(); }
      })().catch((error) => { console.error(error); process.exit(1); });`;
    return new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', '-e', script],
        { cwd: root, env: { ...process.env, DATABASE_URL: serverDatabase?.url ?? '', EMBEDDED_DATA_DIR: dataDir } },
        (error, out, err) =>
          error ? reject(new Error(`${error.message}\n${err}`)) : resolve(JSON.parse(out.trim().split('\n').pop()!)),
      );
    });
  }

  it('finishes the requests in flight, loses no acknowledged write and exits 0', async () => {
    if (process.env.TEST_DATABASE_MODE === 'postgres') {
      const name = `ewl_shutdown_${Date.now()}_${process.pid}`;
      const client = new Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name}`;
      serverDatabase = { admin: process.env.DATABASE_URL!, name, url: url.toString() };
    }
    const lines = await onServerDatabase(`const lines = [];
      await runApiKeyCli(['create', '--name', 'loader', '--scopes', 'read,write:catalogue'], dataSource, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
      return lines;`);
    const token = /ewl_[0-9a-f]{16}_\S{43}/.exec((lines as string[]).join('\n'))?.[0];
    expect(token).toBeDefined();

    let output = '';
    child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/server/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: serverDatabase?.url ?? '',
        PORT: '0',
        EMBEDDED_DATA_DIR: dataDir,
        SEED_DEMO_DATA: 'false',
        NODE_ENV: 'production',
        SHUTDOWN_TIMEOUT_MS: '30000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    let baseUrl = '';
    for (const deadline = Date.now() + 120_000; !baseUrl && Date.now() < deadline && child.exitCode === null;) {
      baseUrl = /GraphQL API: (http:\/\/\S+)\/graphql/.exec(output)?.[1] ?? '';
      if (!baseUrl) await new Promise((r) => setTimeout(r, 100));
    }
    if (!baseUrl) throw new Error(`server did not start:\n${output}`);

    const gql = (query: string, variables?: Record<string, unknown>) =>
      fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
    const team = await gql('mutation { createOrgNode(input: { key: "team", name: "Team", kind: "team" }) { id } }');
    expect(((await team.json()) as { errors?: unknown }).errors).toBeUndefined();

    // 20 concurrent requests: 12 imports (slow) of 40 experiments each (one transaction per request) and 8 reads.
    const importQuery =
      'mutation($input: ImportExperimentsInput!) { importExperiments(input: $input) { created items { externalId outcome } } }';
    const requests = Array.from({ length: 20 }, async (_, i) => {
      const response =
        i % 5 < 3
          ? await gql(importQuery, {
              input: {
                source: 'load',
                items: Array.from({ length: 40 }, (__, j) => ({
                  externalId: `r${i}-${j}`,
                  title: `Load ${i}/${j}`,
                  ownerNodeKey: 'team',
                  variants: [
                    { key: 'a', name: 'A', isControl: true, plannedWeight: 1 },
                    { key: 'b', name: 'B', isControl: false, plannedWeight: 1 },
                  ],
                })),
              },
            })
          : await gql('{ experiments(first: 100) { totalCount edges { node { key analysis { category } } } } }');
      return { status: response.status, body: (await response.json()) as Answer['body'], at: Date.now() };
    });
    // The signal goes when the first answer arrives: the server is busy with the others by then.
    await Promise.race(requests);
    const signalledAt = Date.now();
    child.kill('SIGTERM');

    const settled = await Promise.allSettled(requests);
    const failures = settled
      .filter((s) => s.status === 'rejected')
      .map((s) => String((s as PromiseRejectedResult).reason?.cause ?? (s as PromiseRejectedResult).reason));
    expect(failures).toEqual([]);
    const answers = settled.map((s) => (s as PromiseFulfilledResult<Answer>).value);
    // Each request is answered: executed (200), or, when it reached the server after the signal, refused with a retryable 503.
    for (const answer of answers) {
      if (answer.status === 200) expect(answer.body.errors).toBeUndefined();
      else
        expect({ status: answer.status, code: answer.body.errors?.[0]?.extensions.code }).toEqual({
          status: 503,
          code: 'SERVICE_UNAVAILABLE',
        });
    }
    // The signal came while requests were still being executed (the drain was exercised).
    expect(answers.some((a) => a.status === 200 && a.at > signalledAt)).toBe(true);
    expect(await exited).toBe(0);

    const imports = answers.filter((a) => a.body.data?.importExperiments);
    const acknowledged = imports
      .flatMap((a) => a.body.data!.importExperiments!.items)
      .filter((item) => item.outcome === 'CREATED')
      .map((item) => item.externalId);
    expect(imports.length).toBeGreaterThan(0);
    expect(acknowledged).toHaveLength(imports.length * 40);
    const stored = (await onServerDatabase(
      "return dataSource.query(`SELECT external_id FROM experiment WHERE external_source = 'load'`);",
    )) as Array<{ external_id: string }>;
    expect(new Set(stored.map((row) => row.external_id))).toEqual(new Set(acknowledged));
    expect(output).toMatch(/SIGTERM: shutting down/);
  }, 240_000);
});
