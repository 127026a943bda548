/**
 * `npm run import -- FILE [--batch N] [--source NAME]`: imports an NDJSON file of experiments into
 * the configured database (DATABASE_URL, or the embedded one under EMBEDDED_DATA_DIR, migrated
 * first), through the code path of the importExperiments mutation. See scripts/import-command.ts.
 */
import 'reflect-metadata';
import { runImportCommand } from './import-command';

runImportCommand(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Import failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
