import type { DashboardExperimentQuery } from '../gql/graphql';
import {
  CATEGORY_LABELS,
  CATEGORY_SUB_REASON_LABELS,
  formatDay,
  formatFlag,
  labelOf,
  RECOMMENDATION_LABELS,
  stoppedNote,
} from '../view-model/experiment-labels';

type ExperimentData = NonNullable<DashboardExperimentQuery['experiment']>;

/** The EwL category as the API states it: provisional or not, why, the recommendation, the lifecycle state. */
export function ExperimentCategory({ experiment }: { experiment: ExperimentData }) {
  const { analysis: a } = experiment;
  const stopped = stoppedNote({ ...experiment, conclusionDate: a.conclusionDate });
  return (
    <section aria-labelledby="category-title" className="section" data-testid="experiment-ewl">
      <h2 id="category-title">EwL category</h2>
      <dl className="facts">
        <dt>Category</dt>
        <dd data-testid="analysis-category">
          {labelOf(CATEGORY_LABELS, a.category)} <code>{a.category}</code>
        </dd>
        {a.provisional ? (
          <>
            <dt>From the data so far</dt>
            <dd data-testid="provisional-category">
              {labelOf(CATEGORY_LABELS, a.provisionalCategory)} <code>{a.provisionalCategory}</code> (provisional: the
              experiment is not concluded)
            </dd>
          </>
        ) : null}
        <dt>Why</dt>
        <dd data-testid="analysis-sub-reason">
          {a.subReason ? (
            <>
              {labelOf(CATEGORY_SUB_REASON_LABELS, a.subReason)} <code>{a.subReason}</code>
            </>
          ) : a.category === 'EXCLUDED' ? (
            'Out of EwL scope: the experiment is set not to count toward EwL (by default only A/B tests count).'
          ) : a.category === 'PENDING' ? (
            'None while the experiment is not concluded.'
          ) : (
            '—'
          )}
        </dd>
        <dt>Recommendation</dt>
        <dd data-testid="analysis-recommendation">
          {labelOf(RECOMMENDATION_LABELS, a.recommendation)} <code>{a.recommendation}</code>
        </dd>
        <dt>Counts as learning</dt>
        <dd>{formatFlag(a.isLearning)}</dd>
        <dt>Counts as a win</dt>
        <dd>{formatFlag(a.isWin)}</dd>
        <dt>Counts toward EwL</dt>
        <dd>{formatFlag(experiment.countsTowardEwl)}</dd>
        <dt>Concluded for the rates on</dt>
        <dd>{formatDay(a.conclusionDate)}</dd>
        <dt>Decisions that fit</dt>
        <dd>{a.expectedDecisions.length > 0 ? a.expectedDecisions.join(', ') : 'no expectation'}</dd>
        <dt>Ruleset</dt>
        <dd>
          <code>{a.rulesetVersion}</code>
          {a.designAmendedAfterLaunch ? ' (the design was amended after launch: analysed as amended)' : ''}
        </dd>
      </dl>
      {stopped ? (
        <p className="note" data-testid="stopped-note">
          {stopped}
        </p>
      ) : null}
    </section>
  );
}
