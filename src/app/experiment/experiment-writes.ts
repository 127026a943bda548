import { type EntityManager } from 'typeorm';
import { badInput, DomainError } from '../../domain/errors';
import type { Experiment } from '../../domain/experiment';
import {
  changedAttributes,
  checkAttributeChange,
  EXPERIMENT_ATTRIBUTES,
  type ExperimentChanges,
} from '../../domain/rules/experiment-plan';
import { beginExperimentWrite, planExperimentWrite } from '../../domain/rules/experiment-write-plan';
import { validateExternalReference } from '../../domain/rules/experiment-settings';
import { validateKey } from '../../domain/rules/keys';
import { ExperimentEntity, HypothesisEntity } from '../../db/entities';
import { TEXT_LIMITS } from '../../domain/rules/field-limits';
import { validateText } from '../../domain/rules/text-fields';
import {
  type ExperimentMetricCommand,
  replaceMetrics,
  replaceVariants,
  resolveMetricSet,
  type VariantCommand,
} from './experiment-design-writes';
import { assertKeyFree, findOrgNodeForWrite } from '../../db/queries/reference-writes';
import { findWrittenExperiment } from '../../db/queries/experiment-reads';
import { bumpVersion } from '../../db/queries/version-writes';
import { type WriteContext } from '../write-context';
import { classifyAndPublish } from '../events/event-publishing';

/**
 * The fields create and update share: every attribute of the experiment (undefined keeps it, null
 * clears a nullable one and keeps a required one: ExperimentChanges), the owner also by key, the
 * metric set.
 */
interface ExperimentFieldsCommand extends ExperimentChanges {
  readonly ownerNodeKey?: string | null;
  readonly metrics?: readonly ExperimentMetricCommand[] | null;
}

export interface CreateExperimentCommand extends ExperimentFieldsCommand {
  readonly key: string;
  readonly title: string;
  readonly hypothesis?: { readonly statement: string; readonly rationale?: string | null } | null;
  readonly variants: readonly VariantCommand[];
}

export interface UpdateExperimentCommand extends ExperimentFieldsCommand {
  /** Optimistic concurrency: refuse (CONFLICT VERSION_MISMATCH) unless the record still has this version. */
  readonly expectedVersion?: number | null;
  readonly id: string;
  readonly variants?: readonly VariantCommand[] | null;
}

/**
 * Checks the given (non-undefined) fields into the changes planExperimentAttributes takes, in the
 * order of EXPERIMENT_ATTRIBUTES: each with its check (checkAttributeChange), and the owner, the
 * restarted experiment and the external reference looked up where they come in that order.
 */
async function parseExperimentChanges(
  w: WriteContext,
  input: ExperimentFieldsCommand,
  current: Experiment | null,
): Promise<ExperimentChanges> {
  const c: Record<string, unknown> = {};
  for (const name of EXPERIMENT_ATTRIBUTES) {
    if (name === 'ownerNodeId') {
      if (input.ownerNodeId != null || input.ownerNodeKey != null) c.ownerNodeId = await resolveOwner(w, input);
    } else if (name === 'restartOfId') {
      if (input.restartOfId !== undefined)
        c.restartOfId = input.restartOfId === null ? null : await validateRestartOf(w, input.restartOfId, current?.id);
    } else if (name === 'externalSource') {
      if (input.externalSource !== undefined || input.externalId !== undefined)
        Object.assign(c, await resolveExternalReference(w, input, current));
    } else if (name !== 'externalId') {
      const value = checkAttributeChange(name, `input.${name}`, input[name]);
      if (value !== undefined) c[name] = value;
    }
  }
  return c as ExperimentChanges;
}

/** The owner given by id or key, inside the key's subtree. */
async function resolveOwner(w: WriteContext, input: ExperimentFieldsCommand): Promise<string> {
  const { m } = w;
  const owner = await findOrgNodeForWrite(
    m,
    { id: 'input.ownerNodeId', key: 'input.ownerNodeKey' },
    { id: input.ownerNodeId, key: input.ownerNodeKey },
  );
  await w.subtree.assertNodeInside(m, owner, input.ownerNodeKey != null ? 'input.ownerNodeKey' : 'input.ownerNodeId');
  return owner.id;
}

/** The external reference after the write (a given part with the stored other part), not taken by another experiment. */
async function resolveExternalReference(
  w: WriteContext,
  input: ExperimentFieldsCommand,
  current: Experiment | null,
): Promise<{ externalSource: string | null; externalId: string | null }> {
  const ref = validateExternalReference(
    'input',
    input.externalSource === undefined ? (current?.externalSource ?? null) : input.externalSource,
    input.externalId === undefined ? (current?.externalId ?? null) : input.externalId,
  );
  if (ref.externalSource !== null)
    await assertExternalReferenceFree(w.m, ref.externalSource, ref.externalId!, current?.id);
  return ref;
}

