import fs from 'node:fs';
import path from 'node:path';
import { printSchemaFile } from '../../../src/graphql/print-schema';

describe('schema.graphql', () => {
  it('matches the schema built from the code (run `npm run schema` after changing the API)', async () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '../../../schema.graphql'), 'utf8');
    expect(await printSchemaFile()).toBe(committed);
  });
});
