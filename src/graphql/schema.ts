import { type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { mutationResolvers } from './resolvers/mutation-resolvers';
import { queryResolvers } from './resolvers/query-resolvers';

let cached: Promise<GraphQLSchema> | undefined;

/** Builds the executable schema (once per process): used by the server, the tests and `npm run schema`. */
export function createSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    resolvers: [...queryResolvers, ...mutationResolvers] as unknown as NonEmptyArray<Function>,
    validate: { forbidUnknownValues: false },
  });
  return cached;
}
