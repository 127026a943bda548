import { type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray, type PubSub } from 'type-graphql';
import { ExperimentEventsResolver } from './resolvers/experiment-events.resolver';
import { mutationResolvers } from './resolvers/mutation-resolvers';
import { queryResolvers } from './resolvers/query-resolvers';
import { resolveFieldsDirectly } from './direct-field-resolvers';
import { guardRootFields } from './root-field-guard';
import { validateArgs } from './validate-args';

let cached: Promise<GraphQLSchema> | undefined;

/**
 * type-graphql refuses to build a schema with a subscription unless it has a PubSub, even when
 * every subscription brings its own `subscribe` (experimentEvents reads the event feed): this one
 * is never used, and says so if it ever were.
 */
const NO_PUB_SUB: PubSub = {
  publish() {
    throw new Error('No PubSub: subscriptions read the event feed (src/app/events/event-feed.ts)');
  },
  subscribe() {
    throw new Error('No PubSub: subscriptions read the event feed (src/app/events/event-feed.ts)');
  },
};

/**
 * Builds the executable schema (once per process): used by the server, the tests and `npm run schema`.
 * Every root field is guarded by the scope registry (root-field-guard.ts); the build fails on an unregistered one.
 * Field resolvers whose parameters type-graphql would only pass through are called directly (direct-field-resolvers.ts).
 */
/** Every resolver class: the read side, the write side and the live subscription. */
const resolvers = [...queryResolvers, ...mutationResolvers, ExperimentEventsResolver];

export function createSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    resolvers: [...resolvers] as unknown as NonEmptyArray<Function>,
    validateFn: validateArgs,
    pubSub: NO_PUB_SUB,
  })
    .then(resolveFieldsDirectly)
    .then(guardRootFields);
  return cached;
}
