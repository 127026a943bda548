import fs from 'node:fs';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { createSchema } from '../../../src/graphql/schema';

/** The README's example operations must stay valid against the schema (docs that compile). */
describe('README GraphQL examples', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it('has an example for each user group', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  it.each(blocks.map((b, i) => [i, b]))('validates example %i against the schema', async (_i, source) => {
    const errors = validate(await createSchema(), parse(source as string));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});

describe('sandbox default query', () => {
  it('is valid against the schema', async () => {
    const { DEFAULT_QUERY } = await import('../../../src/server/sandbox');
    expect(validate(await createSchema(), parse(DEFAULT_QUERY)).map((e) => e.message)).toEqual([]);
  });
});
