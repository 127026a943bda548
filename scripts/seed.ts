/**
 * `npm run seed [-- --reset --yes] [--experiments=N] [--seed=S]`: inserts the demo portfolio into
 * the configured database (DATABASE_URL, or the embedded one under EMBEDDED_DATA_DIR, through the
 * running server when one owns it), after migrating it. Refuses when experiments exist unless
 * --reset, which empties every catalogue table first, in the same transaction as the insert, and
 * keeps the API keys. --reset without --yes changes nothing: it lists what it would delete. The
 * run is audited as one seedDemoData command (principal INTERNAL `npm run seed`, the OS user as actor).
 */
import 'reflect-metadata';
import { countCatalogueRows } from '../src/db/queries/catalogue-reads';
import { writeDemoData } from '../src/db/seed/seed';
import { createCliCommandContext } from '../src/app/command-context';
import { handleSeedCatalogue } from '../src/app/catalogue/seed-commands';
import { openCliDatabase } from '../src/server/cli-database';
import { loadConfig } from '../src/server/config';

const USAGE = 'Usage: npm run seed -- [--reset --yes] [--experiments=N] [--seed=S]';

interface SeedArgs {
  reset: boolean;
  yes: boolean;
  experiments?: number;
  seed?: number;
}

function parseArgs(argv: readonly string[]): SeedArgs {
  const parsed: SeedArgs = { reset: false, yes: false };
  for (const arg of argv) {
    const [name, value] = arg.split('=', 2);
    if (name === '--reset' && value === undefined) parsed.reset = true;
    else if (name === '--yes' && value === undefined) parsed.yes = true;
    else if ((name === '--experiments' || name === '--seed') && value !== undefined && /^\d+$/.test(value))
      parsed[name === '--seed' ? 'seed' : 'experiments'] = Number(value);
    else throw new Error(`Unknown or malformed argument ${JSON.stringify(arg)}. ${USAGE}`);
  }
  return parsed;
}

async function main(): Promise<number> {
  const { yes, ...args } = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const db = await openCliDatabase({ role: 'seed', poolSize: config.dbPoolSize, migrate: true, config });
  try {
    const [{ experiments }] = await db.dataSource.query('SELECT count(*)::int AS experiments FROM experiment');
    if (experiments > 0 && !args.reset) {
      console.error(
        `The database already holds ${experiments} experiments; nothing was changed. Run "npm run seed -- --reset --yes" to replace the catalogue with the demo data (API keys are kept).`,
      );
      return 1;
    }
    if (args.reset && !yes) {
      const rows = await countCatalogueRows(db.dataSource.manager);
      console.error('--reset deletes every row of the catalogue (with its stored classifications and roll-ups):');
      for (const { table, rows: n } of rows) console.error(`  ${table.padEnd(24)} ${n}`);
      if (rows.length === 0) console.error('  (the catalogue is empty)');
      console.error(
        'API keys, the audit log and idempotency records are kept. Nothing was changed: add --yes to go ahead.',
      );
      return 1;
    }
    const started = Date.now();
    console.log(
      `Seeding the ${db.mode} database${args.reset ? ' (after emptying the catalogue; API keys are kept)' : ''}...`,
    );
    const counts = await handleSeedCatalogue(createCliCommandContext(db.dataSource, 'npm run seed'), {
      replaces: args.reset,
      write: (m) => writeDemoData(m, { ...args, log: (message) => console.log(message) }),
    });
    if (counts === null) throw new Error('The seed wrote nothing');
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `Inserted ${counts.experiments} experiments, ${counts.orgNodes} org nodes, ${counts.metricResults} metric results, ${counts.decisions} decisions and ${counts.learnings} learnings in ${seconds} s.`,
    );
    if (counts.apiKeys) {
      console.log(`Kept ${counts.apiKeys.kept} API key(s).`);
      if (counts.apiKeys.dropped.length > 0) {
        console.log(
          `Deleted ${counts.apiKeys.dropped.length} API key(s) scoped to org nodes the demo data does not have: ${counts.apiKeys.dropped.join(', ')}`,
        );
      }
    }
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Seeding failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
