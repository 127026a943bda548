import net from 'node:net';
import { type PGlite } from '@electric-sql/pglite';

/**
 * Serves one PGlite instance (one single-user PostgreSQL session) to several `pg` clients over the
 * wire protocol on loopback. Each client's messages are cut into rounds: a simple Query, or the
 * extended-protocol messages up to and including Sync (or Flush). A round runs whole on PGlite,
 * never interleaved with another client's messages, however the client's bytes were split into TCP
 * reads; a client inside a transaction (BEGIN until COMMIT/ROLLBACK) or an unfinished extended
 * round (Flush) keeps the session until it leaves it, while the others wait in arrival order.
 * A client that disconnects inside a transaction has it rolled back.
 *
 * (`@electric-sql/pglite-socket` queues single messages, so a large Bind split over two reads lets
 * another client's Parse replace the unnamed statement in between.)
 */
export interface EmbeddedWireServer {
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Messages that end a round: Sync, simple Query, Flush. */
const ROUND_END = new Set(['S', 'Q', 'H']);
const SYNC = Uint8Array.from([0x53, 0, 0, 0, 4]);

/** Hands the session to one client at a time, in arrival order. */
class SessionGate {
  private owner: number | null = null;
  private readonly waiting: Array<{ client: number; grant: () => void }> = [];

  async acquire(client: number): Promise<void> {
    if (this.owner === null || this.owner === client) {
      this.owner = client;
      return;
    }
    await new Promise<void>((grant) => this.waiting.push({ client, grant }));
  }

  holds(client: number): boolean {
    return this.owner === client;
  }

  release(client: number): void {
    if (this.owner !== client) return;
    const next = this.waiting.shift();
    this.owner = next?.client ?? null;
    next?.grant();
  }
}

/**
 * Starts the server on 127.0.0.1 (`port` 0: a free one).
 * @param options.maxConnections client connections accepted at once; more are closed at connect.
 */
export async function startEmbeddedWireServer(
  db: PGlite,
  options: { port?: number; maxConnections: number },
): Promise<EmbeddedWireServer> {
  const gate = new SessionGate();
  const sockets = new Set<net.Socket>();
  let nextClient = 1;

  const run = (message: Uint8Array, socket: net.Socket) =>
    db.runExclusive(() =>
      db.execProtocolRawStream(message, {
        onRawData: (data) => {
          if (!socket.destroyed) socket.write(data);
        },
      }),
    );

  const server = net.createServer((socket) => {
    const client = nextClient++;
    sockets.add(socket);
    socket.setNoDelay(true);
    let buffer: Buffer = Buffer.alloc(0);
    let started = false;
    let round: Buffer[] = [];
    let closed = false;
    // Rounds of one client run one after the other, in order.
    let chain: Promise<void> = Promise.resolve();

    const runRound = (messages: Buffer[], keepSession: boolean) => async () => {
      await gate.acquire(client);
      try {
        for (const message of messages) if (!closed) await run(message, socket);
      } finally {
        if (closed || (!keepSession && !db.isInTransaction())) await leave();
      }
    };
    const leave = async () => {
      if (!gate.holds(client)) return;
      try {
        if (closed) {
          await run(SYNC, socket);
          if (db.isInTransaction()) await db.exec('ROLLBACK');
        }
      } finally {
        gate.release(client);
      }
    };
    const fail = (error: unknown) => {
      socket.destroy(error instanceof Error ? error : undefined);
    };

    socket.on('data', (data: Buffer) => {
      buffer = buffer.length === 0 ? data : Buffer.concat([buffer, data]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          const code = buffer.readInt32BE(4);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            socket.write('N');
            buffer = buffer.subarray(8);
            continue;
          }
          if (code === CANCEL_REQUEST) {
            socket.end();
            return;
          }
          if (buffer.length < length) return;
          const startup = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          started = true;
          chain = chain.then(runRound([startup], false)).catch(fail);
          continue;
        }
        if (buffer.length < 5) return;
        const end = 1 + buffer.readInt32BE(1);
        if (buffer.length < end) return;
        const type = String.fromCharCode(buffer[0]!);
        const message = buffer.subarray(0, end);
        buffer = buffer.subarray(end);
        if (type === 'X') {
          socket.end();
          return;
        }
        round.push(message);
        if (ROUND_END.has(type)) {
          chain = chain.then(runRound(round, type === 'H')).catch(fail);
          round = [];
        }
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      sockets.delete(socket);
      chain = chain.then(leave).catch(() => undefined);
    });
  });
  server.maxConnections = options.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  return {
    host: '127.0.0.1',
    port: address.port,
    async stop() {
      const closedServer = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closedServer;
    },
  };
}
