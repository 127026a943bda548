import { assertHypothesisEditable } from '../../domain/rules/experiment-lifecycle';
import type { Hypothesis } from '../../domain/experiment';
import { HypothesisEntity } from '../../db/entities';
import { findWrittenHypothesis } from '../../db/queries/experiment-reads';
import { experimentRows, hypothesisRows } from '../../db/rows/tables';
import { TEXT_LIMITS } from '../../domain/rules/field-limits';
import { validateText } from '../../domain/rules/text-fields';
import { notFound } from '../../domain/errors';
import { findByIdForWrite } from '../../db/queries/reference-writes';
import { bumpVersion } from '../../db/queries/version-writes';
import { type WriteContext } from '../write-context';

export interface AddHypothesisCommand {
  readonly experimentId: string;
  readonly statement: string;
  readonly rationale?: string | null;
}

export interface UpdateHypothesisCommand {
  /** Optimistic concurrency: refuse (CONFLICT VERSION_MISMATCH) unless the record still has this version. */
  readonly expectedVersion?: number | null;
  readonly id: string;
  readonly statement?: string | null;
  readonly rationale?: string | null;
}

/** Adds a hypothesis to a DRAFT experiment. @throws CONFLICT HYPOTHESIS_LOCKED once it started. */
export async function addHypothesis(w: WriteContext, input: AddHypothesisCommand): Promise<Hypothesis> {
  const { m, now } = w;
  const experiment = await w.subtree.findExperiment(m, 'input.experimentId', input.experimentId, true);
  assertHypothesisEditable(experiment.status, null, 'input.experimentId');
  const statement = validateText('input.statement', input.statement, TEXT_LIMITS.hypothesis.statement);
  const rationale = validateText('input.rationale', input.rationale ?? '', TEXT_LIMITS.hypothesis.rationale);
  const { identifiers } = await m.insert(HypothesisEntity, {
    experimentId: experiment.id,
    statement,
    rationale,
    createdAt: now,
    updatedAt: now,
  });
  return findWrittenHypothesis(m, identifiers[0]!.id as string);
}

/**
 * Edits an unlocked hypothesis; bumps its version. Edits after the lock are refused, not versioned,
 * so the pre-registered statement stays exactly as it was when the experiment started.
 * @throws CONFLICT HYPOTHESIS_LOCKED.
 */
export async function updateHypothesis(w: WriteContext, input: UpdateHypothesisCommand): Promise<Hypothesis> {
  const { m, now } = w;
  const hypothesis = await findByIdForWrite(m, hypothesisRows, 'hypothesis', 'input.id', input.id);
  const experiment = await findByIdForWrite(m, experimentRows, 'experiment', 'input.id', hypothesis.experimentId, true);
  // A hypothesis of an experiment outside the key's subtree does not exist for the key.
  await w.subtree.assertRecordVisible(m, experiment, () => notFound('hypothesis', 'input.id', input.id));
  // Read again under the experiment's lock: starting the experiment sets lockedAt.
  const current = await findWrittenHypothesis(m, hypothesis.id);
  assertHypothesisEditable(experiment.status, current.lockedAt, 'input.id');
  await bumpVersion(m, 'hypothesis', current.id, input.expectedVersion);
  await m.update(
    HypothesisEntity,
    { id: current.id },
    {
      statement:
        input.statement != null
          ? validateText('input.statement', input.statement, TEXT_LIMITS.hypothesis.statement)
          : current.statement,
      rationale:
        input.rationale != null
          ? validateText('input.rationale', input.rationale, TEXT_LIMITS.hypothesis.rationale)
          : current.rationale,
      updatedAt: now,
    },
  );
  return findWrittenHypothesis(m, current.id);
}
