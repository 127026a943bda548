import { type CommandContext } from '../command-context';
import { showsById } from '../replay-visibility';
import { recordRef, runCommand } from '../run-command';
import {
  type AddHypothesisCommand,
  type UpdateHypothesisCommand,
  addHypothesis,
  updateHypothesis,
} from './hypothesis-writes';

/** addHypothesis: one transaction with its audit row and idempotency key (see runCommand). */
export function handleAddHypothesis(ctx: CommandContext, input: AddHypothesisCommand, idempotencyKey?: string | null) {
  return runCommand<Awaited<ReturnType<typeof addHypothesis>>>(
    ctx,
    {
      operation: 'addHypothesis',
      args: { input },
      idempotencyKey,
      after: (r) => ({ type: 'hypothesis', id: r.id, experimentId: r.experimentId }),
      shows: showsById('experiment', 'input.experimentId', input.experimentId),
    },
    (w) => addHypothesis(w, input),
  );
}

/** updateHypothesis: one transaction with its audit row and idempotency key (see runCommand). */
export function handleUpdateHypothesis(
  ctx: CommandContext,
  input: UpdateHypothesisCommand,
  idempotencyKey?: string | null,
) {
  return runCommand<Awaited<ReturnType<typeof updateHypothesis>>>(
    ctx,
    {
      operation: 'updateHypothesis',
      args: { input },
      idempotencyKey,
      before: recordRef('hypothesis', input.id),
      shows: showsById('hypothesis', 'input.id', input.id),
    },
    (w) => updateHypothesis(w, input),
  );
}
