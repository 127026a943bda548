import { buildSchema, execute, type GraphQLResolveInfo, parse } from 'graphql';
import { selectsChildField, selectsField } from '../../../src/graphql/selection';

const schema = buildSchema(`
  type Stats { concluded: Int, medianDaysToDecision: Float }
  type Period { stats: Stats }
  type Query { stats: Stats, series: [Period] }
`);

/** Runs `document` and returns what `selects(info, 'medianDaysToDecision')` said for each root field. */
async function probe(document: string, selects = selectsField): Promise<Record<string, boolean>> {
  const seen: Record<string, boolean> = {};
  const record = (name: string) => (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
    seen[name] = selects(info, 'medianDaysToDecision');
    return name === 'series' ? [] : {};
  };
  const result = await execute({
    schema,
    document: parse(document),
    rootValue: { stats: record('stats'), series: record('series') },
  });
  expect(result.errors).toBeUndefined();
  return seen;
}

describe('selectsField', () => {
  it('is true when the field is selected directly', async () => {
    expect(await probe('{ stats { concluded medianDaysToDecision } }')).toEqual({ stats: true });
  });

  it('is false when the field is not selected', async () => {
    expect(await probe('{ stats { concluded } series { stats { concluded } } }')).toEqual({
      stats: false,
      series: false,
    });
  });

  it('finds the field below nested fields, inline fragments and named fragments', async () => {
    const document = `
      { series { stats { ...S } } stats { ... on Stats { medianDaysToDecision } } }
      fragment S on Stats { concluded ...M }
      fragment M on Stats { medianDaysToDecision }`;
    expect(await probe(document)).toEqual({ series: true, stats: true });
  });

  it('counts a field under @include(if: false) as selected (only costs work)', async () => {
    expect(await probe('{ stats { medianDaysToDecision @include(if: false) } }')).toEqual({ stats: true });
  });
});

describe('selectsChildField', () => {
  it('is true when the returned object selects the field, directly or through fragments', async () => {
    const document = '{ stats { concluded ... on Stats { medianDaysToDecision } } series { stats { concluded } } }';
    expect(await probe(document, selectsChildField)).toEqual({ stats: true, series: false });
    expect(await probe('{ stats { ...M } } fragment M on Stats { medianDaysToDecision }', selectsChildField)).toEqual({
      stats: true,
    });
  });

  it('is false when the field is selected only in a nested object', async () => {
    expect(await probe('{ series { stats { medianDaysToDecision } } }', selectsChildField)).toEqual({ series: false });
  });
});
