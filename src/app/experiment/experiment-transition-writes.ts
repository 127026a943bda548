import type { Experiment, ExperimentStatus } from '../../domain/experiment';
import { planStatusTransition } from '../../domain/rules/status-transitions';
import { ExperimentEntity } from '../../db/entities';
import { findWrittenExperiment } from '../../db/queries/experiment-reads';
import { bumpVersion } from '../../db/queries/version-writes';
import { type WriteContext } from '../write-context';
import { classifyAndPublish } from '../events/event-publishing';

export interface TransitionExperimentCommand {
  /** Optimistic concurrency: refuse (CONFLICT VERSION_MISMATCH) unless the record still has this version. */
  readonly expectedVersion?: number | null;
  readonly id: string;
  readonly to: ExperimentStatus;
  readonly at?: Date | null;
}

/**
 * Moves an experiment one step along DRAFT -> RUNNING -> STOPPED -> CONCLUDED -> ARCHIVED and sets
 * the date the step implies (`at`, default now). Starting locks the hypotheses at the start date.
 */
export async function transitionExperiment(w: WriteContext, input: TransitionExperimentCommand): Promise<Experiment> {
  const { m, now } = w;
  const experiment = await w.subtree.findExperiment(m, 'input.id', input.id, true);
  await bumpVersion(m, 'experiment', experiment.id, input.expectedVersion);
  const plan = planStatusTransition({
    from: experiment.status,
    to: input.to,
    at: input.at,
    now,
    startedAt: experiment.startedAt,
    endedAt: experiment.endedAt,
    concludedAt: experiment.concludedAt,
  });
  const { to, locksHypotheses, ...dates } = plan;
  await m.update(ExperimentEntity, { id: experiment.id }, { status: to, ...dates, updatedAt: now });
  if (locksHypotheses && plan.to === 'RUNNING') {
    await m.query('UPDATE hypothesis SET locked_at = $2 WHERE experiment_id = $1 AND locked_at IS NULL', [
      experiment.id,
      plan.startedAt,
    ]);
  }
  await classifyAndPublish(m, [experiment.id], now, 'STATUS_CHANGED');
  return findWrittenExperiment(m, experiment.id);
}
