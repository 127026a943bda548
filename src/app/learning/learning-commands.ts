import { type CommandContext } from '../command-context';
import { showsById, showsCreated } from '../replay-visibility';
import { recordRef, runCommand } from '../run-command';
import { type AddLearningCommand, type UpdateLearningCommand, addLearning, updateLearning } from './learning-writes';

/** addLearning: one transaction with its audit row and idempotency key (see runCommand). */
export function handleAddLearning(ctx: CommandContext, input: AddLearningCommand, idempotencyKey?: string | null) {
  return runCommand<Awaited<ReturnType<typeof addLearning>>>(
    ctx,
    {
      operation: 'addLearning',
      args: { input },
      idempotencyKey,
      after: (r) => ({ type: 'learning', id: r.id, experimentId: null }),
      shows: showsCreated('learning'),
    },
    (w) => addLearning(w, input),
  );
}

/** updateLearning: one transaction with its audit row and idempotency key (see runCommand). */
export function handleUpdateLearning(
  ctx: CommandContext,
  input: UpdateLearningCommand,
  idempotencyKey?: string | null,
) {
  return runCommand<Awaited<ReturnType<typeof updateLearning>>>(
    ctx,
    {
      operation: 'updateLearning',
      args: { input },
      idempotencyKey,
      before: recordRef('learning', input.id),
      shows: showsById('learning', 'input.id', input.id),
    },
    (w) => updateLearning(w, input),
  );
}
