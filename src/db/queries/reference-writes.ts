import { type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { DomainError, notFound } from '../../domain/errors';
import { outsideKeySubtree } from '../../domain/principal';
import { pickReference, validateUuid } from '../../domain/rules/keys';
import { ExperimentEntity, MetricEntity, OrgNodeEntity } from '../entities';
import { isNodeWithin } from './subtree-reads';

// Lookups shared by the write paths: each resolves an "id or key" reference inside the caller's
// transaction and throws NOT_FOUND naming the input field when it does not exist.
//
// `subtree` is the org node an API key is limited to (null: the whole organisation; README "Access").
// It is a required parameter of every experiment lookup below, so no write path can forget to pass
// it on (write functions take it last, defaulting to null for in-process callers such as the seed
// and tests; the mutation resolvers always pass the request's). An experiment owned outside the
// subtree is NOT_FOUND with exactly the error a missing one gets.
// Org nodes stay visible to every key, so a node outside is FORBIDDEN (assertNodeInside).

/** The org node an API key is limited to; null = the whole organisation. */
export type KeySubtree = string | null;

export interface IdOrKey {
  readonly id?: string | null;
  readonly key?: string | null;
}

async function findByReference<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  label: string,
  fields: { id: string; key: string },
  ref: IdOrKey,
  lock: boolean,
  visible: (found: T) => Promise<boolean> = async () => true,
): Promise<T> {
  const picked = pickReference(fields, ref, true)!;
  const found = await m.findOne(entity, {
    where: ('id' in picked ? { id: picked.id } : { key: picked.key }) as never,
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!found || !(await visible(found)))
    throw 'id' in picked ? notFound(label, fields.id, picked.id) : notFound(label, fields.key, picked.key);
  return found;
}

/** Loads an org node by id or key. @throws NOT_FOUND / BAD_USER_INPUT naming the fields. */
export function findOrgNodeForWrite(
  m: EntityManager,
  fields: { id: string; key: string },
  ref: IdOrKey,
): Promise<OrgNodeEntity> {
  return findByReference(m, OrgNodeEntity, 'org node', fields, ref, false);
}

/** Loads a metric by id or key. */
export function findMetricForWrite(
  m: EntityManager,
  fields: { id: string; key: string },
  ref: IdOrKey,
): Promise<MetricEntity> {
  return findByReference(m, MetricEntity, 'metric', fields, ref, false);
}

/**
 * Loads an experiment and locks its row (FOR UPDATE) so that concurrent writes to the same
 * experiment (decisions, transitions, result uploads) run one after the other. Outside `subtree`
 * it is NOT_FOUND like a missing one.
 */
export function lockExperiment(
  m: EntityManager,
  fields: { id: string; key: string },
  ref: IdOrKey,
  subtree: KeySubtree,
): Promise<ExperimentEntity> {
  return findByReference(m, ExperimentEntity, 'experiment', fields, ref, true, (e) =>
    isNodeWithin(m, e.ownerNodeId, subtree),
  );
}

/** Loads an experiment by id (optionally locking it); outside `subtree` it is NOT_FOUND like a missing one. */
export async function findExperimentForWrite(
  m: EntityManager,
  field: string,
  id: string,
  subtree: KeySubtree,
  lock = false,
): Promise<ExperimentEntity> {
  const experiment = await findByIdForWrite(m, ExperimentEntity, 'experiment', field, id, lock);
  if (!(await isNodeWithin(m, experiment.ownerNodeId, subtree))) throw notFound('experiment', field, id);
  return experiment;
}

/**
 * Refuses a write to, under or owned by an org node outside `subtree`; `node` null stands for
 * "no parent" (a new root, or a move to the top), which only an unlimited key may do.
 * @throws DomainError FORBIDDEN, reason OUTSIDE_KEY_SUBTREE, naming `field`.
 */
export async function assertNodeInside(
  m: EntityManager,
  node: { readonly id: string; readonly key: string } | null,
  subtree: KeySubtree,
  field: string,
): Promise<void> {
  if (subtree === null) return;
  if (node === null) throw outsideKeySubtree('A root node (no parent) lies outside', field);
  if (!(await isNodeWithin(m, node.id, subtree)))
    throw outsideKeySubtree(`The org node ${node.key} lies outside`, field);
}

/** Loads an entity by id (validated as a UUID first), optionally locking it. */
export async function findByIdForWrite<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntityTarget<T>,
  label: string,
  field: string,
  id: string,
  lock = false,
): Promise<T> {
  validateUuid(field, id);
  const found = await m.findOne(entity, {
    where: { id } as never,
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
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
