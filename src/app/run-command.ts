import { type EntityManager } from 'typeorm';
import { encodeResponse, requestFingerprint, validateIdempotencyKey } from '../domain/idempotency';
import { type Principal } from '../domain/principal';
import {
  type AuditActor,
  type AuditEntityType,
  appendAuditEntries,
  snapshotEntities,
} from '../db/queries/audit-writes';
import { claimIdempotencyKey, completeIdempotencyKey } from '../db/queries/idempotency-writes';
import { type CommandContext } from './command-context';
import { assertReplayVisible, type Shows } from './replay-visibility';
import { SubtreeGuard } from './subtree-guard';
import { createWriteContext, type WriteContext } from './write-context';

/** The entity a write is about: its type, id (null when none) and the experiment it concerns. */
export interface AuditSubject {
  readonly type: AuditEntityType;
  readonly id: string | null;
  readonly experimentId: string | null;
  /** The recorded state when there is no single entity to snapshot (e.g. a reclassification's summary, the rows a reset deletes). */
  readonly state?: unknown;
}

export interface CommandSpec<T> {
  /**
   * The command's name: the mutation's (audit `operation`, part of the idempotency fingerprint, and
   * the registry entry its subtree rule comes from, see SubtreeGuard).
   */
  readonly operation: string;
  /** Its arguments without the idempotency key (the fingerprint a key is bound to). */
  readonly args: Record<string, unknown>;
  readonly idempotencyKey?: string | null;
  /**
   * What the response shows that the caller's org subtree bounds; a replay re-checks it and
   * answers as a fresh request would when the caller can no longer see it (see replay-visibility.ts).
   */
  readonly shows: Shows<NoInfer<T>>;
  /** The entity as it stands before the write (updates), resolved inside the transaction; omitted for creates. */
  readonly before?: (m: EntityManager) => Promise<AuditSubject | null>;
  /** What is kept under the idempotency key for replays (default: the whole result); e.g. without a secret. */
  readonly replayable?: (result: T) => unknown;
  /**
   * The entity the write produced, from its result; default: the `before` entity, as it is after the write.
   * Null when the write changed nothing (e.g. seeding a database that already holds data): no audit row.
   */
  readonly after?: (result: T) => AuditSubject | null;
  /**
   * The write appends its own audit rows (one per entity of a bulk write, see importWithAudit,
   * given `auditActor(ctx)`); the runner then only handles the idempotency key.
   */
  readonly auditedByWrite?: true;
}

/** The idempotency scope of a principal: its API key, or the in-process caller's name. */
function idempotencyScope(principal: Principal): string {
  switch (principal.kind) {
    case 'API_KEY':
      return `key:${principal.keyId}`;
    case 'INTERNAL':
      return `internal:${principal.name}`;
    case 'ANONYMOUS':
    case 'REFUSED':
      return principal.kind.toLowerCase();
  }
}

/** Who is writing, for the audit log. */
export function auditActor(ctx: Pick<CommandContext, 'principal' | 'actor'>): AuditActor {
  const p = ctx.principal;
  const actor = ctx.actor ?? null;
  if (p.kind === 'API_KEY') return { principalKind: 'API_KEY', apiKeyId: p.keyId, apiKeyName: p.name, actor };
  if (p.kind === 'INTERNAL') return { principalKind: 'INTERNAL', apiKeyId: null, apiKeyName: p.name, actor };
  return { principalKind: 'ANONYMOUS', apiKeyId: null, apiKeyName: null, actor };
}

/**
 * Runs one command (a mutation, or a CLI's write) as ONE transaction with the safe-write rules
 * (docs/decisions/0009-safe-writes.md):
 * 1. with an idempotency key, claims it first (a duplicate waits for the first and replays its
 *    response; another input under the same key is CONFLICT IDEMPOTENCY_KEY_REUSED);
 * 2. snapshots the entity before, writes, snapshots it after;
 * 3. appends one audit row (who, when, operation, entity, before, after), none when `spec.after`
 *    says the write changed nothing;
 * 4. stores the response under the key.
 * Any failure rolls everything back: no data, no audit row, no key. A replay writes nothing (and
 * appends no audit row). Replayed responses carry the first response's own fields; relations
 * below them are read as they are now. For a key limited to an org subtree, a replay first checks
 * that what the response shows (`spec.shows`) is still inside; if not, it answers the error a
 * fresh request would get (NOT_FOUND for an experiment, as if it did not exist).
 * The write is given a WriteContext whose SubtreeGuard comes from `spec.operation`'s registry
 * entry: a WHOLE_ORG command refuses a limited key before the transaction opens.
 */
