import type { Decision, DecisionKind, Learning, LearningKind } from '../../domain/experiment';
import { PEOPLE } from './areas';
import { DAY_MS } from './lifecycle';
import { type IdFactory, type Rng } from './random';
import { type ObservedOutcome } from './read-results';
import { type LearningExperimentRecord, type LearningHypothesisRecord } from '../catalogue-tables';
import { type SimulatedRun } from './simulate-experiment';
import { decisionRationale, learningSummary } from './texts';

/** Share of concluded experiments left without any decision (decision debt). */
export const DECISION_DEBT_SHARE = 0.08;
/** Share of decisions that contradict the data on purpose (e.g. SHIP on a regression). */
export const INCONSISTENT_DECISION_SHARE = 0.05;
/** Share of decided experiments whose first decision was later superseded. */
const SUPERSEDED_SHARE = 0.12;

/** What people usually decide after reading a given outcome (docs/ewl-rules.md §6.6). */
const USUAL_DECISIONS: Record<ObservedOutcome, ReadonlyArray<readonly [DecisionKind, number]>> = {
  WIN: [
    ['SHIP', 0.92],
    ['ITERATE', 0.08],
  ],
  REGRESSION: [
    ['ABORT', 0.75],
    ['ITERATE', 0.25],
  ],
  INFRA_SAFE: [
    ['SHIP_INFRA', 0.9],
    ['ABANDON', 0.1],
  ],
  NEUTRAL: [
    ['ITERATE', 0.45],
    ['ABANDON', 0.45],
    ['SHIP_INFRA', 0.1],
  ],
  INCONCLUSIVE: [
    ['RERUN', 0.45],
    ['ABANDON', 0.35],
    ['ITERATE', 0.2],
  ],
  INVALID: [
    ['RERUN', 0.75],
    ['ABANDON', 0.25],
  ],
};

const LEARNING_KIND: Record<ObservedOutcome, ReadonlyArray<readonly [LearningKind, number]>> = {
  WIN: [['WHAT_WORKS', 1]],
  REGRESSION: [['REGRESSION_CAUGHT', 1]],
  INFRA_SAFE: [['INFRA_SAFE', 1]],
  NEUTRAL: [
    ['WHAT_DOES_NOT', 0.9],
    ['OTHER', 0.1],
  ],
  INCONCLUSIVE: [
    ['METHOD', 0.6],
    ['OTHER', 0.4],
  ],
  INVALID: [['METHOD', 1]],
};

const LEARNING_SHARE: Record<ObservedOutcome, number> = {
  WIN: 0.8,
  REGRESSION: 0.75,
  INFRA_SAFE: 0.6,
  NEUTRAL: 0.6,
  INCONCLUSIVE: 0.4,
  INVALID: 0.55,
};

const clampToAnchor = (ms: number, anchor: Date) =>
  new Date(Math.floor(Math.min(ms, anchor.getTime()) / 60_000) * 60_000);

/**
 * Decisions people recorded after reading the data: for concluded experiments usually one
 * (sometimes a superseded first one), for a share of stopped ones an early call; never for drafts
 * or running ones. The latest decision is the current one.
 */
