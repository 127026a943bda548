import { GraphQLObjectType, GraphQLSchema, GraphQLString, graphql } from 'graphql';
import { ROOT_FIELD_ACCESS } from '../../../src/domain/api-scopes';
import { ANONYMOUS_PRINCIPAL } from '../../../src/domain/principal';
import { guardRootFields } from '../../../src/graphql/root-field-guard';
import { createSchema } from '../../../src/graphql/schema';

describe('the scope registry (domain/api-scopes.ts)', () => {
  it('names exactly the root Query fields and Mutations of the built schema', async () => {
    const schema = await createSchema();
    expect(schema.getSubscriptionType()).toBeUndefined();
    for (const [operation, type] of [
      ['Query', schema.getQueryType()!],
      ['Mutation', schema.getMutationType()!],
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
});
