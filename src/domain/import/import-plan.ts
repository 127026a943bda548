import { badInput, DomainError, notFound } from '../errors';
import type { Experiment } from '../experiment';
import { assertDesignUnlocked, findMetricSetChange, findVariantSetChange } from '../rules/design-lock';
import { assertDesignEditable, assertNotArchived } from '../rules/experiment-lifecycle';
import { beginExperimentWrite, planExperimentWrite } from '../rules/experiment-write-plan';
import { orgNodeOutside } from '../principal';
import { KEY_FORMAT_DESCRIPTION, KEY_PATTERN, pickReference } from '../rules/keys';
import { planDecisions, planResults } from './data-plan';
import { planHypothesis, planMetrics, planVariants } from './design-plan';
import { attempt, fieldPath } from './fields';
import { type ImportItemDraft } from './import-item';
import {
  externalKey,
  type ImportPlan,
  type ImportReferences,
  isEmptyPlan,
  type StoredImportExperiment,
} from './import-state';

export interface ImportPlanContext {
  readonly now: Date;
  /** Ids for new rows (UUIDs). */
  readonly newId: () => string;
}

/** An item's plan, or why it cannot be written. */
export type PlannedItem =
  | { readonly plan: ImportPlan; readonly errors: readonly [] }
  | { readonly plan: undefined; readonly errors: readonly DomainError[] };

/** The key a new imported experiment gets: the item's `key`, else `source:externalId`. */
export function importKeyOf(draft: Pick<ImportItemDraft, 'key' | 'source' | 'externalId'>): string {
  return draft.key ?? `${draft.source}:${draft.externalId}`;
}

/**
 * The owner after the write. With an API key limited to an org node, a new owner must lie inside
 * its subtree (FORBIDDEN OUTSIDE_KEY_SUBTREE, as in createExperiment and updateExperiment).
 */
function resolveOwner(draft: ImportItemDraft, stored: Experiment | undefined, refs: ImportReferences): string {
  const fields = { id: fieldPath(draft.base, 'ownerNodeId'), key: fieldPath(draft.base, 'ownerNodeKey') };
  const ref = pickReference(fields, { id: draft.ownerNodeId, key: draft.ownerNodeKey }, stored === undefined);
  if (ref === undefined) return stored!.ownerNodeId;
  const id = 'id' in ref ? (refs.orgNodeIds.has(ref.id) ? ref.id : undefined) : refs.orgNodeIdsByKey.get(ref.key);
  if (id === undefined)
    throw 'id' in ref ? notFound('org node', fields.id, ref.id) : notFound('org node', fields.key, ref.key);
  if (id !== stored?.ownerNodeId && !refs.subtree.contains(id))
    throw orgNodeOutside('id' in ref ? ref.id : ref.key, 'id' in ref ? fields.id : fields.key);
  return id;
}

/**
 * An experiment imported from the same (source, externalId) but owned outside the key's subtree
 * cannot be written through it; the item is refused as createExperiment refuses a taken external
 * reference (CONFLICT DUPLICATE_KEY), without showing the experiment.
 */
function assertWritable(draft: ImportItemDraft, stored: Experiment | undefined, refs: ImportReferences): void {
  if (stored === undefined || refs.subtree.contains(stored.ownerNodeId)) return;
  const field = fieldPath(draft.base, 'externalId');
  throw new DomainError(
    'CONFLICT',
    `Another experiment was already imported from ${draft.source} with id "${draft.externalId}" (${field})`,
    {
      reason: 'DUPLICATE_KEY',
      details: { field, value: JSON.stringify(draft.externalId) },
    },
  );
}

function resolveKey(draft: ImportItemDraft, stored: Experiment | undefined, refs: ImportReferences): string {
  const field = fieldPath(draft.base, 'key');
  if (stored !== undefined) {
    if (draft.key !== undefined && draft.key !== stored.key)
      throw badInput(field, draft.key, `the experiment's key "${stored.key}" (keys do not change)`);
    return stored.key;
  }
  const key = importKeyOf(draft);
  if (!KEY_PATTERN.test(key)) {
    throw badInput(
      field,
      key,
      draft.key === undefined
        ? `${KEY_FORMAT_DESCRIPTION} (no key was given and source:externalId is not one)`
        : KEY_FORMAT_DESCRIPTION,
    );
  }
  if (refs.experimentIdsByKey.has(key)) {
    throw new DomainError('CONFLICT', `The key "${key}" is already used by another experiment (${field})`, {
      reason: 'DUPLICATE_KEY',
      details: { field, value: JSON.stringify(key) },
    });
  }
  return key;
}

/**
 * Plans one item against the experiment stored for its (source, externalId), if any: which rows
 * to insert, update or delete so that the experiment matches the item, with every rule the
 * single-experiment mutations apply (createExperiment, updateExperiment, transitionExperiment,
 * recordResults, recordDecision), collected per part. Omitted fields take their defaults on
 * create and keep their stored values on update. Pure: ids come from `ctx.newId`.
 */
