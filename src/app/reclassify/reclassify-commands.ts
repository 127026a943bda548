import { type CommandContext } from '../command-context';
import { showsNothing } from '../replay-visibility';
import { runCommand } from '../run-command';
import { SubtreeGuard } from '../subtree-guard';
import { reclassifyExperiments, type ReclassifySummary } from './reclassify';

/** What a reclassification's audit row records: how many experiments, and who moved from which category to which. */
export type ReclassifyOutcome = Pick<ReclassifySummary, 'experiments' | 'moves'>;

/**
 * reclassifyExperiments (the mutation, `npm run reclassify`, and with `onlyStale` the server's
 * start-up): recomputes every stored classification (or only those missing or under an older
 * ruleset) in batches that commit on their own (see `reclassifyExperiments`), then appends one
 * audit row for the whole run with its summary. An `onlyStale` run that found nothing to
 * recompute appends no row (a server start on an up-to-date database writes nothing). A key
 * limited to an org subtree is refused before anything is written (the registry's WHOLE_ORG
 * rule, see SubtreeGuard).
 */
export async function handleReclassifyExperiments(
  ctx: CommandContext,
  options: { log?: (message: string) => void; onlyStale?: boolean } = {},
): Promise<ReclassifyOutcome> {
  // The registry's rule (WHOLE_ORG) is checked before the batches commit, not only at the audit row.
  SubtreeGuard.for('reclassifyExperiments', ctx.principal);
  const onlyStale = options.onlyStale ?? false;
  const summary = await reclassifyExperiments(ctx.dataSource, { now: ctx.now, log: options.log, onlyStale });
  const outcome: ReclassifyOutcome = {
    experiments: summary.experiments,
    moves: summary.moves.map((m) => ({ from: m.from, to: m.to, count: m.count })),
  };
  return runCommand(
    ctx,
    {
      operation: 'reclassifyExperiments',
      args: onlyStale ? { onlyStale } : {},
      after: (r) =>
        onlyStale && r.experiments === 0 ? null : { type: 'catalogue', id: null, experimentId: null, state: r },
      shows: showsNothing,
    },
    async () => outcome,
  );
}
