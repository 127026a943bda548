import { type CommandContext } from '../command-context';
import { EXPERIMENT_REF, showsExperimentRef } from '../replay-visibility';
import { experimentRef, runCommand } from '../run-command';
import { type RecordDecisionCommand, recordDecision } from './decision-writes';

/** recordDecision: one transaction with its audit row and idempotency key (see runCommand). */
export function handleRecordDecision(
  ctx: CommandContext,
  input: RecordDecisionCommand,
  idempotencyKey?: string | null,
) {
  return runCommand<Awaited<ReturnType<typeof recordDecision>>>(
    ctx,
    {
      operation: 'recordDecision',
      args: { input },
      idempotencyKey,
      before: experimentRef({ id: input.experimentId, key: input.experimentKey }),
      shows: showsExperimentRef(EXPERIMENT_REF, { id: input.experimentId, key: input.experimentKey }),
    },
    (w) => recordDecision(w, input),
  );
}
