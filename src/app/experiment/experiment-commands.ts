import { type CommandContext } from '../command-context';
import { showsById, showsCreated } from '../replay-visibility';
import { experimentRef, runCommand } from '../run-command';
import { type TransitionExperimentCommand, transitionExperiment } from './experiment-transition-writes';
import {
  type CreateExperimentCommand,
  type UpdateExperimentCommand,
  createExperiment,
  updateExperiment,
} from './experiment-writes';

/** createExperiment: one transaction with its audit row and idempotency key (see runCommand). */
export function handleCreateExperiment(
  ctx: CommandContext,
  input: CreateExperimentCommand,
  idempotencyKey?: string | null,
) {
  return runCommand<Awaited<ReturnType<typeof createExperiment>>>(
    ctx,
    {
      operation: 'createExperiment',
      args: { input },
      idempotencyKey,
      after: (r) => ({ type: 'experiment', id: r.id, experimentId: r.id }),
      shows: showsCreated('experiment'),
    },
    (w) => createExperiment(w, input),
  );
}

/** updateExperiment: one transaction with its audit row and idempotency key (see runCommand). */
export function handleUpdateExperiment(
  ctx: CommandContext,
  input: UpdateExperimentCommand,
  idempotencyKey?: string | null,
) {
  return runCommand<Awaited<ReturnType<typeof updateExperiment>>>(
    ctx,
    {
      operation: 'updateExperiment',
      args: { input },
      idempotencyKey,
      before: experimentRef({ id: input.id }),
      shows: showsById('experiment', 'input.id', input.id),
    },
    (w) => updateExperiment(w, input),
  );
}

/** transitionExperiment: one transaction with its audit row and idempotency key (see runCommand). */
export function handleTransitionExperiment(
  ctx: CommandContext,
  input: TransitionExperimentCommand,
  idempotencyKey?: string | null,
) {
  return runCommand<Awaited<ReturnType<typeof transitionExperiment>>>(
    ctx,
    {
      operation: 'transitionExperiment',
      args: { input },
      idempotencyKey,
      before: experimentRef({ id: input.id }),
      shows: showsById('experiment', 'input.id', input.id),
    },
    (w) => transitionExperiment(w, input),
  );
}
