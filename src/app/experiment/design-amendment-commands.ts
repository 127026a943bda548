import { type CommandContext } from '../command-context';
import { showsById } from '../replay-visibility';
import { experimentRef, runCommand } from '../run-command';
import { type AmendExperimentDesignCommand, amendExperimentDesign } from './design-amendment-writes';

/** amendExperimentDesign: one transaction with its audit row and idempotency key (see runCommand). */
export function handleAmendExperimentDesign(
  ctx: CommandContext,
  input: AmendExperimentDesignCommand,
  idempotencyKey?: string | null,
) {
  return runCommand<Awaited<ReturnType<typeof amendExperimentDesign>>>(
    ctx,
    {
      operation: 'amendExperimentDesign',
      args: { input },
      idempotencyKey,
      before: experimentRef({ id: input.experimentId }),
      shows: showsById('experiment', 'input.experimentId', input.experimentId),
    },
    (w) => amendExperimentDesign(w, input),
  );
}
