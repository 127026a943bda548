import { type EntityManager } from 'typeorm';
import { badInput, notFound } from '../../domain/errors';
import type { Learning, LearningKind } from '../../domain/experiment';
import { validateUuid } from '../../domain/rules/keys';
import { LearningEntity } from '../../db/entities';
import { findWrittenLearning } from '../../db/queries/learning-reads';
import { learningRows } from '../../db/rows/tables';
import { findByIdForWrite } from '../../db/queries/reference-writes';
import { bumpVersion } from '../../db/queries/version-writes';
import { TEXT_LIMITS } from '../../domain/rules/field-limits';
import { normaliseTags, validateText } from '../../domain/rules/text-fields';
import { publishLearningAdded } from '../events/event-publishing';
import { type WriteContext } from '../write-context';

interface LearningLinksCommand {
  readonly experimentIds?: readonly string[] | null;
  readonly experimentKeys?: readonly string[] | null;
  readonly hypothesisIds?: readonly string[] | null;
}

export interface AddLearningCommand extends LearningLinksCommand {
  readonly summary: string;
  readonly kind: LearningKind;
  readonly tags?: readonly string[] | null;
  readonly author: string;
}

export interface UpdateLearningCommand extends LearningLinksCommand {
  /** Optimistic concurrency: refuse (CONFLICT VERSION_MISMATCH) unless the record still has this version. */
  readonly expectedVersion?: number | null;
  readonly id: string;
  readonly summary?: string | null;
  readonly kind?: LearningKind | null;
  readonly tags?: readonly string[] | null;
}

/**
 * Resolves experimentIds | experimentKeys (exactly one list, at least one entry; repeats are ignored).
 * Experiments outside the key's subtree are not found, like missing ones.
 */
async function resolveExperiments(w: WriteContext, input: LearningLinksCommand): Promise<string[]> {
  if (input.experimentIds != null && input.experimentKeys != null)
    throw badInput(
      'input.experimentIds',
      input.experimentIds,
      'either input.experimentIds or input.experimentKeys, not both',
    );
  const byId = input.experimentIds != null;
  const list = (byId ? input.experimentIds : input.experimentKeys) ?? [];
  const field = byId ? 'input.experimentIds' : 'input.experimentKeys';
  if (list.length === 0) throw badInput(field, list, 'at least one experiment');
  if (byId) list.forEach((id, i) => validateUuid(`${field}[${i}]`, id));
  const rows = await w.subtree.keepVisible(
    w.m,
    (await w.m.query(
      `SELECT id, key, owner_node_id FROM experiment WHERE ${byId ? 'id = ANY($1::uuid[])' : 'key = ANY($1::text[])'}`,
      [list],
    )) as { id: string; key: string; owner_node_id: string }[],
    (row) => row.owner_node_id,
  );
  const found = new Map(rows.map((r) => [byId ? r.id : r.key, r.id]));
  const ids = list.map((ref, i) => {
    const id = found.get(ref);
    if (id === undefined) throw notFound('experiment', `${field}[${i}]`, ref);
    return id;
  });
  return [...new Set(ids)];
}

/** Checks that each hypothesis exists (for the key: its experiment is inside the subtree) and belongs to one of the linked experiments. */
async function resolveHypotheses(
  w: WriteContext,
  field: string,
  hypothesisIds: readonly string[],
  experimentIds: readonly string[],
): Promise<string[]> {
  hypothesisIds.forEach((id, i) => validateUuid(`${field}[${i}]`, id));
  const rows =
    hypothesisIds.length === 0
      ? []
      : await w.subtree.keepVisible(
          w.m,
          (await w.m.query(
            `SELECT h.id, h.experiment_id, e.owner_node_id FROM hypothesis h JOIN experiment e ON e.id = h.experiment_id
              WHERE h.id = ANY($1::uuid[])`,
            [hypothesisIds],
          )) as { id: string; experiment_id: string; owner_node_id: string }[],
          (row) => row.owner_node_id,
        );
  const byId = new Map(rows.map((r) => [r.id, r.experiment_id]));
  hypothesisIds.forEach((id, i) => {
    const experimentId = byId.get(id);
    if (experimentId === undefined) throw notFound('hypothesis', `${field}[${i}]`, id);
    if (!experimentIds.includes(experimentId))
      throw badInput(`${field}[${i}]`, id, "a hypothesis of one of the learning's experiments");
  });
  return [...new Set(hypothesisIds)];
}

