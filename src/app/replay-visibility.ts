import { type EntityManager } from 'typeorm';
import { type DomainError, notFound } from '../domain/errors';
import { orgNodeOutside } from '../domain/principal';
import { pickReference } from '../domain/rules/keys';
import { isShownWithin, type ShownRef, type ShownType } from '../db/queries/replay-visibility-reads';

/**
 * What a mutation's stored response shows that a key limited to an org subtree may lose sight of
 * (the experiment moves to another owner, the subtree is re-parented, a learning is re-linked).
 * An idempotency replay re-checks it (see `runCommand`) and answers `hidden()` instead of the
 * stored response when the caller can no longer see it: the error the write itself gives now for
 * that reference, so that a replay tells nothing a fresh request would not.
 */
export interface Shown {
  readonly type: ShownType;
  readonly ref: ShownRef;
  readonly hidden: () => DomainError;
}

/** Declared by every mutation: what its response (as stored for replays) shows; null = nothing a subtree bounds. */
export type Shows<T> = (response: T) => Shown | null;

/** Org-wide answers (metrics), admin-only answers (API keys), or answers filtered where they are read (import items). */
export const showsNothing: Shows<unknown> = () => null;

/** The input fields of a write that names its experiment by id or key. */
export const EXPERIMENT_REF = { id: 'input.experimentId', key: 'input.experimentKey' } as const;

/**
 * The experiment a write names by id or key in its input (e.g. input.experimentId / input.experimentKey);
 * hidden: NOT_FOUND exactly as for a missing reference.
 */
export function showsExperimentRef(
  fields: { id: string; key: string },
  ref: { id?: string | null; key?: string | null },
): Shows<unknown> {
  return () => {
    const picked = pickReference(fields, ref, true)!;
    return {
      type: 'experiment',
      ref: picked,
      hidden: () =>
        'id' in picked ? notFound('experiment', fields.id, picked.id) : notFound('experiment', fields.key, picked.key),
    };
  };
}

/** An entity a write names by id in its input (`field`); hidden: NOT_FOUND as for a missing id. */
export function showsById(type: 'experiment' | 'hypothesis' | 'learning', field: string, id: string): Shows<unknown> {
  return () => ({ type, ref: { id }, hidden: () => notFound(type, field, id) });
}

/** The entity a write created (its id read from the response); hidden: NOT_FOUND for that id. */
export function showsCreated<T extends { readonly id: string }>(type: 'experiment' | 'learning'): Shows<T> {
  return (response) => ({ type, ref: { id: response.id }, hidden: () => notFound(type, 'id', response.id) });
}

/**
 * An org node (the response itself). The org tree is visible to every key, so a node outside is
 * not hidden: hidden is FORBIDDEN OUTSIDE_KEY_SUBTREE, as a write to that node answers now.
 */
export function showsOrgNode<T extends { readonly id: string; readonly key: string }>(field?: string): Shows<T> {
  return (response) => ({
    type: 'org_node',
    ref: { id: response.id },
    hidden: () => orgNodeOutside(response.key, field),
  });
}

/**
 * Refuses a replay whose stored response shows what the key's subtree no longer holds.
 * Without a subtree (or when the response shows nothing bounded) it runs no SQL.
 * @throws DomainError the `hidden()` error of what is shown.
 */
export async function assertReplayVisible(
  m: EntityManager,
  subtreeRootId: string | null,
  shown: Shown | null,
): Promise<void> {
  if (subtreeRootId === null || shown === null) return;
  if (!(await isShownWithin(m, shown.type, shown.ref, subtreeRootId))) throw shown.hidden();
}
