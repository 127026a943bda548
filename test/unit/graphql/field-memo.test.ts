import { buildSchema, execute, type GraphQLResolveInfo, parse } from 'graphql';
import { perField } from '../../../src/graphql/field-memo';

const schema = buildSchema(`
  type Node { id: ID, stats(window: Int): String }
  type Query { nodes: [Node] }
`);

/** Runs `document` over three nodes whose `stats` resolver counts its calls of `compute`; returns the data and the count. */
async function run(document: string, variables: Record<string, unknown>, now: Date, fail = false) {
  let computed = 0;
  const stats = (args: { window?: number }, _ctx: unknown, info: GraphQLResolveInfo) =>
    perField(info, now, () => {
      computed += 1;
      if (fail) throw new Error('bad window');
      return `window ${args.window ?? 'none'}`;
    });
  const nodes = [1, 2, 3].map((id) => ({ id, stats }));
  const result = await execute({
    schema,
    document: parse(document),
    rootValue: { nodes },
    variableValues: variables,
  });
  return { result, computed };
}

describe('perField', () => {
  const now = new Date('2026-12-03T00:00:00Z');

  it('computes once for a field resolved on every item of a list', async () => {
    const { result, computed } = await run('query($w: Int) { nodes { stats(window: $w) } }', { w: 7 }, now);
    expect(result.data).toEqual({ nodes: [1, 2, 3].map(() => ({ stats: 'window 7' })) });
    expect(computed).toBe(1);
  });

  it('computes once per field: two aliases with other arguments get their own values', async () => {
    const { result, computed } = await run('{ nodes { a: stats(window: 1) b: stats(window: 2) } }', {}, now);
    expect(result.data).toEqual({ nodes: [1, 2, 3].map(() => ({ a: 'window 1', b: 'window 2' })) });
    expect(computed).toBe(2);
  });

  it('computes again in another execution of the same document, with other variables', async () => {
    const document = 'query($w: Int) { nodes { stats(window: $w) } }';
    const first = await run(document, { w: 1 }, now);
    const second = await run(document, { w: 2 }, now);
    expect(second.result.data).toEqual({ nodes: [1, 2, 3].map(() => ({ stats: 'window 2' })) });
    expect(first.computed + second.computed).toBe(2);
  });

  it('does not remember a failure: every item reports it', async () => {
    const { result, computed } = await run('{ nodes { stats(window: 1) } }', {}, now, true);
    expect(result.errors?.map((e) => e.message)).toEqual(['bad window', 'bad window', 'bad window']);
    expect(computed).toBe(3);
  });
});
