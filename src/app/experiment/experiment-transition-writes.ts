import type { Experiment, ExperimentStatus } from '../../domain/experiment';
import { beginExperimentWrite, changedLifecycle, planExperimentWrite } from '../../domain/rules/experiment-write-plan';
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
  const start = beginExperimentWrite('input', experiment, { kind: 'STEP', to: input.to, at: input.at }, now);
  const { lifecycle } = planExperimentWrite(start, {});
  await m.update(ExperimentEntity, { id: experiment.id }, { ...changedLifecycle(lifecycle), updatedAt: now });
  if (lifecycle.locksHypothesesAt !== null) {
    await m.query('UPDATE hypothesis SET locked_at = $2 WHERE experiment_id = $1 AND locked_at IS NULL', [
      experiment.id,
      lifecycle.locksHypothesesAt,
    ]);
  }
  await classifyAndPublish(m, [experiment.id], now, 'STATUS_CHANGED');
  return findWrittenExperiment(m, experiment.id);
}
