import { type CommandContext } from '../command-context';
import { EXPERIMENT_REF, showsExperimentRef } from '../replay-visibility';
import { experimentRef, runCommand } from '../run-command';
import { type RecordHealthChecksCommand, recordHealthChecks } from './health-check-writes';
import { type RecordResultsCommand, recordResults } from './result-writes';

/** recordResults: one transaction with its audit row and idempotency key (see runCommand). */
export function handleRecordResults(ctx: CommandContext, input: RecordResultsCommand, idempotencyKey?: string | null) {
  return runCommand<Awaited<ReturnType<typeof recordResults>>>(
    ctx,
    {
      operation: 'recordResults',
      args: { input },
      idempotencyKey,
      before: experimentRef({ id: input.experimentId, key: input.experimentKey }),
      shows: showsExperimentRef(EXPERIMENT_REF, { id: input.experimentId, key: input.experimentKey }),
    },
    (w) => recordResults(w, input),
  );
}

/** recordHealthChecks: one transaction with its audit row and idempotency key (see runCommand). */
export function handleRecordHealthChecks(
  ctx: CommandContext,
  input: RecordHealthChecksCommand,
  idempotencyKey?: string | null,
) {
  return runCommand<Awaited<ReturnType<typeof recordHealthChecks>>>(
    ctx,
    {
      operation: 'recordHealthChecks',
      args: { input },
      idempotencyKey,
      before: experimentRef({ id: input.experimentId, key: input.experimentKey }),
      shows: showsExperimentRef(EXPERIMENT_REF, { id: input.experimentId, key: input.experimentKey }),
    },
    (w) => recordHealthChecks(w, input),
  );
}
