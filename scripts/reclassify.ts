import 'reflect-metadata';
import { createCliCommandContext } from '../src/app/command-context';
import { handleReclassifyExperiments } from '../src/app/reclassify/reclassify-commands';
import { RULESET_VERSION } from '../src/domain/ruleset';
import { openCliDatabase } from '../src/server/cli-database';

/**
 * `npm run reclassify`: recomputes every stored classification and prints who moved from which category to which;
 * audited like the reclassifyExperiments mutation (principal INTERNAL `npm run reclassify`, the OS user as actor).
 */
async function main(): Promise<void> {
  const db = await openCliDatabase({ role: 'reclassify', poolSize: 1, migrate: true });
  try {
    const started = Date.now();
    const summary = await handleReclassifyExperiments(createCliCommandContext(db.dataSource, 'npm run reclassify'), {
      log: (m) => console.log(m),
    });
    console.log(
      `Reclassified ${summary.experiments} experiments under ${RULESET_VERSION} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    if (summary.moves.length === 0) console.log('No experiment changed category.');
    for (const move of summary.moves) console.log(`  ${move.from.padEnd(16)} -> ${move.to.padEnd(16)} ${move.count}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error('Reclassify failed:', error);
  process.exit(1);
});
