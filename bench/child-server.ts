import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import type http from 'node:http';
import inspector from 'node:inspector';
import path from 'node:path';

/** A server running in its own Node process (so the load generator does not share its event loop). */
export interface ChildServer {
  readonly url: string;
  readonly pid: number;
  /** Starts V8's CPU sampling profiler in the child (the profiler behind `node --cpu-prof`). */
  startProfile(): Promise<void>;
  /** Stops it and writes the `.cpuprofile` to `file`. */
  stopProfile(file: string): Promise<void>;
  /**
   * SQL statements the child's `pg` clients have sent so far (started with `countStatements`; NaN
   * otherwise).
   */
  readStatements(): Promise<number>;
  /** Asks the child to close and exit normally. */
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  /** Entry file under bench/ (`api-server.ts`, `floor-server.ts` or `postgraphile/server.mjs`). */
  readonly entry: string;
  /**
   * Another Node binary to run the entry with (PostGraphile's Node 22, bench/postgraphile/install.ts).
   * The entry is then plain JavaScript, run as it is, and counts its own statements when the
   * environment has BENCH_COUNT_STATEMENTS=1 (the preload below is built for this Node's server).
   */
  readonly execPath?: string;
  /**
   * Root of the checkout whose `bench/<entry>` runs, with its own `src/` and `tsconfig.json`,
   * compiled by `compiledRoot` (default: this checkout). See bench/baseline-checkout.ts.
   */
  readonly root?: string;
  /**
   * Count the child's SQL statements (bench/statement-count-preload.ts, loaded before the entry, so
   * it works for any checkout's server): read them with `readStatements`.
   */
  readonly countStatements?: boolean;
  readonly databaseUrl: string;
  readonly poolSize: number;
  /** Extra environment of the child (e.g. STATS_CACHE=off). */
  readonly env?: Record<string, string>;
}

/**
 * Node flags of every benchmarked server, the same as `npm start`'s: a 64 MB young generation
 * (semi-space) instead of V8's 16 MB default, so the short-lived objects of a large answer
 * (the 1,055-node heat map builds about 40,000 result fields) die in fewer, cheaper scavenges.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];

/** The compiled JavaScript of each checkout this run has compiled, by checkout root. */
const compiledRoots = new Map<string, string>();

/**
 * Compiles `root`'s src, bench and migrations with tsc (that checkout's tsconfig, as `npm start`'s
 * build does) into `<root>/dist/bench-build`, once per benchmark run (about 8 s), and returns that
 * folder, laid out like the checkout (its `bench/api-server.js` requires `../src/...`; packages
 * resolve from the checkout's node_modules above it).
 */
export function compiledRoot(root: string): string {
  const done = compiledRoots.get(root);
  if (done !== undefined) return done;
  const out = path.join(root, 'dist', 'bench-build');
  const config = path.join(root, 'dist', 'tsconfig.bench.json');
  fs.mkdirSync(path.dirname(config), { recursive: true });
  fs.writeFileSync(
    config,
    JSON.stringify({
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: false, rootDir: '..', outDir: 'bench-build', sourceMap: false, types: ['node'] },
      include: ['../src', '../bench', '../migrations'],
      exclude: ['../src/dashboard'],
    }),
  );
  fs.rmSync(out, { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', config], {
    cwd: root,
    stdio: 'inherit',
  });
  compiledRoots.set(root, out);
  return out;
}

/**
 * Forks `node <root>/dist/bench-build/bench/<entry>.js`: the server compiled as `npm start` runs it
 * (`compiledRoot`), not through ts-node, whose require hook loads Node's `domain` module (every
 * EventEmitter emit then passes through it) and keeps transpiling in the measured process (the team
 * page Q2 cost the server 8.4 ms of CPU under ts-node, 6.3 compiled). Run in `root`, with
 * NODE_ENV=production; waits for the child to report its port over IPC. With `execPath`:
 * `<execPath> bench/<entry>` as it is (plain JavaScript), the same flags and protocol.
 */
