/**
 * How a single-entity query finds its record, from already-validated arguments (`parseIdOrKey` in
 * src/graphql/lookup-args.ts); `NONE` means no record can match (e.g. a malformed id).
 */
export type Lookup =
  { readonly by: 'ID'; readonly id: string } | { readonly by: 'KEY'; readonly key: string } | { readonly by: 'NONE' };

/** Runs the lookup with the matching finder; `NONE` resolves to null without touching the database. */
export function findByLookup<T>(
  lookup: Lookup,
  finders: { readonly byId: (id: string) => Promise<T | null>; readonly byKey: (key: string) => Promise<T | null> },
): Promise<T | null> {
  switch (lookup.by) {
    case 'ID':
      return finders.byId(lookup.id);
    case 'KEY':
      return finders.byKey(lookup.key);
    case 'NONE':
      return Promise.resolve(null);
  }
}
