import { type DataSource } from 'typeorm';
import {
  type BadLine,
  IMPORT_POOL_SIZE,
  importNdjsonFile,
  type NdjsonImportProgress,
} from '../src/app/import/ndjson-import';
import { MAX_IMPORT_ITEMS } from '../src/domain/import/import-item';
import { openCliDatabase } from '../src/server/cli-database';

export const USAGE = `Usage: npm run import -- FILE [--batch N] [--source NAME]
  FILE          NDJSON: one experiment per line, shaped like an importExperiments item
  --batch N     lines per transaction, 1-${MAX_IMPORT_ITEMS} (default ${MAX_IMPORT_ITEMS})
  --source NAME source of the lines that name none`;

/** Where the command writes; a TTY on stderr gets a progress bar, anything else a line every PLAIN_EVERY batches. */
export interface ImportCommandIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  /** Use this database instead of opening the configured one (tests). */
  readonly dataSource?: DataSource;
}

interface ImportArgs {
  readonly file: string;
  readonly batchSize: number;
  readonly source: string | null;
}

/** Batches between two plain progress lines when stderr is not a terminal. */
const PLAIN_EVERY = 10;
const BAR_WIDTH = 30;

class UsageError extends Error {}

/** @throws UsageError naming the bad argument. */
export function parseImportArgs(argv: readonly string[]): ImportArgs {
  let file: string | undefined;
  let batchSize = MAX_IMPORT_ITEMS;
  let source: string | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--')
      ? (arg.split(/=(.*)/s, 2) as [string, string | undefined])
      : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[(i += 1)];
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (name === '--batch') {
      const v = value();
      batchSize = Number(v);
      if (!/^\d+$/.test(v) || batchSize < 1 || batchSize > MAX_IMPORT_ITEMS)
        throw new UsageError(`--batch must be an integer from 1 to ${MAX_IMPORT_ITEMS}, got ${JSON.stringify(v)}`);
    } else if (name === '--source') source = value();
    else if (name.startsWith('--') || file !== undefined)
      throw new UsageError(`Unknown or extra argument ${JSON.stringify(arg)}`);
    else file = arg;
  }
  if (file === undefined) throw new UsageError('FILE is missing');
  return { file, batchSize, source };
}

const thousands = (n: number) => n.toLocaleString('en-US');

function describeBadLine(bad: BadLine): string {
  return bad.errors
    .map((e) => `line ${bad.line}: ${e.message}${e.reason ? ` [${e.code} ${e.reason}]` : ` [${e.code}]`}\n`)
    .join('');
}

function progressBar(p: NdjsonImportProgress, seconds: number): string {
  const share = p.totalBytes === 0 ? 1 : Math.min(1, p.bytesRead / p.totalBytes);
  const filled = Math.round(share * BAR_WIDTH);
  const done = p.created + p.updated + p.unchanged + p.failed;
  return (
    `\r[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${thousands(done)} lines, ` +
    `${thousands(p.failed)} failed, ${thousands(Math.round(done / Math.max(seconds, 1e-3)))}/s\u001b[K`
  );
}

/**
 * `npm run import -- FILE [--batch N] [--source NAME]`: streams an NDJSON file into the configured
 * database (DATABASE_URL, or the embedded one, migrated first) through `importNdjsonFile`, the
 * code path of the importExperiments mutation. Bad lines are listed on stderr by line number with
 * the reason; the summary goes to stdout. Returns the exit code: 0 when every line was imported, 1
 * when a line failed (or the import stopped), 2 for a usage error.
 */
export async function runImportCommand(argv: readonly string[], io: ImportCommandIo): Promise<number> {
  let args: ImportArgs;
  try {
    args = parseImportArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.message}\n${USAGE}\n`);
    return 2;
  }
  const db = io.dataSource
    ? undefined
    : await openCliDatabase({
        role: 'import',
        poolSize: IMPORT_POOL_SIZE,
        migrate: true,
        log: (m) => io.stderr.write(`${m}\n`),
      });
  const dataSource = io.dataSource ?? db!.dataSource;
  const tty = io.stderr.isTTY === true;
  const started = Date.now();
  let barShown = false;
  try {
    const summary = await importNdjsonFile(dataSource, args.file, {
      batchSize: args.batchSize,
      source: args.source,
      onBadLine: (bad) => {
        io.stderr.write(`${barShown ? '\r\u001b[K' : ''}${describeBadLine(bad)}`);
        barShown = false;
      },
      onProgress: (p) => {
        const seconds = (Date.now() - started) / 1000;
        if (tty) {
          io.stderr.write(progressBar(p, seconds));
          barShown = true;
        } else if (p.batches % PLAIN_EVERY === 0) {
          io.stderr.write(
            `progress: ${thousands(p.created + p.updated + p.unchanged + p.failed)} lines in ${seconds.toFixed(1)} s (${thousands(p.bytesRead)} of ${thousands(p.totalBytes)} bytes)\n`,
          );
        }
      },
    });
    if (barShown) io.stderr.write('\n');
    const imported = summary.created + summary.updated + summary.unchanged;
    const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
    io.stdout.write(
      `Imported ${args.file}: ${thousands(summary.created)} created, ${thousands(summary.updated)} updated, ${thousands(summary.unchanged)} unchanged, ` +
        `${thousands(summary.failed)} failed, in ${summary.seconds.toFixed(1)} s (${thousands(Math.round(imported / Math.max(summary.seconds, 1e-3)))} experiments/s, ` +
        `${thousands(rows)} rows written).\n`,
    );
    if (summary.failed > 0)
      io.stdout.write(`${thousands(summary.failed)} line(s) were not imported; see the messages above.\n`);
    return summary.failed > 0 ? 1 : 0;
  } catch (error) {
    if (barShown) io.stderr.write('\n');
    io.stderr.write(
      `Import stopped: ${error instanceof Error ? error.message : String(error)} (batches committed before it are kept; re-running skips them as UNCHANGED)\n`,
    );
    return 1;
  } finally {
    await db?.close();
  }
}