export async function runCommand<T>(
  ctx: CommandContext,
  spec: CommandSpec<T>,
  write: (w: WriteContext) => Promise<T>,
): Promise<T> {
  const subtree = SubtreeGuard.for(spec.operation, ctx.principal);
  const key = spec.idempotencyKey == null ? null : validateIdempotencyKey(spec.idempotencyKey);
  const scope = idempotencyScope(ctx.principal);
  return ctx.dataSource.transaction(async (m) => {
    const w = createWriteContext(m, ctx, subtree);
    if (key !== null) {
      const claim = await claimIdempotencyKey(
        m,
        scope,
        key,
        spec.operation,
        requestFingerprint(spec.operation, spec.args),
        ctx.now,
      );
      if (claim.kind === 'replay') {
        await assertReplayVisible(m, subtree.rootId, spec.shows(claim.response as T));
        return claim.response as T;
      }
    }
    if (spec.auditedByWrite) {
      const result = await write(w);
      if (key !== null) await completeIdempotencyKey(m, scope, key, encodeResponse(result));
      return result;
    }
    const target = spec.before ? await spec.before(m) : null;
    const before = target?.id
      ? ((await snapshotEntities(m, target.type, [target.id])).get(target.id) ?? null)
      : (target?.state ?? null);
    const result = await write(w);
    const subject = spec.after ? spec.after(result) : target;
    if (subject === null && !spec.after)
      throw new Error(
        `${spec.operation}: no audit subject (the write succeeded on an entity that was not found before it)`,
      );
    if (subject === null) {
      if (key !== null) await completeIdempotencyKey(m, scope, key, encodeResponse(replayable(spec, result)));
      return result;
    }
    const after = subject.id
      ? ((await snapshotEntities(m, subject.type, [subject.id])).get(subject.id) ?? null)
      : (subject.state ?? null);
    await appendAuditEntries(
      m,
      auditActor(ctx),
      [
        {
          operation: spec.operation,
          entityType: subject.type,
          entityId: subject.id,
          experimentId: subject.experimentId,
          before,
          after,
        },
      ],
      ctx.now,
      key,
    );
    if (key !== null) await completeIdempotencyKey(m, scope, key, encodeResponse(replayable(spec, result)));
    return result;
  });
}

/** What is kept under the idempotency key for replays of `result`. */
function replayable<T>(spec: CommandSpec<T>, result: T): unknown {
  return spec.replayable ? spec.replayable(result) : result;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every `before` resolver locks the row it finds (FOR UPDATE, until the transaction ends) before
 * the runner snapshots it. Two audited writes of one entity are thus serialised from their first
 * read: the second waits, then snapshots the state the first committed, so its "before" is never
 * stale (without the lock it would read the old state, then wait only at its own UPDATE). FOR
 * UPDATE is the lock the writes take next anyway (so no upgrade in between), and locks follow the
 * writes' order: an experiment before its hypotheses (see `recordRef`).
 */
const LOCK = 'FOR UPDATE';

/** Finds (and locks) an entity's id by id or key (null when missing or malformed; the write itself reports that). */
async function idByRef(
  m: EntityManager,
  table: 'experiment' | 'org_node' | 'metric',
  ref: { id?: string | null; key?: string | null },
): Promise<string | null> {
  if (ref.id != null)
    return UUID.test(ref.id)
      ? ((await m.query(`SELECT id FROM ${table} WHERE id = $1 ${LOCK}`, [ref.id]))[0]?.id ?? null)
      : null;
  if (ref.key != null)
    return (await m.query(`SELECT id FROM ${table} WHERE key = $1 ${LOCK}`, [ref.key]))[0]?.id ?? null;
  return null;
}

/** The experiment a write targets by id or key, as an audit subject. */
export function experimentRef(ref: { id?: string | null; key?: string | null }) {
  return async (m: EntityManager): Promise<AuditSubject | null> => {
    const id = await idByRef(m, 'experiment', ref);
    return id === null ? null : { type: 'experiment', id, experimentId: id };
  };
}

/** An org node or metric a write targets by id or key. */
export function catalogueRef(type: 'org_node' | 'metric', ref: { id?: string | null; key?: string | null }) {
  return async (m: EntityManager): Promise<AuditSubject | null> => {
    const id = await idByRef(m, type, ref);
    return id === null ? null : { type, id, experimentId: null };
  };
}

/** A hypothesis or learning a write targets by id (with its experiment, for hypotheses). */
export function recordRef(type: 'hypothesis' | 'learning', id: string) {
  return async (m: EntityManager): Promise<AuditSubject | null> => {
    if (!UUID.test(id)) return null;
    if (type === 'learning') {
      const [row] = await m.query(`SELECT id FROM learning WHERE id = $1 ${LOCK}`, [id]);
      return row ? { type, id: row.id, experimentId: null } : null;
    }
    // The experiment first, then the hypothesis: the order of updateHypothesis's own locks and of
    // transitionExperiment (which locks the experiment, then its hypotheses); the other order deadlocks.
    const [found] = await m.query(`SELECT experiment_id FROM hypothesis WHERE id = $1`, [id]);
    if (!found) return null;
    await m.query(`SELECT id FROM experiment WHERE id = $1 ${LOCK}`, [found.experiment_id]);
    const [row] = await m.query(`SELECT id, experiment_id FROM hypothesis WHERE id = $1 ${LOCK}`, [id]);
    return row ? { type, id: row.id, experimentId: row.experiment_id } : null;
  };
}

/** An API key a write targets by id or token prefix (`ewl_<lookup id>`). */
export function apiKeyRef(idOrPrefix: string) {
  return async (m: EntityManager): Promise<AuditSubject | null> => {
    const [row] = await m.query(
      `SELECT id FROM api_key WHERE ${UUID.test(idOrPrefix) ? 'id = $1::uuid' : `'ewl_' || lookup_id = $1`} ${LOCK}`,
      [idOrPrefix],
    );
    return row ? { type: 'api_key', id: row.id, experimentId: null } : null;
  };
}
