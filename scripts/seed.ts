/**
 * `npm run seed [-- --reset] [--experiments=N] [--seed=S]`: inserts the demo portfolio into the
 * configured database (DATABASE_URL, or the embedded one under EMBEDDED_DATA_DIR), after
 * migrating it. Refuses when experiments exist unless --reset, which empties every catalogue
 * table first, in the same transaction as the insert.
 */
import 'reflect-metadata';
import { openDatabase } from '../src/db/database';
import { seedDemoData } from '../src/db/seed/seed';
import { loadConfig } from '../src/server/config';

const USAGE = 'Usage: npm run seed -- [--reset] [--experiments=N] [--seed=S]';

function parseArgs(argv: readonly string[]): { reset: boolean; experiments?: number; seed?: number } {
  const parsed: { reset: boolean; experiments?: number; seed?: number } = { reset: false };
  for (const arg of argv) {
    const [name, value] = arg.split('=', 2);
    if (name === '--reset' && value === undefined) parsed.reset = true;
    else if ((name === '--experiments' || name === '--seed') && value !== undefined && /^\d+$/.test(value)) parsed[name === '--seed' ? 'seed' : 'experiments'] = Number(value);
    else throw new Error(`Unknown or malformed argument ${JSON.stringify(arg)}. ${USAGE}`);
  }
  return parsed;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const db = await openDatabase({
    databaseUrl: config.databaseUrl, embeddedDataDir: config.embeddedDataDir, poolSize: config.dbPoolSize, logSql: config.logSql, migrate: true,
  });
  try {
    const [{ experiments }] = await db.dataSource.query('SELECT count(*)::int AS experiments FROM experiment');
    if (experiments > 0 && !args.reset) {
      console.error(`The database already holds ${experiments} experiments; nothing was changed. Run "npm run seed -- --reset" to replace everything with the demo data.`);
      return 1;
    }
    const started = Date.now();
    console.log(`Seeding the ${db.mode} database${args.reset ? ' (after emptying the catalogue)' : ''}...`);
    const counts = await seedDemoData(db.dataSource, { ...args, log: (m) => console.log(m) });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`Inserted ${counts.experiments} experiments, ${counts.orgNodes} org nodes, ${counts.metricResults} metric results, ${counts.decisions} decisions and ${counts.learnings} learnings in ${seconds} s.`);
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
