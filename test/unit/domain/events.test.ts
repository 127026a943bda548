import {
  type ClassificationState,
  eventsOfClassification,
  eventsOfDecision,
  eventsOfLearning,
  type RecordedDecision,
} from '../../../src/domain/events';

const running: ClassificationState = {
  status: 'RUNNING',
  category: 'PENDING',
  subReason: null,
  validity: 'VALID',
  validityReasons: [],
};

describe('eventsOfClassification', () => {
  it.each([
    [
      'a new experiment: its status and category from null',
      null,
      running,
      ['experiment.status_changed', 'experiment.category_changed'],
    ],
    ['nothing moved', running, running, []],
    ['only the status moved', running, { ...running, status: 'STOPPED' }, ['experiment.status_changed']],
    ['only the category moved', running, { ...running, category: 'WIN' }, ['experiment.category_changed']],
    [
      'the validity became INVALID',
      running,
      { ...running, validity: 'INVALID', category: 'INVALID', validityReasons: ['SRM_FAILED'] },
      ['experiment.category_changed', 'experiment.invalid'],
    ],
    [
      'an INVALID experiment stays INVALID',
      { ...running, validity: 'INVALID' },
      { ...running, validity: 'INVALID' },
      [],
    ],
  ] as const)('emits the right types when %s', (_name, before, after, types) => {
    const events = eventsOfClassification({
      experimentId: 'e1',
      cause: 'RESULTS',
      before: before as ClassificationState | null,
      after: after as ClassificationState,
    });
    expect(events.map((e) => e.type)).toEqual(types);
    expect(events.every((e) => e.experimentId === 'e1')).toBe(true);
  });

  it('reports the category change with from, to, sub-reasons and cause', () => {
    const [event] = eventsOfClassification({
      experimentId: 'e1',
      cause: 'RULESET',
      before: { ...running, status: 'CONCLUDED', category: 'WIN' },
      after: { ...running, status: 'CONCLUDED', category: 'POWERED_NEUTRAL', subReason: 'NO_EFFECT' },
    });
    expect(event).toEqual({
      type: 'experiment.category_changed',
      experimentId: 'e1',
      payload: { from: 'WIN', to: 'POWERED_NEUTRAL', fromSubReason: null, subReason: 'NO_EFFECT', cause: 'RULESET' },
    });
  });

  it('names the validity reasons of experiment.invalid', () => {
    const events = eventsOfClassification({
      experimentId: 'e1',
      cause: 'HEALTH_CHECKS',
      before: running,
      after: { ...running, validity: 'INVALID', validityReasons: ['REPORTED_CHECK_FAILED'] },
    });
    expect(events.find((e) => e.type === 'experiment.invalid')?.payload).toEqual({
      fromValidity: 'VALID',
      validityReasons: ['REPORTED_CHECK_FAILED'],
      category: 'PENDING',
      cause: 'HEALTH_CHECKS',
    });
  });
});

describe('eventsOfDecision', () => {
  const decision = (overrides: Partial<RecordedDecision>): RecordedDecision => ({
    decisionId: 'd1',
    experimentId: 'e1',
    kind: 'SHIP',
    decidedAt: new Date('2026-01-02T03:04:05.000Z'),
    decidedBy: 'ana',
    shippedVariantId: 'v1',
    isCurrent: true,
    classification: { category: 'WIN', provisionalCategory: 'WIN', subReason: null },
    ...overrides,
  });

  it('records a consistent decision once, with consistentWithAnalysis true', () => {
    const events = eventsOfDecision(decision({}));
    expect(events).toEqual([
      {
        type: 'decision.recorded',
        experimentId: 'e1',
        payload: {
          decisionId: 'd1',
          kind: 'SHIP',
          decidedAt: '2026-01-02T03:04:05.000Z',
          decidedBy: 'ana',
          category: 'WIN',
          subReason: null,
          expectedDecisions: ['SHIP', 'SHIP_INFRA'],
          shippedVariantId: 'v1',
          current: true,
          consistentWithAnalysis: true,
        },
      },
    ]);
  });

  it('adds decision.inconsistent for a SHIP on a REGRESSION', () => {
    const events = eventsOfDecision(
      decision({ classification: { category: 'REGRESSION', provisionalCategory: 'REGRESSION', subReason: null } }),
    );
    expect(events.map((e) => e.type)).toEqual(['decision.recorded', 'decision.inconsistent']);
    expect(events[0]!.payload.consistentWithAnalysis).toBe(false);
    expect(events[1]!.payload.expectedDecisions).toEqual(['ABORT', 'ITERATE']);
  });

  it('judges an EXCLUDED experiment by its data category', () => {
    const events = eventsOfDecision(
      decision({ classification: { category: 'EXCLUDED', provisionalCategory: 'REGRESSION', subReason: null } }),
    );
    expect(events.map((e) => e.type)).toEqual(['decision.recorded', 'decision.inconsistent']);
  });

  it.each([
    ['still running (PENDING)', { category: 'PENDING', provisionalCategory: 'WIN', subReason: null }],
    ['never classified', null],
  ] as const)('has consistentWithAnalysis null and no inconsistency while %s', (_name, classification) => {
    const events = eventsOfDecision(decision({ classification }));
    expect(events.map((e) => e.type)).toEqual(['decision.recorded']);
    expect(events[0]!.payload.consistentWithAnalysis).toBeNull();
    expect(events[0]!.payload.expectedDecisions).toEqual([]);
  });
});

describe('eventsOfLearning', () => {
  it('emits one learning.added per linked experiment, naming no other experiment', () => {
    const events = eventsOfLearning({
      learningId: 'l1',
      kind: 'WHAT_WORKS',
      summary: 'Users read the price first',
      tags: ['pricing'],
      author: 'ana',
      experimentIds: ['e1', 'e2'],
    });
    expect(events.map((e) => [e.type, e.experimentId])).toEqual([
      ['learning.added', 'e1'],
      ['learning.added', 'e2'],
    ]);
    expect(JSON.stringify(events[0]!.payload)).not.toContain('e2');
  });
});
