import { type ChildProcess, execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { migrations } from '../../../migrations';
import { createDataSource } from '../../../src/db/data-source';
import { MIGRATION_LOCK_KEY, runMigrationsLocked } from '../../../src/db/migrate';
import { experimentInput } from '../fixtures/write-fixtures';
import { type GraphQLResult, operation } from '../helpers';

// Issue #9 item 13: two server processes on one PostgreSQL database, as behind a load balancer.
// They start at the same moment on an empty database (migrations are serialised by an advisory
// lock), a write goes through one, and the other's roll-ups and whole-answer cache are fresh at
// once (both caches are keyed by the data version the database bumps in every write transaction).
//
// The replicas themselves need PostgreSQL: the embedded database belongs to one process (PGlite
// serves one), so replicas are a PostgreSQL deployment and that describe registers only there.
// The migration lock they rely on is checked in both modes.

const ROOT = path.resolve(__dirname, '../../..');
const STATS = `query Stats { orgNode(key: "acme") { key stats { pending concluded } children { key stats { pending } } } }`;

interface Replica {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  output: string;
}

function startReplica(databaseUrl: string): Promise<Replica> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', SEED_DEMO_DATA: 'false', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      const match = /GraphQL API: (http:\/\/\S+)\/graphql/.exec(output);
      if (match) {
        clearInterval(poll);
        const replica = { child, baseUrl: match[1]!, output };
        child.stdout!.on('data', (d: Buffer) => (replica.output += d.toString()));
        resolve(replica);
      } else if (child.exitCode !== null) {
        clearInterval(poll);
        reject(new Error(`replica exited:\n${output}`));
      }
    }, 200);
  });
}

function createAdminKey(databaseUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        'scripts/apikey.ts',
        'create',
        '--name',
        'replicas',
        '--scopes',
        'admin',
      ],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } },
      (error, out, err) => {
        const token = /^ewl_[0-9a-f]{16}_\S{43}$/m.exec(out)?.[0];
        if (error || !token) reject(new Error(`apikey create failed: ${error?.message}\n${out}\n${err}`));
        else resolve(token);
      },
    );
  });
}

describe('runMigrationsLocked', () => {
  it('finds nothing to apply on a migrated database and leaves no advisory lock held', async () => {
    const dataSource = createDataSource({ url: process.env.TEST_DATABASE_URL!, poolSize: 1 });
    await dataSource.initialize();
    try {
      expect(await runMigrationsLocked(dataSource)).toEqual([]);
      const held = await dataSource.query(
        // Advisory locks belong to a database; other test workers migrate their own databases meanwhile.
        `SELECT count(*)::int AS n FROM pg_locks
         WHERE locktype = 'advisory' AND objid = $1
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [MIGRATION_LOCK_KEY],
      );
      expect(held[0].n).toBe(0);
      const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM schema_migration');
      expect(n).toBe(migrations.length);
    } finally {
      await dataSource.destroy();
    }
  });
});

if (process.env.TEST_DATABASE_MODE === 'postgres') {
  describe('two replicas on one PostgreSQL database', () => {
    const admin = process.env.DATABASE_URL!;
    const name = `ewl_replicas_${Date.now()}_${process.pid}`;
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    let a: Replica;
    let b: Replica;
    let token = '';

    async function post<T = Record<string, unknown>>(
      replica: Replica,
      query: string,
      variables?: Record<string, unknown>,
    ): Promise<GraphQLResult<T>> {
      const response = await fetch(`${replica.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const result = (await response.json()) as GraphQLResult<T>;
      if (result.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(result.errors)}`);
      return result;
    }

    const mutate = async (replica: Replica, file: string, input: Record<string, unknown>) =>
      Object.values((await post(replica, operation(file), { input })).data!)[0] as { id: string };

    type Stats = { orgNode: { stats: { pending: number }; children: { key: string; stats: { pending: number } }[] } };
    const pending = async (replica: Replica) => {
      const { orgNode } = (await post<Stats>(replica, STATS)).data!;
      return {
        acme: orgNode.stats.pending,
        ...Object.fromEntries(orgNode.children.map((c) => [c.key, c.stats.pending])),
      };
    };

    beforeAll(async () => {
      const client = new Client({ connectionString: admin });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      // Both at once on the empty database: one migrates under the advisory lock, the other waits and finds nothing to do.
      [a, b] = await Promise.all([startReplica(databaseUrl), startReplica(databaseUrl)]);
      token = await createAdminKey(databaseUrl);
    }, 180_000);

    afterAll(async () => {
      for (const replica of [a, b]) if (replica && replica.child.exitCode === null) replica.child.kill('SIGKILL');
      const client = new Client({ connectionString: admin });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    });

    it('both start on an empty database at once, and every migration is applied exactly once', async () => {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT name, count(*)::int AS n FROM schema_migration GROUP BY name');
        expect(rows).toHaveLength(migrations.length);
        for (const row of rows) expect(row.n).toBe(1);
      } finally {
        await client.end();
      }
    });

    it('answers roll-ups on one replica fresh at once after a write through the other', async () => {
      await mutate(a, 'mutation-create-org-node', { key: 'acme', name: 'Acme', kind: 'company' });
      await mutate(a, 'mutation-create-org-node', {
        key: 'search',
        name: 'Search',
        kind: 'department',
        parentKey: 'acme',
      });
      for (const key of ['conv', 'revenue', 'ctr']) {
        await mutate(a, 'mutation-create-metric', {
          key,
          name: key,
          type: key === 'conv' ? 'BINARY' : key === 'ctr' ? 'RATIO' : 'CONTINUOUS',
          preferredDirection: 'INCREASE',
        });
      }
      // B answers (and caches: roll-ups and the whole answer of this stats-only query) before the writes.
      expect(await pending(b)).toEqual({ acme: 0, search: 0 });
      expect(await pending(b)).toEqual({ acme: 0, search: 0 });

      const first = await mutate(
        a,
        'mutation-create-experiment',
        experimentInput({ key: 'exp-1', ownerNodeKey: 'search' }),
      );
      await mutate(a, 'mutation-transition-experiment', {
        id: first.id,
        to: 'RUNNING',
        at: '2025-01-01T00:00:00.000Z',
      });
      expect(await pending(b)).toEqual({ acme: 1, search: 1 });

      const second = await mutate(
        b,
        'mutation-create-experiment',
        experimentInput({ key: 'exp-2', ownerNodeKey: 'acme' }),
      );
      await mutate(b, 'mutation-transition-experiment', {
        id: second.id,
        to: 'RUNNING',
        at: '2025-02-01T00:00:00.000Z',
      });
      expect(await pending(a)).toEqual({ acme: 2, search: 1 });
      expect(await pending(b)).toEqual({ acme: 2, search: 1 });
    });
  });
}
