import { type EntityManager } from 'typeorm';
import { badInput, DomainError, type ErrorCode } from '../../domain/errors';
import {
  type ImportItemDraft,
  type ImportOutcome,
  MAX_IMPORT_ITEMS,
  parseImportItem,
} from '../../domain/import/import-item';
import { planImportBatch } from '../../domain/import/import-plan';
import { fieldPath } from '../../domain/import/fields';
import { type ImportPlan, isEmptyPlan } from '../../domain/import/import-state';
import { translateDatabaseError } from '../../db/database-errors';
import { loadImportState } from '../../db/queries/import-reads';
import { createTimeOrderedId } from '../../db/queries/time-ordered-id';
import {
  emptyRowCounts,
  type ImportRowCounts,
  refreshCurrentDecisions,
  writeImportPlans,
} from '../../db/queries/import-sql';
import { type WriteContext } from '../write-context';
import { classifyAndPublish, publishDecisions } from '../events/event-publishing';

export type { ImportRowCounts };

export interface ImportExperimentsCommand {
  /** Source of items that name none. */
  readonly source?: string | null;
  /** Import items: GraphQL input objects or parsed NDJSON lines (checked field by field). */
  readonly items: readonly unknown[];
}

export interface ImportItemError {
  readonly code: ErrorCode;
  readonly reason: string | null;
  readonly field: string | null;
  readonly message: string;
}

export interface ImportItemResult {
  /** Position of the item in the call. */
  readonly index: number;
  readonly source: string | null;
  readonly externalId: string | null;
  readonly outcome: ImportOutcome;
  /** The experiment written or found unchanged; null when FAILED. */
  readonly experimentId: string | null;
  readonly errors: readonly ImportItemError[];
}

export interface ImportExperimentsOutcome {
  /** One per item, in input order. */
  readonly items: readonly ImportItemResult[];
  readonly rows: ImportRowCounts;
}

export interface ImportOptions {
  /** Path prefix of item `index` in error fields; default `items[index]` (the CLI uses '': a line is one item). */
  readonly itemPath?: (index: number) => string;
}

function toItemError(error: DomainError): ImportItemError {
  return { code: error.code, reason: error.reason ?? null, field: error.details.field ?? null, message: error.message };
}

/**
 * A data or integrity error (SQLSTATE class 22 or 23) raised while one item was written alone: the
 * database's own rules refused its values. Known constraints get their usual error; others name
 * the constraint or the SQLSTATE. Anything else (a lost connection, a bug) is not the item's fault
 * and propagates, failing the call.
 */
function itemErrorOf(error: unknown, itemPath: string): DomainError {
  const known = translateDatabaseError(error);
  // The constraint errors name the fields of the single-experiment mutations (`input.key`); here
  // they are the item's (`items[3].key`).
  if (known)
    return known.details.field?.startsWith('input.')
      ? withField(known, fieldPath(itemPath, known.details.field.slice('input.'.length)))
      : known;
  const pg = ((error as { driverError?: { code?: string; constraint?: string } }).driverError ?? error) as {
    code?: string;
    constraint?: string;
  };
  if (typeof pg.code === 'string' && (pg.code.startsWith('22') || pg.code.startsWith('23'))) {
    return new DomainError('BAD_USER_INPUT', `The item breaks the database rule ${pg.constraint ?? pg.code}`, {
      reason: 'CONSTRAINT_VIOLATION',
      details: { allowed: pg.constraint },
    });
  }
  throw error;
}

function withField(error: DomainError, field: string): DomainError {
  return new DomainError(error.code, error.message, {
    reason: error.reason,
    details: { field, value: error.details.value, allowed: error.details.allowed },
  });
}

/**
 * Writes the plans with the set-based statements under one savepoint; if a statement still fails
 * (the checks run in TypeScript first, so this means a race or a rule only the database knows),
 * rolls back to it and writes the items one by one, each under its own savepoint, so that a bad
 * item leaves no trace and the others are written. Returns the failures by item index.
 */
