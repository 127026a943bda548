import fs from 'node:fs';
import { MAX_IMPORT_ITEMS } from '../../domain/import/import-item';
import { emptyRowCounts, type ImportRowCounts } from '../../db/queries/import-sql';
import { type ImportExperimentsOutcome, importExperiments, type ImportItemError } from './import-writes';
import { type CommandContext } from '../command-context';
import { SubtreeGuard } from '../subtree-guard';
import { createWriteContext } from '../write-context';
import { importWithAudit } from './import-audit-writes';
import { isBlank, readLines } from './ndjson-lines';

/** A line that was not imported, by its 1-based line number in the file. */
export interface BadLine {
  readonly line: number;
  readonly errors: readonly ImportItemError[];
}

export interface NdjsonImportProgress {
  readonly lines: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly batches: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly failed: number;
}

export interface NdjsonImportSummary extends NdjsonImportProgress {
  readonly rows: ImportRowCounts;
  readonly seconds: number;
}

export interface NdjsonImportOptions {
  /** Lines per importExperiments call (and transaction); 1 to MAX_IMPORT_ITEMS, default MAX_IMPORT_ITEMS. */
  readonly batchSize?: number;
  /** Source of lines that name none. */
  readonly source?: string | null;
  /** After every committed batch. */
  readonly onProgress?: (progress: NdjsonImportProgress) => void;
  /** For every line that was not imported, in file order. */
  readonly onBadLine?: (bad: BadLine) => void;
  readonly clock?: () => Date;
  /** Batches written at once, each in its own transaction on its own connection; default DEFAULT_CONCURRENCY. */
  readonly concurrency?: number;
}

/**
 * Three batches in flight: while the database writes two, Node checks and plans the third. In
 * trials on a 2-core machine shared with other work (30,000 experiments), 3 was 7-22 % faster
 * than 2, and 1 about 30 % slower than 2. With the embedded database's single connection the
 * batches simply queue.
 */
export const DEFAULT_CONCURRENCY = 3;

/** Connections an import needs against PostgreSQL: one per batch in flight, one for ANALYZE. */
export const IMPORT_POOL_SIZE = DEFAULT_CONCURRENCY + 1;

interface PendingLine {
  readonly line: number;
  readonly value: unknown;
}

function jsonError(message: string): ImportItemError {
  return {
    code: 'BAD_USER_INPUT',
    reason: 'INVALID_JSON',
    field: null,
    message: `Not a JSON object on one line: ${message}`,
  };
}

/**
 * The tables an import fills, analysed as they grow (after ANALYZE_FIRST items, then each time
 * their number grew ANALYZE_GROWTH-fold). A fresh or freshly emptied database has no planner
 * statistics, and autovacuum (when it is on at all) analyses only after its nap: meanwhile the
 * classification's reads by experiment id (`= ANY($1)`) were planned as sequential scans of the
 * whole tables, so every batch read all earlier results (at 30,000 experiments, 58 ms instead of
 * 3 ms per batch for the results alone, growing with the table).
 */
const IMPORTED_TABLES = [
  'experiment',
  'variant',
  'experiment_metric',
  'hypothesis',
  'metric_result',
  'decision',
  'experiment_classification',
  'experiment_classification_history',
] as const;
const ANALYZE_FIRST = 2_000;
const ANALYZE_GROWTH = 4;

/**
 * Planner cost of a random page read inside a batch's transaction (default 4, tuned for spinning
 * disks). During an import the tables it reads are in memory; at 4 the classification's lookups of
 * 1,000 experiment ids were planned as scans of whole tables (45 ms instead of 17 ms per batch for
 * the results at 30,000 experiments, 12 instead of 4 for the metrics). Local to the transaction.
 */
const RANDOM_PAGE_COST = 1.1;

/** SQLSTATEs after which a batch's transaction is simply run again: deadlock, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

function retryable(error: unknown): boolean {
  const code = ((error as { driverError?: { code?: string } }).driverError ?? (error as { code?: string }))?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

/** The (source, externalId) a parsed line names, for keeping two batches with the same experiment in order. */
function externalKeyOf(value: unknown, source: string | null): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { source?: unknown; externalId?: unknown };
  return typeof v.externalId === 'string'
    ? `${typeof v.source === 'string' ? v.source : source}\u0000${v.externalId}`
    : undefined;
}

interface Batch {
  readonly lines: PendingLine[];
  /** Lines of this stretch of the file that were not JSON, reported with the batch to keep file order. */
  readonly unreadable: BadLine[];
  readonly keys: Set<string>;
}

interface InFlight {
  readonly batch: Batch;
  readonly outcome: Promise<ImportExperimentsOutcome>;
}

const emptyBatch = (): Batch => ({ lines: [], unreadable: [], keys: new Set() });

function sharesKey(a: Batch, b: Batch): boolean {
  for (const key of b.keys) if (a.keys.has(key)) return true;
  return false;
}

