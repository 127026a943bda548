import { type EntityManager } from 'typeorm';
import type { Decision, DecisionKind } from '../../domain/experiment';
import { assertNotArchived } from '../../domain/rules/experiment-lifecycle';
import { validateShippedVariant } from '../../domain/rules/experiment-settings';
import { validateEventDate } from '../../domain/rules/lifecycle-plan';
import { DecisionEntity } from '../../db/entities';
import { storeCurrentDecision } from '../../db/queries/classification-writes';
import { findWrittenDecision } from '../../db/queries/experiment-reads';
import { findScopedVariant, loadExperimentScope } from '../experiment/experiment-scope-writes';
import { TEXT_LIMITS } from '../../domain/rules/field-limits';
import { validateText } from '../../domain/rules/text-fields';
import { publishDecisions } from '../events/event-publishing';
import { type WriteContext } from '../write-context';

export interface RecordDecisionCommand {
  readonly experimentId?: string | null;
  readonly experimentKey?: string | null;
  readonly kind: DecisionKind;
  readonly shippedVariantId?: string | null;
  readonly shippedVariantKey?: string | null;
  readonly rationale?: string | null;
  readonly decidedBy: string;
  readonly decidedAt?: Date | null;
}

/**
 * Marks the experiment's latest decision (by decided_at, then recording order `seq`) as current and
 * clears the old marker first, so the partial unique index `decision_current_uq` holds at every
 * statement, and copies it onto the stored classification (the roll-ups read it there). The caller
 * holds the experiment's row lock. Seed code may reuse it after bulk inserts.
 */
export async function refreshCurrentDecision(m: EntityManager, experimentId: string): Promise<void> {
  await m.query('UPDATE decision SET is_current = false WHERE experiment_id = $1 AND is_current', [experimentId]);
  await m.query(
    `UPDATE decision SET is_current = true
      WHERE id = (SELECT id FROM decision WHERE experiment_id = $1 ORDER BY decided_at DESC, seq DESC LIMIT 1)`,
    [experimentId],
  );
  await storeCurrentDecision(m, experimentId);
}

/**
 * Appends a decision (decisions are never edited or deleted) and recomputes which one is current.
 * A back-dated decision is kept in the history but does not become current when a later one exists.
 * Refused on ARCHIVED experiments. The shipped variant is allowed for SHIP / SHIP_INFRA only and must
 * belong to the experiment. Appends `decision.recorded` (and `decision.inconsistent`) to the outbox.
 */
export async function recordDecision(w: WriteContext, input: RecordDecisionCommand): Promise<Decision> {
  const { m, now } = w;
  const experiment = await w.subtree.lockExperiment(
    m,
    { id: 'input.experimentId', key: 'input.experimentKey' },
    { id: input.experimentId, key: input.experimentKey },
  );
  assertNotArchived(experiment.status, 'input.experimentId');
  const shipped = input.shippedVariantId ?? input.shippedVariantKey;
  validateShippedVariant(
    input.shippedVariantId != null ? 'input.shippedVariantId' : 'input.shippedVariantKey',
    input.kind,
    shipped,
  );
  let shippedVariantId: string | null = null;
  if (shipped != null) {
    const scope = await loadExperimentScope(m, experiment);
    shippedVariantId = findScopedVariant(
      scope,
      { id: 'input.shippedVariantId', key: 'input.shippedVariantKey' },
      { id: input.shippedVariantId, key: input.shippedVariantKey },
    ).id;
  }
  const decidedAt = input.decidedAt != null ? validateEventDate('input.decidedAt', input.decidedAt, now) : now;
  const { identifiers } = await m.insert(DecisionEntity, {
    experimentId: experiment.id,
    kind: input.kind,
    shippedVariantId,
    rationale: validateText('input.rationale', input.rationale ?? '', TEXT_LIMITS.decision.rationale),
    decidedBy: validateText('input.decidedBy', input.decidedBy, TEXT_LIMITS.decision.decidedBy),
    decidedAt,
    createdAt: now,
  });
  await refreshCurrentDecision(m, experiment.id);
  const id = identifiers[0]!.id as string;
  await publishDecisions(m, [id], now);
  return findWrittenDecision(m, id);
}
