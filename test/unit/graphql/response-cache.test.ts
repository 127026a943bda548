import 'reflect-metadata';
import {
  getNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isCompositeType,
  isObjectType,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { cacheablePolicy } from '../../../src/graphql/cacheable';
import { createSchema } from '../../../src/graphql/schema';
import { isResponseCacheable, ResponseCacheStore, usedVariablesKey } from '../../../src/graphql/response-cache';

/** Every field of the schema as `Type.field`, with the path of declared fields that reaches its type from Query. */
function reachableFields(schema: GraphQLSchema): Array<{ coordinate: string; document: string; declared: boolean }> {
  const fields: Array<{ coordinate: string; document: string; declared: boolean }> = [];
  const seen = new Set<string>();
  const queue: Array<{ type: GraphQLObjectType; path: string[] }> = [{ type: schema.getQueryType()!, path: [] }];
  while (queue.length > 0) {
    const { type, path } = queue.shift()!;
    if (seen.has(type.name)) continue;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      const selection = isCompositeType(named) ? `${field.name} { __typename }` : field.name;
      const document = `query { ${[...path, selection].join(' { ')}${' }'.repeat(path.length)} }`;
      const declared = cacheablePolicy(field) !== undefined;
      fields.push({ coordinate: `${type.name}.${field.name}`, document, declared });
      if (declared && isObjectType(named)) queue.push({ type: named, path: [...path, field.name] });
    }
  }
  return fields;
}

describe('response cache eligibility', () => {
  it('declares exactly these fields @Cacheable', async () => {
    const schema = await createSchema();
    const declared = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) =>
        Object.values(type.getFields())
          .filter((field) => cacheablePolicy(field) !== undefined)
          .map((field) => `${type.name}.${field.name}`),
      )
      .sort();
    expect(declared).toEqual(
      [
        'Query.orgNode',
        'Query.orgNodes',
        ...[
          'id',
          'key',
          'name',
          'kind',
          'parentId',
          'parent',
          'children',
          'ancestors',
          'createdAt',
          'updatedAt',
          'version',
          'stats',
          'ranking',
        ].map((f) => `OrgNode.${f}`),
        ...[
          'concluded',
          'counts',
          'pending',
          'excluded',
          'restarts',
          'learningRate',
          'winRate',
          'regressionRate',
          'neutralRate',
          'underpoweredRate',
          'invalidRate',
          'shippingRate',
          'invalidByReason',
          'underpoweredBySubReason',
          'decisionsByKind',
          'inconsistentDecisions',
          'decisionDebt',
          'medianDaysToDecision',
          'amendedAfterLaunch',
          'volume',
          'precision',
          'runtime',
        ].map((f) => `OrgStats.${f}`),
        'StatsVolume.started',
        'StatsVolume.concluded',
        'StatsPrecision.mdeRelative',
        'StatsPrecision.poweredEffectRelative',
        'StatsRuntime.daysRun',
        'StatsRuntime.longerThanPlanned',
        'MedianWithCount.median',
        'MedianWithCount.count',
        ...['value', 'lower', 'upper', 'successes', 'total', 'smallSample'].map((f) => `RateWithInterval.${f}`),
        ...['win', 'regression', 'poweredNeutral', 'underpowered', 'invalid', 'pending', 'excluded'].map(
          (f) => `CategoryCounts.${f}`,
        ),
        'DecisionDebt.count',
        'DecisionKindCount.kind',
        'DecisionKindCount.count',
        'SubReasonCount.subReason',
        'SubReasonCount.count',
        'ValidityReasonCount.reason',
        'ValidityReasonCount.count',
        'OrgNodeRank.rank',
        'OrgNodeRank.node',
        'OrgNodeRank.rate',
        'OrgNodeRank.stats',
      ].sort(),
    );
  });

  it('keeps a document selecting a field through declared fields exactly when the field is declared', async () => {
    const schema = await createSchema();
    const fields = reachableFields(schema);
    const wrong = fields
      .filter(({ document, declared }) => isResponseCacheable(schema, parse(document)) !== declared)
      .map(({ coordinate }) => coordinate);
    expect(wrong).toEqual([]);
    // Undeclared fields reached only through declared ones, never cached.
    expect(fields.filter((f) => !f.declared).map((f) => f.coordinate)).toEqual(
      expect.arrayContaining(['DecisionDebt.oldestAgeDays', 'OrgNode.statsSeries', 'OrgNode.experiments']),
    );
  });

  it('accepts a heat map with fragments and __typename, and refuses anything else', async () => {
    const schema = await createSchema();
    expect(
      isResponseCacheable(
        schema,
        parse(
          `query { orgNodes { __typename key stats { ...S } } } fragment S on OrgStats { concluded learningRate { value } }`,
        ),
      ),
    ).toBe(true);
    expect(
      isResponseCacheable(schema, parse(`query { orgNodes { key stats { decisionDebt { oldestAgeDays } } } }`)),
    ).toBe(false);
    expect(
      isResponseCacheable(
        schema,
        parse(`query { orgNodes { key } } fragment E on OrgNode { experiments { totalCount } }`),
      ),
    ).toBe(false);
    expect(isResponseCacheable(schema, parse(`mutation { reclassifyExperiments { reclassified } }`))).toBe(false);
    // A window start is checked against an end that defaults to the clock: never kept.
    expect(
      isResponseCacheable(schema, parse(`query { orgNodes { stats(from: "2020-01-01T00:00:00Z") { concluded } } }`)),
    ).toBe(false);
    expect(
      isResponseCacheable(schema, parse(`query { orgNodes { stats(to: "2020-01-01T00:00:00Z") { concluded } } }`)),
    ).toBe(true);
  });
});

