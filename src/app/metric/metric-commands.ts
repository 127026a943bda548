import { type CommandContext } from '../command-context';
import { showsNothing } from '../replay-visibility';
import { catalogueRef, runCommand } from '../run-command';
import { type CreateMetricCommand, type UpdateMetricCommand, createMetric, updateMetric } from './metric-writes';

/** createMetric: one transaction with its audit row and idempotency key (see runCommand). */
export function handleCreateMetric(ctx: CommandContext, input: CreateMetricCommand, idempotencyKey?: string | null) {
  return runCommand<Awaited<ReturnType<typeof createMetric>>>(
    ctx,
    {
      operation: 'createMetric',
      args: { input },
      idempotencyKey,
      after: (r) => ({ type: 'metric', id: r.id, experimentId: null }),
      shows: showsNothing,
    },
    (w) => createMetric(w, input),
  );
}

/** updateMetric: one transaction with its audit row and idempotency key (see runCommand). */
export function handleUpdateMetric(ctx: CommandContext, input: UpdateMetricCommand, idempotencyKey?: string | null) {
  return runCommand<Awaited<ReturnType<typeof updateMetric>>>(
    ctx,
    {
      operation: 'updateMetric',
      args: { input },
      idempotencyKey,
      before: catalogueRef('metric', { id: input.id }),
      shows: showsNothing,
    },
    (w) => updateMetric(w, input),
  );
}
