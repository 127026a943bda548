import { GraphQLObjectType, GraphQLSchema, GraphQLString, graphql, parse, subscribe } from 'graphql';
import { ROOT_FIELD_ACCESS } from '../../../src/domain/api-scopes';
import { ANONYMOUS_PRINCIPAL } from '../../../src/domain/principal';
import { guardRootFields } from '../../../src/graphql/root-field-guard';
import { createSchema } from '../../../src/graphql/schema';

describe('the scope registry (domain/api-scopes.ts)', () => {
  it('names exactly the root Query fields, Mutations and Subscriptions of the built schema', async () => {
    const schema = await createSchema();
    for (const [operation, type] of [
      ['Query', schema.getQueryType()!],
      ['Mutation', schema.getMutationType()!],
      ['Subscription', schema.getSubscriptionType()!],
    ] as const) {
      expect(Object.keys(ROOT_FIELD_ACCESS[operation]).sort()).toEqual(Object.keys(type.getFields()).sort());
    }
  });
});

describe('guardRootFields', () => {
  const schemaWith = (fieldName: string) =>
    new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: { [fieldName]: { type: GraphQLString, resolve: () => 'secret' } },
      }),
    });

  it('refuses to build a schema with a root field the registry does not know', () => {
    expect(() => guardRootFields(schemaWith('sneaky'))).toThrow(
      'Root fields without an access rule in src/domain/api-scopes.ts: Query.sneaky',
    );
  });

  it('checks the principal before the resolver runs', async () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: { metrics: { type: GraphQLString, resolve: () => 'ok' } },
      }),
      mutation: new GraphQLObjectType({
        name: 'Mutation',
        fields: { createMetric: { type: GraphQLString, resolve: () => 'written' } },
      }),
    });
    guardRootFields(schema);
    const run = (source: string) => graphql({ schema, source, contextValue: { principal: ANONYMOUS_PRINCIPAL } });
    expect((await run('{ metrics }')).data).toEqual({ metrics: 'ok' });
    const refused = await run('mutation { createMetric }');
    expect(refused.data).toEqual({ createMetric: null });
    expect(refused.errors?.[0]?.message).toContain('needs an API key with the scope write:catalogue');
  });

  it('checks the principal before a subscription starts its event stream', async () => {
    const events = async function* () {
      yield { experimentEvents: 'event' };
    };
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { metrics: { type: GraphQLString } } }),
      subscription: new GraphQLObjectType({
        name: 'Subscription',
        fields: { experimentEvents: { type: GraphQLString, subscribe: () => events() } },
      }),
    });
    guardRootFields(schema);
    const refused = await subscribe({
      schema,
      document: parse('subscription { experimentEvents }'),
      contextValue: {
        principal: {
          kind: 'API_KEY',
          keyId: 'k',
          name: 'hooks',
          prefix: 'ewl_x',
          scopes: ['webhooks'],
          orgNodeId: null,
        },
      },
    });
    expect('errors' in refused && refused.errors?.[0]?.message).toContain('lacks the scope read');
    const allowed = await subscribe({
      schema,
      document: parse('subscription { experimentEvents }'),
      contextValue: { principal: ANONYMOUS_PRINCIPAL },
    });
    expect(Symbol.asyncIterator in allowed).toBe(true);
  });

  it('refuses to build a schema with a subscription the registry does not know', () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { metrics: { type: GraphQLString } } }),
      subscription: new GraphQLObjectType({
        name: 'Subscription',
        fields: { sneaky: { type: GraphQLString, subscribe: async function* () {} } },
      }),
    });
    expect(() => guardRootFields(schema)).toThrow(
      'Root fields without an access rule in src/domain/api-scopes.ts: Subscription.sneaky',
    );
  });
});
