import { type EntityManager } from 'typeorm';
import {
  type AddedLearning,
  type ClassificationTransition,
  eventsOfClassification,
  eventsOfDecision,
  eventsOfLearning,
} from '../../domain/events';
import { type ClassificationCause } from '../../domain/stored-classification';
import { classifyAndStore } from '../../db/queries/classification-writes';
import { findRecordedDecisions } from '../../db/queries/event-reads';
import { appendEvents } from '../../db/queries/event-writes';

/**
 * Where the application layer produces events (docs/events.md): every write that changes what an
 * event reports calls one of these in its own transaction, so events are appended to the outbox if
 * and only if the write commits, whatever the entry point (a mutation, the import, a CLI, the
 * server's start-up). The demo seed (src/db/seed) classifies without them: a freshly simulated
 * portfolio is not news, and thousands of events would flood every subscription.
 */

/**
 * Recomputes and stores the classification of `experimentIds` (classifyAndStore) and appends the
 * events of what moved: status, category, validity (eventsOfClassification).
 */
export async function classifyAndPublish(
  m: EntityManager,
  experimentIds: readonly string[],
  now: Date,
  cause: ClassificationCause,
): Promise<ClassificationTransition[]> {
  const transitions = await classifyAndStore(m, experimentIds, now, cause);
  await appendEvents(m, transitions.flatMap(eventsOfClassification), now);
  return transitions;
}

/**
 * Appends `decision.recorded` (and `decision.inconsistent`) for decisions just written, judged
 * against the stored classification as it stands in the transaction: call it after the
 * classification (and the current decision) are up to date.
 */
export async function publishDecisions(m: EntityManager, decisionIds: readonly string[], now: Date): Promise<void> {
  if (decisionIds.length === 0) return;
  const decisions = await findRecordedDecisions(m, decisionIds);
  await appendEvents(m, decisions.flatMap(eventsOfDecision), now);
}

/** Appends `learning.added` for each experiment a new learning is linked to. */
export async function publishLearningAdded(m: EntityManager, learning: AddedLearning, now: Date): Promise<void> {
  await appendEvents(m, eventsOfLearning(learning), now);
}
