import { analyseExperiment } from '../../../src/domain/analyse-experiment';
import type { AnalysisInput, CategorySubReason, LearningCategory } from '../../../src/domain/analysis-types';
import { DECISION_KINDS, type DecisionKind } from '../../../src/domain/experiment';
import { conclusionOf, expectedDecisions, isDecisionConsistent } from '../../../src/domain/learning-category';
import { MS_PER_DAY } from '../../../src/domain/ruleset';
import { ASOF, binaryMetric, experiment, variants } from './fixtures/analysis-builders';

const BIG = 200_000;
const win = () =>
  binaryMetric([
    [BIG, 20_000],
    [BIG, 22_000],
  ]);
const daysBefore = (days: number, ms = 0) => new Date(ASOF.getTime() - days * MS_PER_DAY - ms);
const stopped = (endedAt: Date | null, concludedAt: Date | null = null): Partial<AnalysisInput> => ({
  status: 'STOPPED',
  endedAt,
  concludedAt,
});

describe('scope and lifecycle (docs/ewl-rules.md §6.3 rules 1–2, §6.4)', () => {
  const rows: [string, Partial<AnalysisInput>, LearningCategory, Date | null][] = [
    [
      'is EXCLUDED when countsTowardEwl is false',
      { countsTowardEwl: false },
      'EXCLUDED',
      new Date('2026-02-01T00:00:00Z'),
    ],
    [
      'is EXCLUDED before PENDING (RUNNING, not counted)',
      { countsTowardEwl: false, status: 'RUNNING', endedAt: null, concludedAt: null },
      'EXCLUDED',
      null,
    ],
    ['is PENDING while DRAFT', { status: 'DRAFT', startedAt: null, endedAt: null, concludedAt: null }, 'PENDING', null],
    ['is PENDING while RUNNING', { status: 'RUNNING', endedAt: null, concludedAt: null }, 'PENDING', null],
    ['is PENDING when STOPPED without a conclusion for exactly 30 days', stopped(daysBefore(30)), 'PENDING', null],
    [
      'is concluded at endedAt when STOPPED without a conclusion for 30 days and 1 ms',
      stopped(daysBefore(30, 1)),
      'WIN',
      daysBefore(30, 1),
    ],
    [
      'is concluded at endedAt when STOPPED without a conclusion for 90 days',
      stopped(daysBefore(90)),
      'WIN',
      daysBefore(90),
    ],
    [
      'is concluded at concludedAt when STOPPED with a conclusion, however recent',
      stopped(daysBefore(2), daysBefore(1)),
      'WIN',
      daysBefore(1),
    ],
    ['is PENDING when STOPPED without endedAt (the 30-day rule cannot run)', stopped(null), 'PENDING', null],
    ['is concluded at concludedAt when CONCLUDED', {}, 'WIN', new Date('2026-02-01T00:00:00Z')],
    ['is concluded at concludedAt when ARCHIVED', { status: 'ARCHIVED' }, 'WIN', new Date('2026-02-01T00:00:00Z')],
  ];
  it.each(rows)('%s', (_name, overrides, category, conclusionDate) => {
    const result = analyseExperiment(experiment({ metrics: [win()], ...overrides }), { asOf: ASOF });
    expect(result.category).toBe(category);
    expect(result.provisionalCategory).toBe('WIN');
    expect(result.provisional).toBe(category === 'PENDING');
    expect(result.conclusionDate).toEqual(conclusionDate);
    if (category === 'PENDING' || category === 'EXCLUDED') {
      expect([result.isLearning, result.isWin, result.subReason, result.expectedDecisions]).toEqual([
        null,
        null,
        null,
        [],
      ]);
    }
  });

  it.each([
    ['EXCLUDED', { countsTowardEwl: false }],
    ['PENDING', { status: 'RUNNING' as const, endedAt: null, concludedAt: null }],
  ])('is %s before INVALID (provisional category INVALID)', (category, overrides) => {
    const result = analyseExperiment(
      experiment({ variants: variants([10000, 10500]), metrics: [win()], ...overrides }),
      { asOf: ASOF },
    );
    expect([result.category, result.provisionalCategory, result.provisionalSubReason]).toEqual([
      category,
      'INVALID',
      'SRM_FAILED',
    ]);
  });

  it.each([
    // Early stops are classified on their final data like any other (docs/ewl-rules.md §6.4).
    [
      'an early abort on a significant deterioration is a REGRESSION',
      [
        [10_000, 1100],
        [10_000, 1000],
      ],
      'REGRESSION',
    ],
    [
      'an early stop with nothing significant is UNDERPOWERED',
      [
        [3000, 300],
        [3000, 300],
      ],
      'UNDERPOWERED',
    ],
    [
      'an early stop that is already powered is POWERED_NEUTRAL',
      [
        [BIG, 20_000],
        [BIG, 20_000],
      ],
      'POWERED_NEUTRAL',
    ],
  ] as [string, [number, number][], LearningCategory][])('classifies an early stop: %s', (_name, arms, category) => {
    const input = experiment({
      ...stopped(daysBefore(40), daysBefore(39)),
      startedAt: daysBefore(42),
      metrics: [binaryMetric(arms)],
    });
    expect(analyseExperiment(input, { asOf: ASOF }).category).toBe(category);
  });

  it('classifies a rerun and the run it replaces each on its own data (§6.4, A10)', () => {
    const replaced = analyseExperiment(experiment({ variants: variants([10000, 10500]), metrics: [win()] }), {
      asOf: ASOF,
    });
    const rerun = analyseExperiment(experiment({ metrics: [win()] }), { asOf: ASOF });
    expect([replaced.category, rerun.category]).toEqual(['INVALID', 'WIN']);
  });

  it('conclusionOf does not depend on the data', () => {
    expect(
      conclusionOf({ status: 'STOPPED', countsTowardEwl: true, endedAt: daysBefore(31), concludedAt: null }, ASOF),
    ).toEqual({ state: 'CONCLUDED', date: daysBefore(31) });
  });
});

