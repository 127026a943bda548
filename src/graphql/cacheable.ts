import { type GraphQLField } from 'graphql';
import { Extensions } from 'type-graphql';

/** The field extension that marks a field as whole-answer cacheable (see docs/caching.md). */
export const CACHEABLE_EXTENSION = 'cacheable';

/** What a cacheable field declares. */
export interface CacheablePolicy {
  /**
   * An argument that makes the field's answer depend on the request's clock in a way the validity
   * horizon does not bound: the field is not cacheable when the document passes it.
   */
  readonly unlessArgument?: string;
}

/**
 * Declares a field (a `@Field`, `@FieldResolver` or `@Query`) whole-answer cacheable: its value
 * depends only on tables whose writes bump the roll-up data version and on the clock only through
 * the validity horizon (docs/caching.md). A field without it is never cached.
 */
export function Cacheable(policy: CacheablePolicy = {}): MethodDecorator & PropertyDecorator {
  return Extensions({ [CACHEABLE_EXTENSION]: policy });
}

/** The policy a field of the built schema declares, or undefined when it is not cacheable. */
export function cacheablePolicy(field: GraphQLField<unknown, unknown>): CacheablePolicy | undefined {
  return field.extensions[CACHEABLE_EXTENSION] as CacheablePolicy | undefined;
}
