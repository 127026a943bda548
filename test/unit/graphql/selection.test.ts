import { buildSchema, execute, type GraphQLResolveInfo, parse } from 'graphql';
import { type Context } from '../../../src/graphql/context';
import { oncePerField, selectsField } from '../../../src/graphql/selection';

const schema = buildSchema(`
  type Stats { concluded: Int, medianDaysToDecision: Float }
  type Period { stats: Stats }
  type Query { stats: Stats, series: [Period] }
`);

/** Runs `document` and returns what selectsField(info, 'medianDaysToDecision') said for each root field. */
async function probe(document: string): Promise<Record<string, boolean>> {
  const seen: Record<string, boolean> = {};
  const record = (name: string) => (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
    seen[name] = selectsField(info, 'medianDaysToDecision');
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

describe('oncePerField', () => {
  const listSchema = buildSchema(`
    type Item { a(x: Int): Int, b(x: Int): Int }
    type Query { items: [Item] }
  `);

  /** Resolves `items` to three items whose fields a and b count how often their value was computed. */
  async function computedPerField(document: string, variableValues?: Record<string, unknown>) {
    const computed: string[] = [];
    const ctx = { perField: new WeakMap<object, unknown>() } as unknown as Context;
    const field = (name: string) => (args: { x?: number }, _ctx: unknown, info: GraphQLResolveInfo) =>
      oncePerField(ctx, info, () => {
        computed.push(`${name}(${args.x})`);
        return args.x ?? 0;
      });
    const rootValue = { items: () => [0, 1, 2].map(() => ({ a: field('a'), b: field('b') })) };
    const result = await execute({
      schema: listSchema,
      document: parse(document),
      rootValue,
      contextValue: ctx,
      variableValues,
    });
    expect(result.errors).toBeUndefined();
    return { computed, data: result.data };
  }

  it('computes once per field of the document for all items of a list, and answers every item', async () => {
    const { computed, data } = await computedPerField('query($v: Int) { items { a(x: $v) b(x: 2) } }', { v: 7 });
    expect(computed.sort()).toEqual(['a(7)', 'b(2)']);
    expect(data).toEqual({
      items: [
        { a: 7, b: 2 },
        { a: 7, b: 2 },
        { a: 7, b: 2 },
      ],
    });
  });

  it('keeps two aliases of one field with different arguments apart', async () => {
    const { computed, data } = await computedPerField('{ items { one: a(x: 1) two: a(x: 2) } }');
    expect(computed.sort()).toEqual(['a(1)', 'a(2)']);
    expect(data).toEqual({
      items: [
        { one: 1, two: 2 },
        { one: 1, two: 2 },
        { one: 1, two: 2 },
      ],
    });
  });
});
