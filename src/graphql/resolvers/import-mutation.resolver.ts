import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { handleImportExperiments } from '../../app/import/import-commands';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
import { ImportExperimentsInput } from '../inputs/import-experiments.input';
import { ImportExperimentsPayload } from '../types/import-experiments-payload.type';

/** Bulk import from other systems (README "Bulk import"); `npm run import` writes each batch the same way. */
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
    const outcome = await handleImportExperiments(commandContextOf(ctx), input, idempotencyKey);
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
