import { DomainError } from '../domain/errors';
import { type Lookup } from '../db/queries/lookup-reads';
import { isUuid } from '../domain/rules/keys';

/**
 * Reads the `(id, key)` arguments of a single-entity query: exactly one must be given. A malformed
 * id (not a UUID) or a key that no record can have is a lookup that finds nothing, so the query
 * returns null rather than an error.
 * @throws DomainError BAD_USER_INPUT when both or neither are given.
 * @example parseIdOrKey({ key: 'acme' }) // { by: 'KEY', key: 'acme' }
 */
export function parseIdOrKey(args: { readonly id?: string | null; readonly key?: string | null }): Lookup {
  const hasId = args.id != null;
  const hasKey = args.key != null;
  if (hasId === hasKey) {
    const given = hasId ? 'both id and key' : 'neither id nor key';
    throw new DomainError('BAD_USER_INPUT', `Invalid arguments: got ${given}, expected exactly one of id and key`, {
      reason: 'INVALID_VALUE',
      details: { field: hasId ? 'key' : 'id', value: given, allowed: 'exactly one of id and key' },
    });
  }
  if (hasId) return isUuid(args.id!) ? { by: 'ID', id: args.id!.toLowerCase() } : { by: 'NONE' };
  return args.key!.includes('\u0000') ? { by: 'NONE' } : { by: 'KEY', key: args.key! };
}
