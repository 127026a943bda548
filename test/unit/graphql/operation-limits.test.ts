import { costShapeJson } from '../../../src/graphql/operation-cost';
import fs from 'node:fs';
import path from 'node:path';
import {
  getIntrospectionQuery,
  getNamedType,
  type GraphQLInputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  typeFromAST,
} from 'graphql';
import { MAX_PAGE_SIZE } from '../../../src/graphql/page-args';
import { DEFAULT_OPERATION_LIMITS, findStaticLimitRefusals } from '../../../src/graphql/operation-limits';
import { createSchema } from '../../../src/graphql/schema';
import { DEFAULT_QUERY } from '../../../src/server/sandbox';
import { Q1, Q1D, Q2, Q3, Q4, Q4_CHILDREN, Q4_SMALL, Q5 } from '../../../bench/api-queries';

/** A value of the type, with every required input field, and ints at the largest page size (the worst case for `first`). */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [sampleValue(type.ofType as GraphQLInputType)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return Object.fromEntries(fields.map((f) => [f.name, sampleValue(f.type)]));
  }
  switch (getNamedType(type).name) {
    case 'Int':
      return MAX_PAGE_SIZE;
    case 'Float':
      return 0.5;
    case 'Boolean':
      return true;
    case 'DateTime':
      return '2026-01-01T00:00:00Z';
    case 'JSON':
      return {};
    default:
      return 'x';
  }
}

function sampleVariables(schema: GraphQLSchema, source: string): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of parse(source).definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      variables[variable.variable.name.value] = sampleValue(typeFromAST(schema, variable.type) as GraphQLInputType);
    }
  }
  return variables;
}

const root = path.resolve(__dirname, '../../..');
const operationsDir = path.join(root, 'test/integration/operations');
const operationFiles = fs.readdirSync(operationsDir).filter((f) => f.endsWith('.graphql'));
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const readmeBlocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
const benchQueries = { Q1, Q1D, Q2, Q3, Q4, Q4_CHILDREN, Q4_SMALL, Q5 };

describe('operation limits (defaults)', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await createSchema();
  });
  const refusals = (source: string) =>
    findStaticLimitRefusals(schema, source, DEFAULT_OPERATION_LIMITS, sampleVariables(schema, source));

  it('finds the test operation documents', () => {
    expect(operationFiles.length).toBeGreaterThan(20);
  });

  it.each(operationFiles)('lets test/integration/operations/%s pass at the largest page size', (file) => {
    expect(refusals(fs.readFileSync(path.join(operationsDir, file), 'utf8'))).toEqual([]);
  });

  it.each(readmeBlocks.map((block, i) => [i, block]))('lets README example %i pass', (_i, block) => {
    expect(refusals(block as string)).toEqual([]);
  });

  it.each(Object.entries(benchQueries))('lets the benchmark query %s pass', (_name, query) => {
    expect(refusals(query)).toEqual([]);
  });

  it('lets the sandbox default query pass', () => {
    expect(refusals(DEFAULT_QUERY)).toEqual([]);
  });

  it.each([
    ['graphql-js', getIntrospectionQuery()],
    [
      'GraphiQL (descriptions, deprecations, repeatable directives)',
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    ],
  ])('lets the %s introspection query pass', (_name, query) => {
    expect(refusals(query)).toEqual([]);
  });

  it('refuses a nesting deeper than the maximum, naming the depth found', () => {
    const deep = `{ orgNode(key: "a") { ${'parent { '.repeat(12)}key${' }'.repeat(12)} } }`;
    expect(refusals(deep)).toEqual([{ code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 12, actual: 14 }]);
  });

  it('counts aliases with fragments expanded', () => {
    const source = `query { ...F ...F } fragment F on Query { ${Array.from({ length: 31 }, (_, i) => `m${i}: metrics { key }`).join(' ')} }`;
    expect(refusals(source)).toEqual([{ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: 30, actual: 62 }]);
  });

  it('charges a list its first times its selection, through the nesting', () => {
    const page = (inner: string) => `experiments(first: 100) { edges { node { key ${inner} } } }`;
    expect(refusals(`{ ${page(`owner { ${page('')} }`)} }`)).toEqual([]);
    const [refusal] = refusals(`{ ${page(`owner { ${page(`owner { ${page('')} }`)} }`)} }`);
    expect(refusal).toMatchObject({ limit: 'cost', max: 200_000 });
    expect(refusal!.actual).toBeGreaterThan(100 * 100 * 100);
  });

  it('stops counting tokens at the first one over the maximum', () => {
    const source = `{ ${Array.from({ length: 2000 }, () => '__typename').join(' ')} ${Array.from({ length: 1000 }, () => 'metrics { key }').join(' ')} }`;
    expect(refusals(source)).toEqual([{ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: 5000, actual: 5001 }]);
  });
});

describe('costShapeJson', () => {
  it('keeps what a cost depends on (numbers, booleans, nulls, list lengths) and blanks every string', () => {
    expect(costShapeJson({ key: 'exp-1', first: 50, on: true, none: null, tags: ['a', 'b'], f: { s: 'x' } })).toBe(
      '{"key":"","first":50,"on":true,"none":null,"tags":["",""],"f":{"s":""}}',
    );
    expect(costShapeJson({ key: 'exp-1' })).toBe(costShapeJson({ key: 'exp-2' }));
    expect(costShapeJson(undefined)).toBe('{}');
  });
});
