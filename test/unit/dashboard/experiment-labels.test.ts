import {
  CATEGORY_LABELS,
  CATEGORY_SUB_REASON_LABELS,
  formatFlag,
  formatStatistic,
  HEALTH_CHECK_LABELS,
  HEALTH_STATUS_LABELS,
  labelOf,
  RECOMMENDATION_LABELS,
  stoppedNote,
  VALIDITY_LABELS,
} from '../../../src/dashboard/view-model/experiment-labels';
import type {
  CategorySubReason,
  HealthCheckStatus,
  HealthCheckType,
  LearningCategory,
  Recommendation,
  Validity,
} from '../../../src/dashboard/gql/graphql';

// Every code the schema can return has words: the records are typed by the generated unions, so a new code fails here.
const every = <T extends string>(codes: Record<T, true>) => Object.keys(codes) as T[];

describe('experiment labels', () => {
  it.each([
    [
      'categories',
      CATEGORY_LABELS,
      every<LearningCategory>({
        WIN: true,
        REGRESSION: true,
        POWERED_NEUTRAL: true,
        UNDERPOWERED: true,
        INVALID: true,
        PENDING: true,
        EXCLUDED: true,
      }),
    ],
    [
      'sub-reasons',
      CATEGORY_SUB_REASON_LABELS,
      every<CategorySubReason>({
        BELOW_REQUIRED_SAMPLE: true,
        GUARDRAIL_NOT_CLEARED: true,
        INFRA_SAFE: true,
        METRIC_DETERIORATED: true,
        MISSING_HEALTH_DATA: true,
        MISSING_MDE: true,
        NO_DATA: true,
        NO_DECISION_METRICS: true,
        NO_EFFECT: true,
        NO_TRAFFIC: true,
        REPORTED_CHECK_FAILED: true,
        SRM_FAILED: true,
        SUCCESS_METRIC_IMPROVED: true,
      }),
    ],
    [
      'recommendations',
      RECOMMENDATION_LABELS,
      every<Recommendation>({ ABORT: true, CONTINUE: true, END: true, INVESTIGATE: true, SHIP: true }),
    ],
    ['validities', VALIDITY_LABELS, every<Validity>({ INVALID: true, UNKNOWN: true, VALID: true })],
    [
      'health check types',
      HEALTH_CHECK_LABELS,
      every<HealthCheckType>({
        CUSTOM: true,
        MIN_RUNTIME: true,
        MULTIPLE_EXPOSURE: true,
        NO_TRAFFIC: true,
        PRE_EXPOSURE_BIAS: true,
        SRM: true,
      }),
    ],
    [
      'health check statuses',
      HEALTH_STATUS_LABELS,
      every<HealthCheckStatus>({ FAIL: true, NOT_ENOUGH_DATA: true, NOT_RUN: true, PASS: true, WARN: true }),
    ],
  ])('has words for every one of the %s', (_, labels, codes) => {
    expect(Object.keys(labels).sort()).toEqual([...codes].sort());
  });

  it('shows an unknown code as itself and null as a dash', () => {
    expect(labelOf(CATEGORY_LABELS, 'WIN')).toBe('Win');
    expect(labelOf(CATEGORY_LABELS, 'NEW')).toBe('NEW');
    expect(labelOf(CATEGORY_LABELS, null)).toBe('—');
  });

  it('writes flags and statistics as the API gives them', () => {
    expect([formatFlag(true), formatFlag(false), formatFlag(null)]).toEqual(['yes', 'no', '—']);
    expect(formatStatistic(0.123456)).toBe('0.1235');
    expect(formatStatistic(0.00000123)).toBe('1.23e-6');
    expect(formatStatistic(0)).toBe('0');
    expect(formatStatistic(null)).toBe('—');
  });
});

describe('stoppedNote', () => {
  const stopped = {
    status: 'STOPPED',
    countsTowardEwl: true,
    concludedAt: null,
    endedAt: '2026-10-01T12:00:00.000Z',
  };

  it('says a stopped, unconcluded experiment is pending until the 30-day rule applies', () => {
    expect(stoppedNote({ ...stopped, conclusionDate: null })).toBe(
      'Stopped on 2026-10-01 without a conclusion: pending until it is concluded, or until 30 days after it ' +
        'stopped, when it counts as concluded on the day it stopped.',
    );
  });

  it("gives the API's conclusion date once the 30-day rule applied", () => {
    expect(stoppedNote({ ...stopped, conclusionDate: '2026-10-01T12:00:00.000Z' })).toContain(
      'it counts as concluded on 2026-10-01',
    );
  });

  it('says nothing of a concluded or running experiment, or of one out of EwL scope', () => {
    expect(stoppedNote({ ...stopped, countsTowardEwl: false, conclusionDate: null })).toBeNull();
    expect(stoppedNote({ ...stopped, concludedAt: '2026-10-02T00:00:00.000Z', conclusionDate: null })).toBeNull();
    expect(stoppedNote({ ...stopped, status: 'RUNNING', conclusionDate: null })).toBeNull();
  });
});