export function simulateDecisions(rng: Rng, ids: IdFactory, run: SimulatedRun, anchor: Date): Decision[] {
  const { lifecycle, read, experiment } = run;
  if (!read) return [];
  const concluded = lifecycle.concludedAt !== null;
  if (concluded ? rng.chance(DECISION_DEBT_SHARE) : lifecycle.status !== 'STOPPED' || !rng.chance(0.35)) return [];
  const decidedFrom = (concluded ? lifecycle.concludedAt! : lifecycle.endedAt!).getTime();
  let kind: DecisionKind;
  let inconsistent = false;
  if (experiment.kind === 'AA_TEST') {
    kind = read.outcome === 'INVALID' ? 'RERUN' : 'NONE';
  } else if (rng.chance(INCONSISTENT_DECISION_SHARE)) {
    inconsistent = true;
    kind = read.outcome === 'WIN' || read.outcome === 'INFRA_SAFE' ? 'ABANDON' : 'SHIP';
  } else {
    kind = rng.weighted(USUAL_DECISIONS[read.outcome]);
  }
  const shipped = kind === 'SHIP' || kind === 'SHIP_INFRA' ? run.variants[read.bestArm]!.id : null;
  const rationale =
    experiment.kind === 'AA_TEST' && kind === 'NONE'
      ? 'A/A test: assignment and logging look healthy; nothing to ship.'
      : decisionRationale(kind, run.theme, read.facts, inconsistent);
  const decisions: Decision[] = [];
  const firstAt = clampToAnchor(decidedFrom + rng.uniform(0, 3) * DAY_MS, anchor);
  const supersede = concluded && rng.chance(SUPERSEDED_SHARE) && anchor.getTime() - firstAt.getTime() > 3 * DAY_MS;
  if (supersede) {
    const earlyKind = rng.weighted<DecisionKind>([
      ['NONE', 0.4],
      ['ITERATE', 0.3],
      ['RERUN', 0.3],
    ]);
    decisions.push({
      id: ids.next(),
      experimentId: experiment.id,
      kind: earlyKind,
      shippedVariantId: null,
      isCurrent: false,
      rationale: `${decisionRationale(earlyKind, run.theme, read.facts, false)} (Revisited after the review.)`,
      decidedBy: rng.choice(PEOPLE),
      decidedAt: firstAt,
      createdAt: firstAt,
    });
  }
  const finalAt = supersede ? clampToAnchor(firstAt.getTime() + rng.uniform(1, 21) * DAY_MS, anchor) : firstAt;
  decisions.push({
    id: ids.next(),
    experimentId: experiment.id,
    kind,
    shippedVariantId: shipped,
    isCurrent: true,
    rationale,
    decidedBy: rng.choice(PEOPLE),
    decidedAt: finalAt,
    createdAt: finalAt,
  });
  return decisions;
}

export interface SimulatedLearnings {
  readonly learnings: Learning[];
  readonly learningExperiments: LearningExperimentRecord[];
  readonly learningHypotheses: LearningHypothesisRecord[];
}

/**
 * Learnings written after conclusion (~60 % of concluded experiments, more often after wins and
 * caught regressions), linked to the experiment, often to its hypothesis, to the replaced run for
 * reruns, and now and then to an earlier experiment of the same area.
 */
export function simulateLearnings(
  rng: Rng,
  ids: IdFactory,
  run: SimulatedRun,
  anchor: Date,
  relatedExperimentId: string | undefined,
): SimulatedLearnings {
  const empty: SimulatedLearnings = { learnings: [], learningExperiments: [], learningHypotheses: [] };
  const { read, lifecycle, experiment } = run;
  if (
    !read ||
    lifecycle.concludedAt === null ||
    experiment.kind === 'AA_TEST' ||
    !rng.chance(LEARNING_SHARE[read.outcome])
  )
    return empty;
  const kind = rng.weighted(LEARNING_KIND[read.outcome]);
  const createdAt = clampToAnchor(lifecycle.concludedAt.getTime() + rng.uniform(0, 7) * DAY_MS, anchor);
  const learning: Learning = {
    id: ids.next(),
    summary: learningSummary(kind, run.theme, read.facts),
    kind,
    tags: experiment.tags.filter((t) => t !== 'rerun'),
    author: rng.choice(PEOPLE),
    createdAt,
    updatedAt: createdAt,
    version: 1,
  };
  const linked = [experiment.id];
  if (experiment.restartOfId !== null) linked.push(experiment.restartOfId);
  else if (relatedExperimentId !== undefined && rng.chance(0.04)) linked.push(relatedExperimentId);
  return {
    learnings: [learning],
    learningExperiments: linked.map((experimentId) => ({ learningId: learning.id, experimentId })),
    learningHypotheses: rng.chance(0.5) ? [{ learningId: learning.id, hypothesisId: run.hypotheses[0]!.id }] : [],
  };
}
