import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';

/**
 * The embedded wire server shares one PGlite session between several clients (issue #9 item 10):
 * rounds are never interleaved, a transaction holds the session until it ends, and a client that
 * disconnects inside one has it rolled back. Runs on its own in-memory PGlite (in a child process:
 * see fixtures/serve-memory-pglite.ts) in both test modes.
 */
function message(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length + 4);
  return Buffer.concat([Buffer.from(type), length, body]);
}
const cstring = (s: string) => Buffer.concat([Buffer.from(s), Buffer.from([0])]);
const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

/** A raw protocol client, to send a round in pieces as TCP may deliver it. */
async function rawClient(
  port: number,
): Promise<{ socket: net.Socket; received: () => string; waitFor: (text: string) => Promise<void> }> {
  const socket = net.connect(port, '127.0.0.1');
  let received = Buffer.alloc(0);
  socket.on('data', (d: Buffer) => (received = Buffer.concat([received, d])));
  await new Promise((resolve) => socket.once('connect', resolve));
  const read = () => received.toString('latin1');
  const waitFor = async (text: string) => {
    while (!read().includes(text)) await new Promise((resolve) => setTimeout(resolve, 10));
  };
  const body = Buffer.concat([
    int32(196608),
    cstring('user'),
    cstring('postgres'),
    cstring('database'),
    cstring('postgres'),
    Buffer.from([0]),
  ]);
  socket.write(Buffer.concat([int32(body.length + 4), body]));
  await waitFor('Z\u0000\u0000\u0000\u0005I');
  received = Buffer.alloc(0);
  return { socket, received: read, waitFor };
}

describe('startEmbeddedWireServer', () => {
  let child: ChildProcess;
  let url = '';
  let port = 0;
  const clients: Client[] = [];

  async function connect(): Promise<Client> {
    const client = new Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', path.join(__dirname, '../fixtures/serve-memory-pglite.ts')],
      {
        cwd: path.resolve(__dirname, '../../..'),
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
        const match = /^URL (\S+)$/m.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`PGlite server exited with ${code}: ${output}`)));
    });
    port = Number(new URL(url).port);
    const setup = await connect();
    await setup.query('CREATE TABLE wire_test (id int)');
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
  });
  afterAll(async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });

  it('runs a round that arrives in pieces whole, even when another client queries in between', async () => {
    const raw = await rawClient(port);
    raw.socket.write(message('P', Buffer.concat([cstring(''), cstring('SELECT $1::int AS a'), int16(0)])));
    const other = await connect();
    const { rows } = await other.query('SELECT $1::text AS b, $2::text AS c', ['x', 'y']);
    expect(rows).toEqual([{ b: 'x', c: 'y' }]);
    const value = Buffer.from('42');
    raw.socket.write(
      Buffer.concat([
        message(
          'B',
          Buffer.concat([cstring(''), cstring(''), int16(0), int16(1), int32(value.length), value, int16(0)]),
        ),
        message('E', Buffer.concat([cstring(''), int32(0)])),
        message('S', Buffer.alloc(0)),
      ]),
    );
    await raw.waitFor('Z\u0000\u0000\u0000\u0005I');
    expect(raw.received()).not.toContain('ERROR');
    expect(raw.received()).toContain('\u0000\u0000\u0000\u000242C');
    raw.socket.destroy();
  });

  it('answers every client its own rows under concurrent parameterised queries', async () => {
    const [a, b, c] = await Promise.all([connect(), connect(), connect()]);
    const wrong: unknown[] = [];
    await Promise.all(
      [a!, b!, c!].map(async (client, n) => {
        for (let i = 0; i < 100; i += 1) {
          const { rows } = await client.query(`SELECT $1::int AS i, $2::text AS who${', 0 AS pad'.repeat(n)}`, [
            i,
            `c${n}`,
          ]);
          if (rows[0].i !== i || rows[0].who !== `c${n}`) wrong.push(rows[0]);
        }
      }),
    );
    expect(wrong).toEqual([]);
  });

  it('lets a client inside a transaction finish before another client runs', async () => {
    const [writer, reader] = await Promise.all([connect(), connect()]);
    const events: string[] = [];
    await writer.query('BEGIN');
    await writer.query('INSERT INTO wire_test VALUES (1)');
    const read = reader.query('SELECT count(*)::int AS n FROM wire_test').then((r) => {
      events.push('read');
      return r.rows[0].n as number;
    });
    await writer.query('INSERT INTO wire_test VALUES (2)');
    events.push('commit');
    await writer.query('COMMIT');
    expect(await read).toBe(2);
    expect(events).toEqual(['commit', 'read']);
    await writer.query('DELETE FROM wire_test');
  });

  it('rolls back the transaction of a client that disconnects inside it, and serves the others', async () => {
    const reader = await connect();
    const raw = await rawClient(port);
    raw.socket.write(message('Q', cstring('BEGIN; INSERT INTO wire_test VALUES (7);')));
    await raw.waitFor('Z\u0000\u0000\u0000\u0005T');
    const read = reader.query('SELECT count(*)::int AS n FROM wire_test');
    raw.socket.destroy();
    expect((await read).rows).toEqual([{ n: 0 }]);
  });
});
