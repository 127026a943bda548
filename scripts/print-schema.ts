import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { printSchemaFile } from '../src/graphql/print-schema';

/** `npm run schema`: writes schema.graphql from the code (`--check` only compares and fails on drift). */
async function main(): Promise<void> {
  const file = path.resolve(__dirname, '..', 'schema.graphql');
  const printed = await printSchemaFile();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current !== printed) {
      console.error('schema.graphql is out of date: run `npm run schema` and commit the result.');
      process.exit(1);
    }
    console.log('schema.graphql is up to date.');
    return;
  }
  fs.writeFileSync(file, printed);
  console.log(`Wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