export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const root = options.root ?? path.join(__dirname, '..');
  const own = path.join(__dirname, '..');
  const preload = options.countStatements
    ? ['-r', path.join(compiledRoot(own), 'bench', 'statement-count-preload.js')]
    : [];
  const entry = options.execPath
    ? path.join(root, 'bench', options.entry)
    : path.join(compiledRoot(root), 'bench', options.entry.replace(/\.ts$/, '.js'));
  const child = fork(entry, [], {
    cwd: root,
    ...(options.execPath
      ? { execPath: options.execPath, execArgv: [...SERVER_NODE_FLAGS] }
      : { execArgv: [...SERVER_NODE_FLAGS, ...preload] }),
    env: {
      ...process.env,
      ...options.env,
      ...(options.execPath && options.countStatements ? { BENCH_COUNT_STATEMENTS: '1' } : {}),
      NODE_ENV: 'production',
      BENCH_CHILD_DATABASE_URL: options.databaseUrl,
      BENCH_CHILD_POOL_SIZE: String(options.poolSize),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${options.entry} did not start within 60 s`)), 60_000);
    child.once('message', (message: { port?: number }) => {
      clearTimeout(timer);
      if (typeof message.port === 'number') resolve(message.port);
      else reject(new Error(`${options.entry} sent ${JSON.stringify(message)}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.entry} exited with ${code} before listening`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    startProfile: () => ask(child, { profile: 'start' }),
    stopProfile: (file) => ask(child, { profile: 'stop', file }),
    readStatements: () => (options.countStatements ? readStatementCount(child) : Promise.resolve(Number.NaN)),
    stop: () => stopChild(child),
  };
}

/** Sends a message and waits for the child's `{ done: true }`. */
function ask(child: ChildProcess, message: { profile: 'start' | 'stop'; file?: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: { done?: boolean; error?: string }) => {
      child.off('message', onMessage);
      if (reply.done) resolve();
      else reject(new Error(reply.error ?? JSON.stringify(reply)));
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

/** The IPC message that asks bench/statement-count-preload.ts for its count. */
export const STATEMENT_COUNT_REQUEST = 'statement-count';

/** Asks the child's statement-count preload for its count (a string message: `serveUntilStopped` ignores it). */
function readStatementCount(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (reply: { statements?: number }) => {
      if (typeof reply?.statements !== 'number') return;
      child.off('message', onMessage);
      resolve(reply.statements);
    };
    child.on('message', onMessage);
    child.send(STATEMENT_COUNT_REQUEST);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.send('stop');
  });
}

/** Child side: the database settings the parent passed. */
export function childDatabaseSettings(): { url: string; poolSize: number } {
  const url = process.env.BENCH_CHILD_DATABASE_URL;
  if (!url)
    throw new Error(
      'BENCH_CHILD_DATABASE_URL is not set: this file is started by the benchmark (bench/child-server.ts)',
    );
  return { url, poolSize: Number(process.env.BENCH_CHILD_POOL_SIZE ?? 10) };
}

/** Child side: listens on a free loopback port, reports it, and on "stop" closes, cleans up and exits 0. */
export function serveUntilStopped(server: http.Server, cleanup: () => Promise<void>): void {
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : -1 });
  });
  const session = new inspector.Session();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) => {
      session.post(method, (error, result) => (error ? reject(error) : resolve(result)));
    });
  process.on('message', (message: 'stop' | { profile: 'start' | 'stop'; file?: string }) => {
    if (typeof message === 'object') {
      const work =
        message.profile === 'start'
          ? (session.connect(), post('Profiler.enable').then(() => post('Profiler.start')))
          : post('Profiler.stop').then((result) => {
              fs.writeFileSync(message.file!, JSON.stringify((result as { profile: unknown }).profile));
              session.disconnect();
            });
      work.then(
        () => process.send?.({ done: true }),
        (error: unknown) => process.send?.({ error: String(error) }),
      );
      return;
    }
    if (message !== 'stop') return;
    server.close();
    server.closeAllConnections();
    // Requests the load generator abandoned at the end of its run may still be running: let them finish.
    setTimeout(() => {
      cleanup().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    }, 2_000);
  });
  process.on('disconnect', () => process.exit(0));
}
