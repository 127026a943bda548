import 'reflect-metadata';
import { isObjectType, parse } from 'graphql';
import { createSchema } from '../../../src/graphql/schema';
import { isResponseCacheable, RESPONSE_CACHEABLE_FIELDS } from '../../../src/graphql/response-cache';

describe('response cache eligibility', () => {
  it('lists only fields that exist in the schema', async () => {
    const schema = await createSchema();
    const missing = [...RESPONSE_CACHEABLE_FIELDS].filter((coordinate) => {
      const [type, field] = coordinate.split('.') as [string, string];
      const t = schema.getType(type);
      return !isObjectType(t) || !t.getFields()[field];
    });
    expect(missing).toEqual([]);
  });

  it('accepts a heat map with fragments and __typename, and refuses anything else', async () => {
    const schema = await createSchema();
    expect(isResponseCacheable(schema, parse(`query { orgNodes { __typename key stats { ...S } } } fragment S on OrgStats { concluded learningRate { value } }`))).toBe(true);
    expect(isResponseCacheable(schema, parse(`query { orgNodes { key stats { decisionDebt { oldestAgeDays } } } }`))).toBe(false);
    expect(isResponseCacheable(schema, parse(`query { orgNodes { key } } fragment E on OrgNode { experiments { totalCount } }`))).toBe(false);
    expect(isResponseCacheable(schema, parse(`mutation { reclassifyExperiments { reclassified } }`))).toBe(false);
    // A window start is checked against an end that defaults to the clock: never kept.
    expect(isResponseCacheable(schema, parse(`query { orgNodes { stats(from: "2020-01-01T00:00:00Z") { concluded } } }`))).toBe(false);
    expect(isResponseCacheable(schema, parse(`query { orgNodes { stats(to: "2020-01-01T00:00:00Z") { concluded } } }`))).toBe(true);
  });
});