/**
 * Imports an NDJSON file (one import item per line, the shape of an importExperiments item) in
 * batches of `batchSize` lines, each batch through `importExperiments` in its own transaction, so
 * a line is written exactly as the mutation would write it. Lines that are not JSON objects, and
 * items the import refuses, are reported by line number (`onBadLine`, in file order) and write
 * nothing; the others are written. Blank lines are skipped. Each batch appends one audit row per
 * experiment written, naming `ctx`'s principal and actor (`npm run import`: see createCliCommandContext);
 * a principal limited to an org subtree imports only inside it, as with the mutation.
 *
 * Up to `concurrency` batches are written at once, each on its own connection, while the next one
 * is read and parsed: Node's work on one batch (checks, plans, classification) overlaps the
 * database's work on another. A batch naming an experiment that a batch still being written also
 * names waits for it, so a later line always sees the earlier one (as an update). A batch that
 * hits a deadlock or a serialization failure is run again (it rolled back as a whole). Batches
 * committed before an unexpected error (a lost connection) stay committed; the error propagates.
 * @throws RangeError for a batch size outside 1..MAX_IMPORT_ITEMS or a concurrency below 1.
 */
export async function importNdjsonFile(
  ctx: CommandContext,
  file: string,
  options: NdjsonImportOptions = {},
): Promise<NdjsonImportSummary> {
  const batchSize = options.batchSize ?? MAX_IMPORT_ITEMS;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_IMPORT_ITEMS)
    throw new RangeError(`batch size must be an integer from 1 to ${MAX_IMPORT_ITEMS}, got ${batchSize}`);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  const { dataSource } = ctx;
  const subtree = SubtreeGuard.for('importExperiments', ctx.principal);
  const started = process.hrtime.bigint();
  const totalBytes = (await fs.promises.stat(file)).size;
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const clock = options.clock ?? (() => new Date());
  const source = options.source ?? null;
  const rows = emptyRowCounts();
  const counts = { lines: 0, batches: 0, created: 0, updated: 0, unchanged: 0, failed: 0 };
  const progress = (): NdjsonImportProgress => ({ ...counts, bytesRead: stream.bytesRead, totalBytes });

  async function write(batch: Batch): Promise<ImportExperimentsOutcome> {
    const items = batch.lines.map((p) => p.value);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await dataSource.transaction(async (m) => {
          await m.query(`SET LOCAL random_page_cost = ${RANDOM_PAGE_COST}`);
          const w = createWriteContext(m, ctx, subtree, clock());
          return importWithAudit(w, items, source, () =>
            importExperiments(w, { source, items }, { itemPath: () => '' }),
          );
        });
      } catch (error) {
        if (attempt >= ATTEMPTS || !retryable(error)) throw error;
      }
    }
  }

  /** Waits for the oldest batch in flight and reports it (batches are reported in file order). */
  async function settle(flight: InFlight): Promise<void> {
    const outcome = await flight.outcome;
    for (const k of Object.keys(rows) as (keyof ImportRowCounts)[]) rows[k] += outcome.rows[k];
    const bad = [...flight.batch.unreadable];
    for (const item of outcome.items) {
      if (item.outcome === 'FAILED') bad.push({ line: flight.batch.lines[item.index]!.line, errors: item.errors });
      else if (item.outcome === 'CREATED') counts.created += 1;
      else if (item.outcome === 'UPDATED') counts.updated += 1;
      else counts.unchanged += 1;
    }
    bad.sort((a, b) => a.line - b.line);
    counts.failed += bad.length;
    for (const line of bad) options.onBadLine?.(line);
    counts.batches += 1;
    written += outcome.items.length;
    if (written >= analyzeAt) {
      analyzeAt *= ANALYZE_GROWTH;
      await dataSource.query(`ANALYZE ${IMPORTED_TABLES.join(', ')}`);
    }
    options.onProgress?.(progress());
  }

  let written = 0;
  let analyzeAt = ANALYZE_FIRST;
  const inFlight: InFlight[] = [];
  async function start(batch: Batch): Promise<void> {
    while (inFlight.length >= concurrency || inFlight.some((f) => sharesKey(f.batch, batch)))
      await settle(inFlight.shift()!);
    const outcome = batch.lines.length === 0 ? Promise.resolve({ items: [], rows: emptyRowCounts() }) : write(batch);
    // Handled here so that a failure while other batches are read is not an unhandled rejection;
    // settle() still throws it.
    outcome.catch(() => undefined);
    inFlight.push({ batch, outcome });
  }

  let batch = emptyBatch();
  try {
    for await (const { line, text } of readLines(stream)) {
      counts.lines = line;
      if (isBlank(text)) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        batch.unreadable.push({ line, errors: [jsonError((error as Error).message)] });
        continue;
      }
      batch.lines.push({ line, value });
      const key = externalKeyOf(value, source);
      if (key !== undefined) batch.keys.add(key);
      if (batch.lines.length >= batchSize) {
        await start(batch);
        batch = emptyBatch();
      }
    }
    if (batch.lines.length > 0 || batch.unreadable.length > 0) await start(batch);
    while (inFlight.length > 0) await settle(inFlight.shift()!);
  } finally {
    await Promise.all(inFlight.map((f) => f.outcome.catch(() => undefined)));
    stream.destroy();
  }
  return { ...progress(), rows, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
