import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { importWithAudit } from '../../app/import/import-audit-writes';
import { type ImportExperimentsOutcome, importExperiments } from '../../app/import/import-writes';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
import { auditActor, runCommand } from '../../app/run-command';
import { showsNothing } from '../../app/replay-visibility';
import { ImportExperimentsInput } from '../inputs/import-experiments.input';
import { ImportExperimentsPayload } from '../types/import-experiments-payload.type';

/** Bulk import from other systems (README "Bulk import"); `npm run import` writes through the same function. */
@Resolver()
export class ImportMutationResolver {
  @Mutation(() => ImportExperimentsPayload, {
    description:
      'Upserts up to 1,000 experiments (with variants, metrics, hypothesis, results and decisions) by (source, externalId) in one transaction. ' +
      'Each item gets its own outcome: a refused item writes nothing and does not stop the others. Re-running an import changes nothing.',
  })
  async importExperiments(
    @Arg('input', () => ImportExperimentsInput, { description: 'The experiments.' }) input: ImportExperimentsInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<ImportExperimentsPayload> {
    // One audit row per experiment written (CREATED or UPDATED), appended by importWithAudit.
    const outcome = await runCommand<ImportExperimentsOutcome>(
      commandContextOf(ctx),
      {
        operation: 'importExperiments',
        args: { input },
        idempotencyKey,
        auditedByWrite: true,
        // Each item's experiment is re-checked where it is read (ImportItemResult.experiment), replays included.
        shows: showsNothing,
      },
      (m) =>
        importWithAudit(m, input.items, input.source ?? null, auditActor(ctx), ctx.now, () =>
          importExperiments(m, input, ctx.now, ctx.access.subtreeRootId),
        ),
    );
    const count = (o: string) => outcome.items.filter((i) => i.outcome === o).length;
    return {
      items: outcome.items.map((i) => ({
        index: i.index,
        source: i.source,
        externalId: i.externalId,
        outcome: i.outcome,
        errors: [...i.errors],
        experimentId: i.experimentId,
      })),
      created: count('CREATED'),
      updated: count('UPDATED'),
      unchanged: count('UNCHANGED'),
      failed: count('FAILED'),
    };
  }
}