async function writeIsolated(
  m: EntityManager,
  entries: ReadonlyArray<{ index: number; plan: ImportPlan }>,
  now: Date,
  rows: ImportRowCounts,
  itemPath: (index: number) => string,
): Promise<Map<number, DomainError>> {
  const failures = new Map<number, DomainError>();
  const add = (counts: ImportRowCounts) => {
    for (const k of Object.keys(rows) as (keyof ImportRowCounts)[]) rows[k] += counts[k];
  };
  if (entries.length === 0) return failures;
  await m.query('SAVEPOINT import_batch');
  try {
    add(
      await writeImportPlans(
        m,
        entries.map((e) => e.plan),
        now,
      ),
    );
    await m.query('RELEASE SAVEPOINT import_batch');
    return failures;
  } catch (error) {
    await m.query('ROLLBACK TO SAVEPOINT import_batch');
    if (entries.length === 1) {
      failures.set(entries[0]!.index, itemErrorOf(error, itemPath(entries[0]!.index)));
      return failures;
    }
  }
  for (const entry of entries) {
    await m.query('SAVEPOINT import_item');
    try {
      add(await writeImportPlans(m, [entry.plan], now));
      await m.query('RELEASE SAVEPOINT import_item');
    } catch (error) {
      await m.query('ROLLBACK TO SAVEPOINT import_item');
      failures.set(entry.index, itemErrorOf(error, itemPath(entry.index)));
    }
  }
  return failures;
}

/**
 * Upserts up to MAX_IMPORT_ITEMS experiments by (source, externalId), with their variants,
 * metrics, hypothesis, results and decisions, in the caller's transaction (README "Bulk import"). Every
 * item is parsed and planned in TypeScript against the stored state first (loadImportState,
 * planImportBatch: the rules of the single-experiment mutations), then all plans are written with
 * one statement per table (writeImportPlans). A failing item is reported with its errors and
 * writes nothing; the others are written. The stored classification of every written experiment
 * is recomputed in the same transaction (classifyAndPublish, cause IMPORTED), after the current
 * decisions, and the events of what moved and of the decisions written are appended (docs/events.md). Re-running an import finds every item UNCHANGED and writes nothing. For a principal
 * limited to an org subtree (`w.subtree`), owners must lie inside and experiments owned outside
 * are not written (the planner refuses them from the subtree's node ids).
 * @throws DomainError BAD_USER_INPUT naming `input.items` for more than MAX_IMPORT_ITEMS items.
 */
export async function importExperiments(
  w: WriteContext,
  input: ImportExperimentsCommand,
  options: ImportOptions = {},
): Promise<ImportExperimentsOutcome> {
  const { m, now } = w;
  if (input.items.length > MAX_IMPORT_ITEMS)
    throw badInput('input.items', `${input.items.length} items`, `at most ${MAX_IMPORT_ITEMS} items per call`);
  const itemPath = options.itemPath ?? ((i: number) => `items[${i}]`);
  const parsed = input.items.map((raw, i) => parseImportItem(raw, itemPath(i), input.source ?? null, now));
  const drafts = parsed.map((p) => p.draft);
  const state = await loadImportState(
    m,
    drafts.filter((d): d is ImportItemDraft => d !== undefined),
    await w.subtree.bound(m),
  );
  const planned = planImportBatch(drafts, state.stored, state.refs, { now, newId: createTimeOrderedId });

  const writes: { index: number; plan: ImportPlan }[] = [];
  planned.forEach((p, index) => {
    if (p?.plan !== undefined && !isEmptyPlan(p.plan)) writes.push({ index, plan: p.plan });
  });
  const rows = emptyRowCounts();
  const failures = await writeIsolated(m, writes, now, rows, itemPath);
  const written = writes.filter((w) => !failures.has(w.index));
  await refreshCurrentDecisions(
    m,
    written.filter((w) => !w.plan.created && w.plan.decisionInserts.length > 0).map((w) => w.plan.experimentId),
  );
  if (written.length > 0) {
    await classifyAndPublish(
      m,
      written.map((w) => w.plan.experimentId),
      now,
      'IMPORTED',
    );
    await publishDecisions(
      m,
      written.flatMap((w) => w.plan.decisionInserts.map((d) => d.id)),
      now,
    );
  }

  const items = parsed.map((p, index): ImportItemResult => {
    const plan = planned[index]?.plan;
    const failure = failures.get(index);
    const errors =
      failure !== undefined ? [failure] : plan === undefined ? [...p.errors, ...(planned[index]?.errors ?? [])] : [];
    if (errors.length > 0 || plan === undefined)
      return {
        index,
        source: p.source,
        externalId: p.externalId,
        outcome: 'FAILED',
        experimentId: null,
        errors: errors.map(toItemError),
      };
    const outcome: ImportOutcome = plan.created ? 'CREATED' : isEmptyPlan(plan) ? 'UNCHANGED' : 'UPDATED';
    return { index, source: p.source, externalId: p.externalId, outcome, experimentId: plan.experimentId, errors: [] };
  });
  return { items, rows };
}