describe('decision consistency (docs/ewl-rules.md §6.6)', () => {
  // The table of docs/ewl-rules.md §6.6, one row per category (and POWERED_NEUTRAL sub-reason): the decisions
  // consistent with it. Every other DecisionKind (NONE included) is inconsistent.
  const table: [LearningCategory, CategorySubReason | null, DecisionKind[]][] = [
    ['WIN', 'SUCCESS_METRIC_IMPROVED', ['SHIP', 'SHIP_INFRA']],
    ['REGRESSION', 'METRIC_DETERIORATED', ['ABORT', 'ITERATE']],
    ['POWERED_NEUTRAL', 'NO_EFFECT', ['ITERATE', 'ABANDON', 'SHIP_INFRA']],
    ['POWERED_NEUTRAL', 'GUARDRAIL_NOT_CLEARED', ['ITERATE', 'ABANDON']],
    ['POWERED_NEUTRAL', 'INFRA_SAFE', ['SHIP_INFRA', 'SHIP', 'ITERATE', 'ABANDON']],
    ['UNDERPOWERED', 'BELOW_REQUIRED_SAMPLE', ['RERUN', 'ABANDON']],
    ['INVALID', 'SRM_FAILED', ['RERUN', 'ABANDON']],
  ];
  const rows = table.flatMap(([category, subReason, consistent]) =>
    DECISION_KINDS.map((kind) => [kind, category, subReason, consistent.includes(kind)] as const),
  );

  it.each(rows)('judges %s on %s (%s) consistent: %p', (kind, category, subReason, consistent) => {
    expect(isDecisionConsistent(kind, category, subReason)).toBe(consistent);
  });

  it.each(table)('expects for %s (%s) exactly %j', (category, subReason, consistent) => {
    expect([...expectedDecisions(category, subReason)].sort()).toEqual([...consistent].sort());
  });

  it.each(['PENDING', 'EXCLUDED'] as const)('has no expectation (null) for %s', (category) => {
    for (const kind of DECISION_KINDS) expect(isDecisionConsistent(kind, category, null)).toBeNull();
  });

  it.each([
    ['SHIP', 'REGRESSION'],
    ['SHIP', 'UNDERPOWERED'],
    ['SHIP', 'INVALID'],
  ] as const)(
    'flags %s recorded on a %s experiment as inconsistent (per the table of docs/ewl-rules.md §6.6)',
    (kind, category) => {
      expect(isDecisionConsistent(kind, category, null)).toBe(false);
    },
  );
});
