import { type EntityManager } from 'typeorm';
import { DomainError, notFound } from '../../domain/errors';
import type { Experiment, Metric, OrgNode } from '../../domain/experiment';
import { pickReference, validateUuid } from '../../domain/rules/keys';
import { queryRowById, queryRows, type TableRows } from '../rows/table-rows';
import { experimentRows, metricRows, orgNodeRows } from '../rows/tables';

// Lookups shared by the write paths: each resolves an "id or key" reference inside the caller's
// transaction and throws NOT_FOUND naming the input field when it does not exist. They know
// nothing of org subtrees: what a key limited to one may reach is decided by the application
// layer's SubtreeGuard (src/app/subtree-guard.ts), on top of these lookups. They read through
// the tables' row mappings (src/db/rows/tables.ts) and return domain records.

export interface IdOrKey {
  readonly id?: string | null;
  readonly key?: string | null;
}

async function findByReference<T>(
  m: EntityManager,
  rows: TableRows<T>,
  label: string,
  fields: { id: string; key: string },
  ref: IdOrKey,
  lock = false,
): Promise<T> {
  const picked = pickReference(fields, ref, true)!;
  const [found] = await queryRows(
    m,
    rows,
    `SELECT ${rows.columns()} FROM ${rows.table} WHERE ${'id' in picked ? 'id' : 'key'} = $1${lock ? ' FOR UPDATE' : ''}`,
    ['id' in picked ? picked.id : picked.key],
  );
  if (!found) throw 'id' in picked ? notFound(label, fields.id, picked.id) : notFound(label, fields.key, picked.key);
  return found;
}

/** Loads an org node by id or key. @throws NOT_FOUND / BAD_USER_INPUT naming the fields. */
export function findOrgNodeForWrite(
  m: EntityManager,
  fields: { id: string; key: string },
  ref: IdOrKey,
): Promise<OrgNode> {
  return findByReference(m, orgNodeRows, 'org node', fields, ref);
}

/** Loads a metric by id or key. */
export function findMetricForWrite(
  m: EntityManager,
  fields: { id: string; key: string },
  ref: IdOrKey,
): Promise<Metric> {
  return findByReference(m, metricRows, 'metric', fields, ref);
}

/**
 * Loads an experiment by id or key and locks its row (FOR UPDATE) so that concurrent writes to
 * the same experiment (decisions, transitions, result uploads) run one after the other.
 */
export function lockExperiment(
  m: EntityManager,
  fields: { id: string; key: string },
  ref: IdOrKey,
): Promise<Experiment> {
  return findByReference(m, experimentRows, 'experiment', fields, ref, true);
}

/** Loads an experiment by id (validated as a UUID first), optionally locking it. */
export function findExperimentForWrite(m: EntityManager, field: string, id: string, lock = false): Promise<Experiment> {
  return findByIdForWrite(m, experimentRows, 'experiment', field, id, lock);
}

/** Loads a row by id (validated as a UUID first), optionally locking it (FOR UPDATE). */
export async function findByIdForWrite<T>(
  m: EntityManager,
  rows: TableRows<T>,
  label: string,
  field: string,
  id: string,
  lock = false,
): Promise<T> {
  validateUuid(field, id);
  const found = await queryRowById(m, rows, id, lock);
  if (!found) throw notFound(label, field, id);
  return found;
}

/**
 * Refuses a key that is already taken, with a precise message (the unique constraint stays the
 * safety net for races, see database-errors.ts).
 * @throws DomainError CONFLICT, reason DUPLICATE_KEY.
 */
export async function assertKeyFree(
  m: EntityManager,
  table: 'org_node' | 'experiment' | 'metric',
  label: string,
  field: string,
  key: string,
): Promise<void> {
  const rows: unknown[] = await m.query(`SELECT 1 FROM ${table} WHERE key = $1`, [key]);
  if (rows.length > 0) {
    throw new DomainError('CONFLICT', `The key "${key}" is already used by another ${label} (${field})`, {
      reason: 'DUPLICATE_KEY',
      details: { field, value: JSON.stringify(key) },
    });
  }
}
