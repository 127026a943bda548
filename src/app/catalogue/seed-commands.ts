import { type EntityManager } from 'typeorm';
import { countCatalogueRows } from '../../db/queries/catalogue-reads';
import { type CommandContext } from '../command-context';
import { showsNothing } from '../replay-visibility';
import { runCommand } from '../run-command';

/** A generated catalogue to load (the demo portfolio of `npm run seed` and of the server's first start). */
export interface CatalogueSeed<T extends object> {
  /** The seed empties the catalogue first: the audit row's "before" lists the rows per table it deletes. */
  readonly replaces: boolean;
  /** Writes the catalogue with the command's EntityManager; null when it wrote nothing (data already there). */
  readonly write: (m: EntityManager) => Promise<T | null>;
}

/**
 * seedDemoData (`npm run seed`, and the server filling an empty database): the bulk load runs as
 * ONE command, in one transaction, with one audit row whose "after" is what the seed reports
 * (rows per table, the API keys a reset kept). A seed that wrote nothing appends no row. The demo
 * simulator is passed in by the caller: the application layer does not depend on it.
 */
export function handleSeedCatalogue<T extends object>(ctx: CommandContext, seed: CatalogueSeed<T>): Promise<T | null> {
  return runCommand<T | null>(
    ctx,
    {
      operation: 'seedDemoData',
      args: { replaces: seed.replaces },
      before: seed.replaces
        ? async (m) => ({
            type: 'catalogue',
            id: null,
            experimentId: null,
            state: { rows: await countCatalogueRows(m) },
          })
        : undefined,
      after: (result) => (result === null ? null : { type: 'catalogue', id: null, experimentId: null, state: result }),
      shows: showsNothing,
    },
    (w) => seed.write(w.m),
  );
}
