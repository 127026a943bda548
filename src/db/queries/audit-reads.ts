import { type DataSource } from 'typeorm';
import { isUuid } from '../../domain/rules/keys';
import { type AuditActor, type AuditEntityType, type AuditEntry } from './audit-writes';
import { groupBy } from './group-rows';
import { SqlParams } from './page-reads';

/**
 * One audit row (README "Safe writes"): who wrote (the actor) and what (the entry), with its id, instant and
 * idempotency key.
 */
export interface AuditRecord extends AuditActor, AuditEntry {
  readonly id: string;
  readonly at: Date;
  readonly idempotencyKey: string | null;
}

export interface AuditFilter {
  readonly experimentId?: string | null;
  readonly entityType?: AuditEntityType | null;
  readonly entityId?: string | null;
  readonly apiKeyId?: string | null;
  readonly operation?: string | null;
  readonly from?: Date | null;
  readonly to?: Date | null;
}

export interface AuditPage {
  readonly records: AuditRecord[];
  readonly hasNextPage: boolean;
  readonly cursorOf: (record: AuditRecord) => string;
}

/** A decoded audit cursor: the page starts below the entry with this id (a positive bigint, as decimal text). */
export interface AuditCursor {
  readonly afterId: string;
}

/** Audit cursors are base64url of this prefix and the entry's id (decoded by src/graphql/audit-args.ts). */
export const AUDIT_CURSOR_PREFIX = 'audit:';
const encode = (id: string) => Buffer.from(`${AUDIT_CURSOR_PREFIX}${id}`, 'utf8').toString('base64url');

/**
 * Audit rows matching the filter, newest first, keyset-paged on the row id (one statement).
 * Takes validated arguments (src/graphql/audit-args.ts): `limit` a page size, `after` a decoded
 * cursor. Malformed ids match nothing.
 */
export async function findAuditPage(
  db: DataSource,
  filter: AuditFilter,
  limit: number,
  after: AuditCursor | null,
): Promise<AuditPage> {
  const params = new SqlParams();
  const conditions: string[] = [];
  const uuidCondition = (column: string, value: string | null | undefined) => {
    if (value == null) return;
    conditions.push(isUuid(value) ? `${column} = ${params.add(value)}::uuid` : 'false');
  };
  uuidCondition('experiment_id', filter.experimentId);
  uuidCondition('entity_id', filter.entityId);
  uuidCondition('api_key_id', filter.apiKeyId);
  if (filter.entityType != null) conditions.push(`entity_type = ${params.add(filter.entityType)}`);
  if (filter.operation != null) conditions.push(`operation = ${params.add(filter.operation)}`);
  if (filter.from != null) conditions.push(`at >= ${params.add(filter.from.toISOString())}::timestamptz`);
  if (filter.to != null) conditions.push(`at < ${params.add(filter.to.toISOString())}::timestamptz`);
  if (after !== null) conditions.push(`a.id < ${params.add(after.afterId)}::bigint`);
  // Ordered by the bigint column `a.id`: a bare `id` would name the output column `id::text` and sort as text.
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT ${RECORD_COLUMNS}
       FROM audit_log a ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY a.id DESC LIMIT ${params.add(limit + 1)}`,
    params.values,
  );
  return toPage(rows, limit);
}

const RECORD_COLUMNS = `id::text AS id, at, principal_kind, api_key_id, api_key_name, actor, operation, entity_type, entity_id, experiment_id, before, after, idempotency_key`;

function toRecord(r: Record<string, unknown>): AuditRecord {
  return {
    id: r.id as string,
    at: new Date(r.at as string),
    principalKind: r.principal_kind as AuditActor['principalKind'],
    apiKeyId: r.api_key_id as string | null,
    apiKeyName: r.api_key_name as string | null,
    actor: r.actor as string | null,
    operation: r.operation as string,
    entityType: r.entity_type as AuditEntityType,
    entityId: r.entity_id as string | null,
    experimentId: r.experiment_id as string | null,
    before: r.before,
    after: r.after,
    idempotencyKey: r.idempotency_key as string | null,
  };
}

/** A page from up to `limit + 1` rows, newest first. */
function toPage(rows: Array<Record<string, unknown>>, limit: number): AuditPage {
  return {
    records: rows.slice(0, limit).map(toRecord),
    hasNextPage: rows.length > limit,
    cursorOf: (record) => encode(record.id),
  };
}

/**
 * The same page (`limit` rows after `after`) of the history of each experiment (in `experimentIds` order),
 * newest first, in ONE statement for all of them (`audit_log_experiment_idx`, a LATERAL keyset
 * read per experiment), so `experiments { history }` costs one statement whatever the page size.
 */
export async function findExperimentHistoryPages(
  db: DataSource,
  experimentIds: readonly string[],
  limit: number,
  after: AuditCursor | null,
): Promise<AuditPage[]> {
  const params = new SqlParams();
  const ids = params.add(experimentIds.filter((id) => isUuid(id)));
  const before = after === null ? '' : `AND a.id < ${params.add(after.afterId)}::bigint`;
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT e.id AS for_id, a.* FROM unnest(${ids}::uuid[]) AS e(id)
       CROSS JOIN LATERAL (SELECT ${RECORD_COLUMNS} FROM audit_log a WHERE a.experiment_id = e.id ${before}
                            ORDER BY a.id DESC LIMIT ${params.add(limit + 1)}) a`,
    params.values,
  );
  const byExperiment = groupBy(rows, (row) => row.for_id as string);
  return experimentIds.map((id) => toPage(byExperiment.get(id) ?? [], limit));
}
