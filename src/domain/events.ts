import type { CategorySubReason, LearningCategory, Validity } from './analysis-types';
import type { DecisionKind, ExperimentStatus, LearningKind } from './experiment';
import { decisionJudgementBasis, expectedDecisions, isDecisionConsistent } from './learning-category';
import type { ClassificationCause } from './stored-classification';

/**
 * Events (docs/events.md): what happened to an experiment, written to the transactional outbox in
 * the transaction of the change that caused it, so that an event exists if and only if its change
 * committed. Webhook subscriptions receive them (docs/decisions/0014-transactional-outbox.md).
 * - `experiment.status_changed`: the lifecycle status moved (from null: the experiment is new);
 * - `experiment.category_changed`: the stored EwL category moved, with the cause of the recomputation;
 * - `experiment.invalid`: the validity became INVALID;
 * - `decision.recorded`: a decision was recorded, with whether it fits the analysis;
 * - `decision.inconsistent`: a recorded decision does not fit the analysis (e.g. SHIP on a REGRESSION);
 * - `learning.added`: a learning was linked to the experiment when it was added;
 * - `experiment.decision_overdue`: concluded at least N days ago without a decision (N per
 *   subscription), found by the dispatcher's scheduler, once per experiment and N.
 */
export const EVENT_TYPES = [
  'experiment.status_changed',
  'experiment.category_changed',
  'experiment.invalid',
  'decision.recorded',
  'decision.inconsistent',
  'learning.added',
  'experiment.decision_overdue',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Days an event stays in the outbox once all its deliveries are settled (DELIVERED or FAILED); the
 * hourly purge deletes older ones with their delivery log. Decision-overdue events stay: they
 * record which experiment was announced at which threshold.
 */
export const OUTBOX_RETENTION_DAYS = 30;

/** True when `value` is one of EVENT_TYPES. */
export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

/**
 * An event before it is stored: its type, the experiment it is about and its payload (the JSON
 * `data` of a delivery). The outbox adds the id, the time and the experiment's key and owner node.
 */
export interface EventDraft {
  readonly type: EventType;
  readonly experimentId: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** What of a stored classification the events compare (docs/ewl-rules.md §14). */
export interface ClassificationState {
  readonly status: ExperimentStatus;
  readonly category: LearningCategory;
  readonly subReason: CategorySubReason | null;
  readonly validity: Validity;
  readonly validityReasons: readonly string[];
}

/** One experiment's stored classification before a write (null: never classified, i.e. new) and after it. */
export interface ClassificationTransition {
  readonly experimentId: string;
  readonly cause: ClassificationCause;
  readonly before: ClassificationState | null;
  readonly after: ClassificationState;
}

/**
 * The events of one recomputed classification: `experiment.status_changed` when the status moved,
 * `experiment.category_changed` when the category moved (both with `from` null for a new
 * experiment), and `experiment.invalid` when the validity became INVALID. None when nothing of
 * that moved (results that leave the category as it was).
 * @example eventsOfClassification({ experimentId: 'e1', cause: 'STATUS_CHANGED',
 *   before: { status: 'RUNNING', category: 'PENDING', subReason: null, validity: 'VALID', validityReasons: [] },
 *   after: { status: 'STOPPED', category: 'WIN', subReason: null, validity: 'VALID', validityReasons: [] } })
 * // [{ type: 'experiment.status_changed', ... payload: { from: 'RUNNING', to: 'STOPPED', cause: 'STATUS_CHANGED' } },
 * //  { type: 'experiment.category_changed', ... payload: { from: 'PENDING', to: 'WIN', ... } }]
 */
export function eventsOfClassification(t: ClassificationTransition): EventDraft[] {
  const { before, after, cause, experimentId } = t;
  const events: EventDraft[] = [];
  if (before === null || before.status !== after.status)
    events.push({
      type: 'experiment.status_changed',
      experimentId,
      payload: { from: before?.status ?? null, to: after.status, cause },
    });
  if (before === null || before.category !== after.category)
    events.push({
      type: 'experiment.category_changed',
      experimentId,
      payload: {
        from: before?.category ?? null,
        to: after.category,
        fromSubReason: before?.subReason ?? null,
        subReason: after.subReason,
        cause,
      },
    });
  if (after.validity === 'INVALID' && before?.validity !== 'INVALID')
    events.push({
      type: 'experiment.invalid',
      experimentId,
      payload: {
        fromValidity: before?.validity ?? null,
        validityReasons: after.validityReasons,
        category: after.category,
        cause,
      },
    });
  return events;
}

/** A decision as recorded, with the stored classification it is judged against (docs/ewl-rules.md §6.6). */
export interface RecordedDecision {
  readonly decisionId: string;
  readonly experimentId: string;
  readonly kind: DecisionKind;
  readonly decidedAt: Date;
  readonly decidedBy: string;
  readonly shippedVariantId: string | null;
  /** Whether it is the experiment's current decision (a back-dated one may not be). */
  readonly isCurrent: boolean;
  /** The experiment's stored classification (null when it has none). */
  readonly classification: {
    readonly category: LearningCategory;
    readonly provisionalCategory: LearningCategory;
    readonly subReason: CategorySubReason | null;
  } | null;
}

/**
 * The events of a recorded decision: `decision.recorded` with `consistentWithAnalysis` (null while
 * the experiment has no category to judge against, e.g. still running), and `decision.inconsistent`
 * too when that is false, as `Decision.consistentWithAnalysis` answers.
 */
export function eventsOfDecision(d: RecordedDecision): EventDraft[] {
  const basis = decisionJudgementBasis(d.classification);
  const consistent = basis === null ? null : isDecisionConsistent(d.kind, basis.category, basis.subReason);
  const expected = basis === null ? [] : expectedDecisions(basis.category, basis.subReason);
  const common = {
    decisionId: d.decisionId,
    kind: d.kind,
    decidedAt: d.decidedAt.toISOString(),
    decidedBy: d.decidedBy,
    category: basis?.category ?? null,
    subReason: basis?.subReason ?? null,
    expectedDecisions: expected,
  };
  const events: EventDraft[] = [
    {
      type: 'decision.recorded',
      experimentId: d.experimentId,
      payload: {
        ...common,
        shippedVariantId: d.shippedVariantId,
        current: d.isCurrent,
        consistentWithAnalysis: consistent,
      },
    },
  ];
  if (consistent === false)
    events.push({ type: 'decision.inconsistent', experimentId: d.experimentId, payload: common });
  return events;
}

/** A learning as added, with the experiments it was linked to. */
export interface AddedLearning {
  readonly learningId: string;
  readonly kind: LearningKind;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly author: string;
  readonly experimentIds: readonly string[];
}

/**
 * `learning.added`, once per linked experiment: each event is about one experiment (and reaches
 * the subscriptions of its owner's subtree only), so the payload names no other experiment.
 */
export function eventsOfLearning(l: AddedLearning): EventDraft[] {
  return l.experimentIds.map((experimentId) => ({
    type: 'learning.added',
    experimentId,
    payload: { learningId: l.learningId, kind: l.kind, summary: l.summary, tags: l.tags, author: l.author },
  }));
}