async function writeLinks(
  m: EntityManager,
  learningId: string,
  experimentIds: readonly string[],
  hypothesisIds: readonly string[],
): Promise<void> {
  await m.query('DELETE FROM learning_experiment WHERE learning_id = $1', [learningId]);
  await m.query('DELETE FROM learning_hypothesis WHERE learning_id = $1', [learningId]);
  await m.query('INSERT INTO learning_experiment (learning_id, experiment_id) SELECT $1, unnest($2::uuid[])', [
    learningId,
    experimentIds,
  ]);
  if (hypothesisIds.length > 0)
    await m.query('INSERT INTO learning_hypothesis (learning_id, hypothesis_id) SELECT $1, unnest($2::uuid[])', [
      learningId,
      hypothesisIds,
    ]);
}

/** Writes a learning linked to one or more experiments and optionally to their hypotheses; appends `learning.added` per experiment. */
export async function addLearning(w: WriteContext, input: AddLearningCommand): Promise<Learning> {
  const { m, now } = w;
  const summary = validateText('input.summary', input.summary, TEXT_LIMITS.learning.summary);
  const author = validateText('input.author', input.author, TEXT_LIMITS.learning.author);
  const tags = normaliseTags('input.tags', input.tags ?? []);
  const experimentIds = await resolveExperiments(w, input);
  const hypothesisIds = await resolveHypotheses(w, 'input.hypothesisIds', input.hypothesisIds ?? [], experimentIds);
  const { identifiers } = await m.insert(LearningEntity, {
    summary,
    kind: input.kind,
    tags,
    author,
    createdAt: now,
    updatedAt: now,
  });
  const id = identifiers[0]!.id as string;
  await writeLinks(m, id, experimentIds, hypothesisIds);
  await publishLearningAdded(m, { learningId: id, kind: input.kind, summary, tags, author, experimentIds }, now);
  return findWrittenLearning(m, id);
}

/**
 * Edits a learning; given link lists replace the stored ones. When the experiments change and
 * hypothesisIds is omitted, the kept hypothesis links must still belong to the new experiments.
 */
export async function updateLearning(w: WriteContext, input: UpdateLearningCommand): Promise<Learning> {
  const { m, now } = w;
  const learning = await findByIdForWrite(m, learningRows, 'learning', 'input.id', input.id, true);
  await w.subtree.assertLearningEditable(m, learning.id, 'input.id', input.id);
  await bumpVersion(m, 'learning', learning.id, input.expectedVersion);
  const relink = input.experimentIds != null || input.experimentKeys != null || input.hypothesisIds != null;
  if (relink) {
    const experimentIds =
      input.experimentIds != null || input.experimentKeys != null
        ? await resolveExperiments(w, input)
        : (await m.query('SELECT experiment_id FROM learning_experiment WHERE learning_id = $1', [learning.id])).map(
            (r: { experiment_id: string }) => r.experiment_id,
          );
    const hypothesisField =
      input.hypothesisIds != null ? 'input.hypothesisIds' : 'input.experimentIds (stored hypothesis links)';
    const kept =
      input.hypothesisIds ??
      (await m.query('SELECT hypothesis_id FROM learning_hypothesis WHERE learning_id = $1', [learning.id])).map(
        (r: { hypothesis_id: string }) => r.hypothesis_id,
      );
    await writeLinks(m, learning.id, experimentIds, await resolveHypotheses(w, hypothesisField, kept, experimentIds));
  }
  await m.update(
    LearningEntity,
    { id: learning.id },
    {
      summary:
        input.summary != null
          ? validateText('input.summary', input.summary, TEXT_LIMITS.learning.summary)
          : learning.summary,
      kind: input.kind ?? learning.kind,
      tags: input.tags != null ? normaliseTags('input.tags', input.tags) : learning.tags,
      updatedAt: now,
    },
  );
  return findWrittenLearning(m, learning.id);
}
