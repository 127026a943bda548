import type { DecisionKind, LearningKind } from '../../domain/experiment';
import { type Rng } from './random';

/** What an experiment is about, in words reused across its title, hypothesis and learning. */
export interface ExperimentTheme {
  readonly change: string;
  readonly surface: string;
  readonly audience: string;
  /** Name of the first success metric (or guardrail for infra changes), lower case. */
  readonly primaryMetric: string;
  readonly primaryDirection: 'INCREASE' | 'DECREASE';
}

/** What the data showed, as a person reading the results would summarise it. */
export interface ObservedFacts {
  /** Observed relative change of the primary metric in the best treatment arm, e.g. 0.023. */
  readonly primaryLift: number | null;
  readonly primaryPValue: number | null;
  /** Name of a metric that significantly moved the wrong way, if any. */
  readonly regressedMetric: string | null;
  readonly regressedLift: number | null;
  readonly srmPValue: number | null;
}

const AUDIENCES = [
  'new users',
  'returning users',
  'mobile users',
  'web visitors',
  'all users',
  'users in Europe',
  'power users',
  'first-time buyers',
];
const VERBS = ['Test', 'Introduce', 'Try', 'Launch', 'Evaluate', 'Roll out'];
const REASONS = [
  'it removes a step that user research flagged as confusing',
  'session recordings show users hesitating at this point',
  'a competitor benchmark suggests the pattern is now expected',
  'the previous iteration showed a promising but inconclusive signal',
  'survey respondents asked for it repeatedly',
  'it reduces the time to the first meaningful action',
];
const RATIONALES = [
  'Qualitative interviews with {n} users pointed to friction on the {surface}.',
  'Funnel analysis shows a {n} % drop-off on the {surface}.',
  'A design sprint produced this concept; usability tests with {n} participants were positive.',
  'Support tickets about the {surface} grew by {n} % last quarter.',
  'Literature and industry case studies report gains from {change}.',
];

export function pickAudience(rng: Rng): string {
  return rng.choice(AUDIENCES);
}

const pct = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)} %`;
const pValue = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

export function experimentTitle(rng: Rng, theme: ExperimentTheme, restart: boolean): string {
  const base = `${rng.choice(VERBS)} ${theme.change} on the ${theme.surface}`;
  return restart ? `${base} (rerun)` : base;
}

export function experimentDescription(theme: ExperimentTheme, kind: string, restart: boolean): string {
  const purpose =
    kind === 'AA_TEST'
      ? `A/A test of the ${theme.surface} to validate assignment and logging before the next round of tests.`
      : `We expose ${theme.audience} to ${theme.change} on the ${theme.surface} and read ${theme.primaryMetric} as the primary metric.`;
  return restart ? `${purpose} Rerun after the previous run had a broken traffic split.` : purpose;
}

export function hypothesisStatement(rng: Rng, theme: ExperimentTheme): string {
  const verb = theme.primaryDirection === 'INCREASE' ? 'increase' : 'decrease';
  return `If we offer ${theme.change} on the ${theme.surface} to ${theme.audience}, then ${theme.primaryMetric} will ${verb}, because ${rng.choice(REASONS)}.`;
}

export function hypothesisRationale(rng: Rng, theme: ExperimentTheme): string {
  return rng
    .choice(RATIONALES)
    .replace('{n}', String(rng.int(6, 40)))
    .replace('{surface}', theme.surface)
    .replace('{change}', theme.change);
}

/** Rationale a decision-maker would write for `kind` given what the data showed. */
export function decisionRationale(
  kind: DecisionKind,
  theme: ExperimentTheme,
  facts: ObservedFacts,
  inconsistent: boolean,
): string {
  const lift =
    facts.primaryLift === null
      ? ''
      : ` ${theme.primaryMetric} ${pct(facts.primaryLift)}${facts.primaryPValue === null ? '' : ` (${pValue(facts.primaryPValue)})`}.`;
  if (inconsistent) return `Shipping ${theme.change} for strategic reasons despite the results.${lift}`;
  switch (kind) {
    case 'SHIP':
      return `Clear win:${lift} Guardrails held, shipping to everyone.`;
    case 'SHIP_INFRA':
      return `Infrastructure change with no harm detected on the guardrails; shipping.${lift}`;
    case 'ABORT':
      return `Aborted: ${facts.regressedMetric ?? 'a guardrail'} moved the wrong way${facts.regressedLift === null ? '' : ` (${pct(facts.regressedLift)})`}.`;
    case 'ITERATE':
      return `No ship.${lift} Iterating on the design of ${theme.change}.`;
    case 'ABANDON':
      return `No meaningful effect.${lift} Abandoning ${theme.change} and freeing the traffic.`;
    case 'RERUN':
      return facts.srmPValue !== null && facts.srmPValue < 0.001
        ? `Traffic split was broken (SRM ${pValue(facts.srmPValue)}); fixing assignment and rerunning.`
        : `Not enough data to conclude.${lift} Rerunning with a longer runtime.`;
    case 'NONE':
      return 'Waiting for the review board before deciding.';
  }
}

export function learningSummary(kind: LearningKind, theme: ExperimentTheme, facts: ObservedFacts): string {
  const lift = facts.primaryLift === null ? 'an unclear change' : pct(facts.primaryLift);
  switch (kind) {
    case 'WHAT_WORKS':
      return `${capitalise(theme.change)} on the ${theme.surface} works for ${theme.audience}: ${theme.primaryMetric} moved ${lift}.`;
    case 'WHAT_DOES_NOT':
      return `${capitalise(theme.change)} on the ${theme.surface} does not move ${theme.primaryMetric} for ${theme.audience} (${lift}, well within the MDE).`;
    case 'REGRESSION_CAUGHT':
      return `${capitalise(theme.change)} on the ${theme.surface} hurt ${facts.regressedMetric ?? 'a guardrail'}${facts.regressedLift === null ? '' : ` (${pct(facts.regressedLift)})`}; caught before full rollout.`;
    case 'INFRA_SAFE':
      return `${capitalise(theme.change)} on the ${theme.surface} is safe: no guardrail moved beyond its margin.`;
    case 'METHOD':
      return facts.srmPValue !== null && facts.srmPValue < 0.001
        ? `Sample ratio mismatch on the ${theme.surface} test: check assignment and bot filtering before trusting results.`
        : `The ${theme.surface} test was too small to detect the planned effect on ${theme.primaryMetric}; size tests with the calculator.`;
    case 'OTHER':
      return `Users commented on ${theme.change} in feedback; worth a follow-up on the ${theme.surface}.`;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
