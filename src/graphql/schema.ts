import { type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { mutationResolvers } from './resolvers/mutation-resolvers';
import { queryResolvers } from './resolvers/query-resolvers';
import { resolveFieldsDirectly } from './direct-field-resolvers';
import { guardRootFields } from './root-field-guard';
import { validateArgs } from './validate-args';

let cached: Promise<GraphQLSchema> | undefined;

/**
 * Builds the executable schema (once per process): used by the server, the tests and `npm run schema`.
 * Every root field is guarded by the scope registry (root-field-guard.ts); the build fails on an unregistered one.
 * Field resolvers whose parameters type-graphql would only pass through are called directly (direct-field-resolvers.ts).
 */
export function createSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    resolvers: [...queryResolvers, ...mutationResolvers] as unknown as NonEmptyArray<Function>,
    validateFn: validateArgs,
  })
    .then(resolveFieldsDirectly)
    .then(guardRootFields);
  return cached;
}
