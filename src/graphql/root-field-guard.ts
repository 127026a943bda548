import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { findRootFieldAccess, type RootOperation } from '../domain/api-scopes';
import { authorizeRootField } from '../domain/principal';
import { type Context } from './context';

/**
 * The one enforcement point of the scope registry (`domain/api-scopes.ts`): wraps the resolver of
 * every root Query field and Mutation so that it first runs `authorizeRootField` for the request's
 * principal. Only root fields are wrapped, so nested fields cost nothing extra; a mutation's
 * payload is returned with the rights of the mutation (its experiment is inside the key's subtree).
 * A registry-driven wrapper rather than type-graphql's @Authorized: one table is the source of truth
 * (there is no decorator to forget on a new resolver), and the schema build fails on any root field
 * without an entry, so an unguarded field can never be served.
 * @throws Error at build time listing the root fields missing from the registry.
 */
export function guardRootFields(schema: GraphQLSchema): GraphQLSchema {
  if (schema.getSubscriptionType())
    throw new Error('Subscriptions have no access rules (domain/api-scopes.ts); add them before serving any');
  const missing: string[] = [];
  const roots: Array<[RootOperation, ReturnType<GraphQLSchema['getQueryType']>]> = [
    ['Query', schema.getQueryType()],
    ['Mutation', schema.getMutationType()],
  ];
  for (const [operation, type] of roots) {
    for (const field of Object.values(type?.getFields() ?? {})) {
      if (findRootFieldAccess(operation, field.name) === undefined) {
        missing.push(`${operation}.${field.name}`);
        continue;
      }
      const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
      const name = field.name;
      field.resolve = (source, args, ctx: Context, info) => {
        authorizeRootField(ctx.principal, operation, name);
        return resolve(source, args, ctx, info);
      };
    }
  }
  if (missing.length > 0)
    throw new Error(`Root fields without an access rule in src/domain/api-scopes.ts: ${missing.join(', ')}`);
  return schema;
}