export function planImportItem(
  draft: ImportItemDraft,
  stored: StoredImportExperiment | undefined,
  refs: ImportReferences,
  ctx: ImportPlanContext,
): PlannedItem {
  const s = stored?.experiment;
  const hidden = attemptError(() => assertWritable(draft, s, refs));
  if (hidden !== undefined) return { plan: undefined, errors: [hidden] };
  const errors: DomainError[] = [];
  const base = draft.base;
  const experimentId = s?.id ?? ctx.newId();
  const ownerNodeId = attempt(errors, () => resolveOwner(draft, s, refs));
  const key = attempt(errors, () => resolveKey(draft, s, refs));
  const start = attempt(errors, () => beginExperimentWrite(base, s ?? null, { kind: 'REPORT', draft }, ctx.now));
  const variants = attempt(errors, () => planVariants(base, draft.variants, stored, experimentId, ctx.newId));
  const metrics = attempt(errors, () => planMetrics(base, draft.metrics, stored, refs, experimentId, ctx.newId));
  if (
    ownerNodeId === undefined ||
    key === undefined ||
    start === undefined ||
    variants === undefined ||
    metrics === undefined
  )
    return { plan: undefined, errors };

  // The draft names its fields as the attributes are named; the owner is the one resolved above.
  const planned = attempt(errors, () =>
    planExperimentWrite(start, { ...draft, ownerNodeId, externalSource: draft.source }),
  );
  const lifecycle = start.lifecycle;
  if (s !== undefined) {
    // The pre-registered design of the sets; then what else only DRAFT or RUNNING may change (names, order).
    const variantChange =
      draft.variants === undefined
        ? null
        : findVariantSetChange(fieldPath(base, 'variants'), stored!.variants, variants.variants);
    const metricChange =
      draft.metrics === undefined
        ? null
        : findMetricSetChange(fieldPath(base, 'metrics'), stored!.metrics, metrics.rows);
    attempt(errors, () => assertDesignUnlocked(s.status, variantChange ?? metricChange));
    if (variantChange === null && variants.designChanged)
      attempt(errors, () => assertDesignEditable(s.status, fieldPath(base, 'variants')));
    if (metricChange === null && metrics.changed)
      attempt(errors, () => assertDesignEditable(s.status, fieldPath(base, 'metrics')));
  }
  const hypothesis = attempt(errors, () =>
    planHypothesis(base, draft.hypothesis, stored, lifecycle, experimentId, ctx.newId, ctx.now),
  );
  const results = planResults(
    base,
    draft.results,
    stored,
    lifecycle.status,
    variants.variants,
    metrics.metrics,
    ctx.newId,
    ctx.now,
    errors,
  );
  const decisions = planDecisions(draft.decisions, stored, experimentId, variants.variants, ctx.newId, ctx.now, errors);
  if (errors.length > 0 || hypothesis === undefined || planned === undefined) return { plan: undefined, errors };

  const row: Experiment = {
    id: experimentId,
    key,
    ...planned.attributes,
    status: lifecycle.status,
    startedAt: lifecycle.startedAt,
    endedAt: lifecycle.endedAt,
    concludedAt: lifecycle.concludedAt,
    createdAt: s?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
    version: s === undefined ? 1 : s.version + 1,
  };
  const changed = s !== undefined && (planned.changed.length > 0 || lifecycle.changed.length > 0);
  const plan: ImportPlan = {
    experimentId,
    created: s === undefined,
    experiment: s === undefined || changed || variants.designChanged || metrics.changed ? row : null,
    variantDeletes: variants.deletes,
    controlChanged: variants.controlChanged,
    variantUpdates: variants.updates,
    variantInserts: variants.inserts,
    metricDeletes: metrics.deletes,
    metricUpdates: metrics.updates,
    metricInserts: metrics.inserts,
    hypothesisUpdates: hypothesis.updates,
    hypothesisInserts: hypothesis.inserts,
    lockHypothesesAt: hypothesis.lockAt,
    resultInserts: results.inserts,
    resultUpdates: results.updates,
    decisionInserts: decisions,
  };
  if (s !== undefined && s.status === 'ARCHIVED' && !isEmptyPlan(plan)) {
    return { plan: undefined, errors: [attemptError(() => assertNotArchived(s.status, base === '' ? 'item' : base))!] };
  }
  return { plan, errors: [] };
}

/** The DomainError `fn` throws, or undefined. */
function attemptError(fn: () => void): DomainError | undefined {
  const errors: DomainError[] = [];
  attempt(errors, fn);
  return errors[0];
}

/**
 * Plans the items of one call. An item whose (source, externalId) or new key repeats an earlier
 * item's fails with DUPLICATE_KEY naming the earlier one; `undefined` drafts (items that did not
 * parse) get `undefined`.
 */
export function planImportBatch(
  drafts: readonly (ImportItemDraft | undefined)[],
  stored: ReadonlyMap<string, StoredImportExperiment>,
  refs: ImportReferences,
  ctx: ImportPlanContext,
): (PlannedItem | undefined)[] {
  const external = new Map<string, string>();
  const keys = new Map<string, string>();
  return drafts.map((draft) => {
    if (draft === undefined) return undefined;
    const at = draft.base === '' ? 'an earlier item' : draft.base;
    const ext = externalKey(draft.source, draft.externalId);
    const earlier = external.get(ext);
    if (earlier !== undefined) {
      return {
        plan: undefined,
        errors: [
          badInput(
            fieldPath(draft.base, 'externalId'),
            draft.externalId,
            `each source and externalId once per call (also at ${earlier})`,
            'DUPLICATE_KEY',
          ),
        ],
      };
    }
    external.set(ext, at);
    const current = stored.get(ext);
    if (current === undefined) {
      const key = importKeyOf(draft);
      const claimed = keys.get(key);
      if (claimed !== undefined)
        return {
          plan: undefined,
          errors: [
            badInput(
              fieldPath(draft.base, 'key'),
              key,
              `a key no other item of the call uses (also at ${claimed})`,
              'DUPLICATE_KEY',
            ),
          ],
        };
      keys.set(key, at);
    }
    return planImportItem(draft, current, refs, ctx);
  });
}