async function validateRestartOf(w: WriteContext, restartOfId: string, selfId: string | undefined): Promise<string> {
  const { m } = w;
  await w.subtree.findExperiment(m, 'input.restartOfId', restartOfId);
  if (selfId === undefined) return restartOfId;
  const rows: unknown[] = await m.query(
    `WITH RECURSIVE chain(id) AS (SELECT $1::uuid UNION SELECT e.restart_of_id FROM experiment e JOIN chain c ON e.id = c.id WHERE e.restart_of_id IS NOT NULL)
     SELECT 1 FROM chain WHERE id = $2`,
    [restartOfId, selfId],
  );
  if (rows.length > 0)
    throw badInput(
      'input.restartOfId',
      restartOfId,
      'an experiment that is not this one nor restarts it (directly or indirectly)',
      'RESTART_CYCLE',
    );
  return restartOfId;
}

async function assertExternalReferenceFree(
  m: EntityManager,
  source: string,
  externalId: string,
  selfId: string | undefined,
): Promise<void> {
  const rows: { id: string }[] = await m.query(
    'SELECT id FROM experiment WHERE external_source = $1 AND external_id = $2',
    [source, externalId],
  );
  if (rows.some((r) => r.id !== selfId)) {
    throw new DomainError(
      'CONFLICT',
      `Another experiment was already imported from ${source} with id "${externalId}" (input.externalId)`,
      {
        reason: 'DUPLICATE_KEY',
        details: { field: 'input.externalId', value: JSON.stringify(externalId) },
      },
    );
  }
}

/** Creates a DRAFT experiment with its variants, metrics and optional hypothesis. */
export async function createExperiment(w: WriteContext, input: CreateExperimentCommand): Promise<Experiment> {
  const { m, now } = w;
  const key = validateKey('input.key', input.key);
  if (input.ownerNodeId == null && input.ownerNodeKey == null)
    throw badInput('input.ownerNodeId', null, 'input.ownerNodeId or input.ownerNodeKey');
  const start = beginExperimentWrite('input', null, { kind: 'KEEP' }, now);
  const { attributes, lifecycle } = planExperimentWrite(start, await parseExperimentChanges(w, input, null));
  const metrics = await resolveMetricSet(m, 'input.metrics', input.metrics ?? []);
  const statement = input.hypothesis
    ? validateText('input.hypothesis.statement', input.hypothesis.statement, TEXT_LIMITS.hypothesis.statement)
    : null;
  const rationale = input.hypothesis
    ? validateText('input.hypothesis.rationale', input.hypothesis.rationale ?? '', TEXT_LIMITS.hypothesis.rationale)
    : '';
  await assertKeyFree(m, 'experiment', 'experiment', 'input.key', key);
  const { tags, ...columns } = attributes;
  const { identifiers } = await m.insert(ExperimentEntity, {
    ...columns,
    tags: [...tags],
    key,
    status: lifecycle.status,
    createdAt: now,
    updatedAt: now,
  });
  const id = identifiers[0]!.id as string;
  await replaceVariants(m, id, lifecycle.status, input.variants);
  await replaceMetrics(m, id, lifecycle.status, metrics);
  if (statement !== null)
    await m.insert(HypothesisEntity, { experimentId: id, statement, rationale, createdAt: now, updatedAt: now });
  await classifyAndPublish(m, [id], now, 'CREATED');
  return findWrittenExperiment(m, id);
}

/**
 * Updates an experiment. Omitted fields stay; null clears nullable fields. The statistical design
 * (settings, arms and weights, metrics and their settings) is pre-registered: it changes only while
 * DRAFT, later through amendExperimentDesign (CONFLICT DESIGN_LOCKED; unchanged values are
 * accepted in any status); an ARCHIVED experiment is read-only.
 */
export async function updateExperiment(w: WriteContext, input: UpdateExperimentCommand): Promise<Experiment> {
  const { m, now } = w;
  const experiment = await w.subtree.findExperiment(m, 'input.id', input.id, true);
  await bumpVersion(m, 'experiment', experiment.id, input.expectedVersion);
  const start = beginExperimentWrite('input', experiment, { kind: 'KEEP' }, now);
  const plan = planExperimentWrite(start, await parseExperimentChanges(w, input, experiment));
  if (input.variants != null) await replaceVariants(m, experiment.id, experiment.status, input.variants);
  if (input.metrics != null)
    await replaceMetrics(
      m,
      experiment.id,
      experiment.status,
      await resolveMetricSet(m, 'input.metrics', input.metrics),
    );
  const { tags, ...columns } = changedAttributes(plan);
  await m.update(
    ExperimentEntity,
    { id: experiment.id },
    { ...columns, ...(tags !== undefined && { tags: [...tags] }), updatedAt: now },
  );
  await classifyAndPublish(m, [experiment.id], now, 'DESIGN_CHANGED');
  return findWrittenExperiment(m, experiment.id);
}
