import { spawn } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { createDataSource } from '../../../src/db/data-source';

/**
 * Every connection runs with TimeZone=UTC (src/db/session-time-zone.ts): the pool's connections to
 * a PostgreSQL server, whatever the server's or the database's default, and the embedded
 * database's one session. The SQL forms of the EwL rules and the UTC calendar months do not
 * depend on it, but nothing else that reads the session's zone (a `::date`, an interval with days)
 * may see another one.
 */
const url = () => process.env.TEST_DATABASE_URL!;
const postgres = process.env.TEST_DATABASE_MODE === 'postgres';
const OTHER_ZONE = 'America/New_York';

async function sessionZones(dataSource: ReturnType<typeof createDataSource>, connections: number): Promise<string[]> {
  // Held open together, so that each statement runs on its own pooled connection.
  const runners = Array.from({ length: connections }, () => dataSource.createQueryRunner());
  try {
    return await Promise.all(
      runners.map(async (runner) => {
        await runner.connect();
        const [row] = await runner.query('SHOW TimeZone');
        return row.TimeZone as string;
      }),
    );
  } finally {
    await Promise.all(runners.map((runner) => runner.release()));
  }
}

async function withEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('session time zone', () => {
  it('is UTC on every pooled connection, even when the database default and PGTZ say otherwise', async () => {
    const database = decodeURIComponent(new URL(url()).pathname.slice(1));
    const admin = new Client({ connectionString: url() });
    await admin.connect();
    try {
      if (postgres) {
        await admin.query(`ALTER DATABASE "${database}" SET TimeZone = '${OTHER_ZONE}'`);
        // A connection without the pool's startup parameter gets the database's default.
        const plain = new Client({ connectionString: url() });
        await plain.connect();
        const [{ TimeZone: plainZone }] = (await plain.query('SHOW TimeZone')).rows;
        await plain.end();
        expect(plainZone).toBe(OTHER_ZONE);
      }
      const zones = await withEnv({ PGTZ: OTHER_ZONE, TZ: OTHER_ZONE }, async () => {
        const dataSource = createDataSource({ url: url(), poolSize: postgres ? 3 : 1 });
        await dataSource.initialize();
        try {
          return await sessionZones(dataSource, postgres ? 3 : 1);
        } finally {
          await dataSource.destroy();
        }
      });
      expect(zones).toEqual(postgres ? ['UTC', 'UTC', 'UTC'] : ['UTC']);
    } finally {
      if (postgres) await admin.query(`ALTER DATABASE "${database}" RESET TimeZone`);
      await admin.end();
    }
  });

  it("is UTC when the URL's own options parameter sets another zone; the URL's other options still apply", async () => {
    const withOptions = new URL(url());
    withOptions.searchParams.set('options', `-c TimeZone=${OTHER_ZONE} -c work_mem=8MB`);
    const dataSource = createDataSource({ url: withOptions.toString(), poolSize: 1 });
    await dataSource.initialize();
    try {
      expect(await sessionZones(dataSource, 1)).toEqual(['UTC']);
      const [row] = await dataSource.query('SHOW work_mem');
      // PGlite ignores startup parameters altogether; a PostgreSQL server applies the URL's.
      expect(row.work_mem).toBe(postgres ? '8MB' : '4MB');
    } finally {
      await dataSource.destroy();
    }
  });

  it('is UTC on the embedded database, started in a process whose PGTZ and TZ say otherwise', async () => {
    // PGlite's WASM cannot load in Jest's module sandbox: the embedded server runs in a child process.
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', path.join(__dirname, '../fixtures/serve-memory-pglite.ts')],
      {
        cwd: path.resolve(__dirname, '../../..'),
        env: { ...process.env, PGTZ: OTHER_ZONE, TZ: OTHER_ZONE },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      let output = '';
      const embeddedUrl = await new Promise<string>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => {
          output += d.toString();
          const match = /^URL (\S+)$/m.exec(output);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`PGlite server exited with ${code}: ${output}`)));
      });
      const dataSource = createDataSource({ url: embeddedUrl, poolSize: 1 });
      await dataSource.initialize();
      try {
        expect(await sessionZones(dataSource, 1)).toEqual(['UTC']);
        // A day of interval arithmetic is 24 hours, across the zone's daylight-saving change too.
        const [row] = await dataSource.query(
          `SELECT extract(epoch FROM ('2026-03-08T00:00:00Z'::timestamptz + interval '1 day') - '2026-03-08T00:00:00Z'::timestamptz) AS seconds`,
        );
        expect(Number(row.seconds)).toBe(86_400);
      } finally {
        await dataSource.destroy();
      }
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    // Starting a child process with ts-node and PGlite takes tens of seconds on a loaded machine.
  }, 180_000);
});
