import 'reflect-metadata';
import {
  type GraphQLInputType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  GraphQLString,
} from 'graphql';
import { type DataSource } from 'typeorm';
import { type ExperimentMetric, type MetricResult } from '../../../src/domain/experiment';
import { ANONYMOUS_PRINCIPAL } from '../../../src/domain/principal';
import { createContext } from '../../../src/graphql/context';
import { DateTimeScalar } from '../../../src/graphql/scalars/date-time.scalar';
import { createSchema } from '../../../src/graphql/schema';
import { argumentNeedsValidation } from '../../../src/graphql/validate-args';

const context = () => createContext({} as DataSource, ANONYMOUS_PRINCIPAL, new Date('2026-01-01T00:00:00Z'));

describe('argumentNeedsValidation', () => {
  const input = new GraphQLInputObjectType({ name: 'Some', fields: { text: { type: GraphQLString } } });
  it.each<[string, GraphQLInputType, boolean]>([
    ['a String', GraphQLString, false],
    ['a non-null String', new GraphQLNonNull(GraphQLString), false],
    ['a DateTime', DateTimeScalar, false],
    ['a list of String', new GraphQLList(GraphQLString), true],
    ['an input object', input, true],
  ])('says whether %s can be refused (%s)', (_name, type, expected) => {
    expect(argumentNeedsValidation(type)).toBe(expected);
  });
  it('lets enum values pass', async () => {
    const schema = await createSchema();
    expect(argumentNeedsValidation(schema.getType('ResultPeriod') as GraphQLInputType)).toBe(false);
  });
});

describe('resolveFieldsDirectly (through createSchema)', () => {
  const experimentMetric = { id: 'em-1', experimentId: 'x-1', metricId: 'm-1' } as ExperimentMetric;
  const results = [{ id: 'r-1', n: 10, sum: 3 }] as MetricResult[];

  it('answers a field with an enum argument synchronously from a primed loader', async () => {
    const schema = await createSchema();
    const field = (schema.getType('ExperimentMetric') as GraphQLObjectType).getFields().results!;
    const ctx = context();
    ctx.loaders.metricResultsByExperimentMetricId.prime(
      { experimentMetricId: 'em-1', period: 'PRE_EXPOSURE' },
      results,
    );
    const value = field.resolve!(experimentMetric, { period: 'PRE_EXPOSURE' }, ctx, {} as GraphQLResolveInfo);
    expect(value).toBe(results);
  });

  it('reads the argument as graphql-js coerced it (null period: EXPOSURE, as the resolver says)', async () => {
    const schema = await createSchema();
    const field = (schema.getType('ExperimentMetric') as GraphQLObjectType).getFields().results!;
    const ctx = context();
    ctx.loaders.metricResultsByExperimentMetricId.prime({ experimentMetricId: 'em-1', period: 'EXPOSURE' }, results);
    expect(field.resolve!(experimentMetric, { period: null }, ctx, {} as GraphQLResolveInfo)).toBe(results);
  });

  it('leaves a field whose arguments type-graphql converts (an @Args class) to type-graphql', async () => {
    const schema = await createSchema();
    const field = (schema.getType('OrgNode') as GraphQLObjectType).getFields().experiments!;
    // type-graphql validates the converted arguments first, so even a refusal comes as a promise.
    const value = field.resolve!({ id: 'n-1' }, { first: -1 }, context(), {} as GraphQLResolveInfo);
    expect(value).toBeInstanceOf(Promise);
    await (value as Promise<unknown>).catch(() => undefined);
  });
});
