import { badInput } from '../domain/errors';
import { AUDIT_CURSOR_PREFIX, type AuditCursor, type AuditFilter } from '../db/queries/audit-reads';
import { AUDIT_ENTITY_TYPES, type AuditEntityType } from '../db/queries/audit-writes';
import { validateFirst } from './page-args';

/** A validated page of audit entries: what `Experiment.history` reads (and `auditLog`, with a filter). */
export interface AuditPageQuery {
  /** A page size from 1 to MAX_PAGE_SIZE. */
  readonly first: number;
  readonly after: AuditCursor | null;
}

/** Validated `auditLog` arguments: what `findAuditPage` reads. */
export interface AuditLogQuery extends AuditPageQuery {
  readonly filter: AuditFilter;
}

/** Arguments of `auditLog` as the API receives them (`entityType` is a free string in the schema). */
export interface AuditLogArgsInput {
  readonly first: number;
  readonly after?: string | null;
  readonly filter?: (Omit<AuditFilter, 'entityType'> & { readonly entityType?: string | null }) | null;
}

/**
 * Decodes a cursor made by `findAuditPage` / `findExperimentHistoryPages` (base64url of `audit:<id>`).
 * @throws DomainError BAD_USER_INPUT naming `after` when the cursor is malformed.
 */
export function decodeAuditCursor(raw: string): AuditCursor {
  const text = Buffer.from(raw, 'base64url').toString('utf8');
  const id = text.startsWith(AUDIT_CURSOR_PREFIX) ? text.slice(AUDIT_CURSOR_PREFIX.length) : '';
  if (!/^[1-9]\d{0,17}$/.test(id))
    throw badInput('after', raw, 'a cursor returned by this connection (pageInfo.endCursor or edges.cursor)');
  return { afterId: id };
}

function isAuditEntityType(value: string): value is AuditEntityType {
  return (AUDIT_ENTITY_TYPES as readonly string[]).includes(value);
}

/**
 * Validates `Experiment.history` arguments before any SQL runs.
 * @throws DomainError BAD_USER_INPUT naming `first` or `after`.
 */
export function parseAuditPageArgs(args: { readonly first: number; readonly after?: string | null }): AuditPageQuery {
  const first = validateFirst(args.first);
  return { first, after: args.after == null ? null : decodeAuditCursor(args.after) };
}

/**
 * Validates `auditLog` arguments before any SQL runs (in this order: page size, entity type, cursor).
 * @throws DomainError BAD_USER_INPUT naming `first`, `filter.entityType` or `after`.
 */
export function parseAuditLogArgs(args: AuditLogArgsInput): AuditLogQuery {
  const first = validateFirst(args.first);
  const given = args.filter ?? {};
  const entityType = given.entityType ?? null;
  if (entityType !== null && !isAuditEntityType(entityType))
    throw badInput('filter.entityType', entityType, `one of ${AUDIT_ENTITY_TYPES.join(', ')}`);
  const filter: AuditFilter = { ...given, entityType };
  return { filter, first, after: args.after == null ? null : decodeAuditCursor(args.after) };
}
