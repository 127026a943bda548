import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { findRootFieldAccess, type RootOperation } from '../domain/api-scopes';
import { authorizeRootField } from '../domain/principal';
import { type Context } from './context';

/**
 * The one enforcement point of the scope registry (`domain/api-scopes.ts`): wraps the resolver of
 * every root Query field and Mutation, and the `subscribe` of every Subscription (which starts the
 * event stream; its `resolve` only passes each event on), so that it first runs
 * `authorizeRootField` for the request's principal. Only root fields are wrapped, so nested fields
 * cost nothing extra; a mutation's payload is returned with the rights of the mutation (its
 * experiment is inside the key's subtree).
 * A registry-driven wrapper rather than type-graphql's @Authorized: one table is the source of truth
 * (there is no decorator to forget on a new resolver), and the schema build fails on any root field
 * without an entry, so an unguarded field can never be served.
 * @throws Error at build time listing the root fields missing from the registry.
 */
export function guardRootFields(schema: GraphQLSchema): GraphQLSchema {
  const missing: string[] = [];
  const roots: Array<[RootOperation, ReturnType<GraphQLSchema['getQueryType']>]> = [
    ['Query', schema.getQueryType()],
    ['Mutation', schema.getMutationType()],
    ['Subscription', schema.getSubscriptionType()],
  ];
  for (const [operation, type] of roots) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      if (findRootFieldAccess(operation, field.name) === undefined) {
        missing.push(`${operation}.${field.name}`);
        continue;
      }
      const name = field.name;
      const guard = (inner: GraphQLFieldResolver<unknown, Context>): GraphQLFieldResolver<unknown, Context> =>
        function guarded(source, args, ctx: Context, info) {
          authorizeRootField(ctx.principal, operation, name);
          return inner(source, args, ctx, info);
        };
      if (operation === 'Subscription') {
        if (field.subscribe === undefined) throw new Error(`Subscription.${name} has no subscribe function`);
        field.subscribe = guard(field.subscribe);
      } else {
        field.resolve = guard(field.resolve ?? defaultFieldResolver);
      }
    }
  }
  if (missing.length > 0)
    throw new Error(`Root fields without an access rule in src/domain/api-scopes.ts: ${missing.join(', ')}`);
  return schema;
}