describe('usedVariablesKey', () => {
  const operation = (source: string) => parse(source).definitions[0] as OperationDefinitionNode;

  it('keeps only the variables the operation declares, in a stable order at every level', () => {
    const op = operation(
      'query ($key: String!, $filter: StatsFilter) { orgNode(key: $key) { stats(filter: $filter) { concluded } } }',
    );
    const a = usedVariablesKey(op, {
      key: 'acme',
      filter: { tagsAll: ['a'], kind: ['AB_TEST'] },
      pad: 'x'.repeat(1000),
    });
    const b = usedVariablesKey(op, { filter: { kind: ['AB_TEST'], tagsAll: ['a'] }, key: 'acme', other: 1 });
    expect(a).toBe(b);
    expect(a).toBe('{"filter":{"kind":["AB_TEST"],"tagsAll":["a"]},"key":"acme"}');
  });

  it('tells an omitted variable from an explicit null, and keeps list order', () => {
    const op = operation('query ($filter: StatsFilter) { orgNodes { stats(filter: $filter) { concluded } } }');
    expect(usedVariablesKey(op, {})).toBe('{}');
    expect(usedVariablesKey(op, undefined)).toBe('{}');
    expect(usedVariablesKey(op, { filter: null })).toBe('{"filter":null}');
    expect(usedVariablesKey(op, { filter: { tagsAny: ['b', 'a'] } })).not.toBe(
      usedVariablesKey(op, { filter: { tagsAny: ['a', 'b'] } }),
    );
  });
});

describe('ResponseCacheStore', () => {
  const entry = (bytes: number) => ({ version: '1', from: 0, until: 1, bytes, result: { data: {} } });

  it('counts keys and answers towards its byte bound and drops the least recently used beyond it', () => {
    const store = new ResponseCacheStore({ maxBytes: 1000 });
    expect(store.set('a'.repeat(100), entry(200))).toBe(true);
    expect(store.set('b'.repeat(100), entry(200))).toBe(true);
    expect(store.byteSize).toBe(600);
    store.get('a'.repeat(100));
    expect(store.set('c'.repeat(100), entry(350))).toBe(true);
    expect(store.byteSize).toBe(750);
    expect(store.get('b'.repeat(100))).toBeUndefined();
    expect(store.get('a'.repeat(100))).toBeDefined();
    expect(store.size).toBe(2);
  });

  it('keeps neither a key longer than its limit nor an entry larger than the whole bound, and replaces an entry in place', () => {
    const store = new ResponseCacheStore({ maxBytes: 1000, maxKeyLength: 50 });
    expect(store.set('k'.repeat(51), entry(1))).toBe(false);
    expect(store.set('k', entry(1000))).toBe(false);
    expect(store.size).toBe(0);
    expect(store.byteSize).toBe(0);
    store.set('k', entry(10));
    store.set('k', entry(20));
    expect(store.byteSize).toBe(21);
  });

  it('drops the least recently used beyond its entry count', () => {
    const store = new ResponseCacheStore({ maxBytes: 1000, maxEntries: 2 });
    for (const k of ['a', 'b', 'c']) store.set(k, entry(1));
    expect([store.get('a'), store.get('b'), store.get('c')].map((e) => e !== undefined)).toEqual([false, true, true]);
  });
});
