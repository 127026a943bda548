import { analyseExperiment } from '../../../src/domain/analyse-experiment';
import type { AnalysisInput } from '../../../src/domain/analysis-types';
import { MS_PER_DAY, RULESET_VERSION } from '../../../src/domain/ruleset';
import { effectiveCategory, toStoredClassification } from '../../../src/domain/stored-classification';
import { ASOF, binaryMetric, experiment, variants } from './fixtures/analysis-builders';

const BIG = 200_000;
const win = () =>
  binaryMetric([
    [BIG, 20_000],
    [BIG, 22_000],
  ]);
const ENDED = new Date('2026-05-20T00:00:00Z');
const day = (n: number) => new Date(ENDED.getTime() + n * MS_PER_DAY);

function stored(input: AnalysisInput, asOf = ASOF) {
  return toStoredClassification(input, analyseExperiment(input, { asOf }));
}

describe('toStoredClassification (docs/ewl-rules.md §14)', () => {
  const stoppedWin = experiment({ status: 'STOPPED', endedAt: ENDED, concludedAt: null, metrics: [win()] });

  it('stores the data category of a STOPPED experiment without a conclusion, not PENDING, so the row never goes stale', () => {
    const row = stored(stoppedWin, day(1));
    expect([row.category, row.provisionalCategory, row.subReason, row.isLearning, row.isWin]).toEqual([
      'WIN',
      'WIN',
      'SUCCESS_METRIC_IMPROVED',
      true,
      true,
    ]);
    expect([row.status, row.endedAt, row.concludedAt, row.rulesetVersion]).toEqual([
      'STOPPED',
      ENDED,
      null,
      RULESET_VERSION,
    ]);
  });

  it('gives the same row whatever asOf the analysis was run at', () => {
    expect(stored(stoppedWin, day(1))).toEqual(stored(stoppedWin, day(45)));
  });

  it.each([
    [
      'PENDING for a RUNNING experiment',
      experiment({ status: 'RUNNING', endedAt: null, concludedAt: null, metrics: [win()] }),
      'PENDING',
      null,
    ],
    [
      'EXCLUDED when it does not count toward EwL',
      experiment({ countsTowardEwl: false, metrics: [win()] }),
      'EXCLUDED',
      null,
    ],
    [
      'INVALID with its validity reason',
      experiment({ variants: variants([10000, 10500]), metrics: [win()] }),
      'INVALID',
      'SRM_FAILED',
    ],
    ['the analysis category when CONCLUDED', experiment({ metrics: [win()] }), 'WIN', 'SUCCESS_METRIC_IMPROVED'],
  ] as const)('stores %s', (_name, input, category, subReason) => {
    const row = stored(input);
    expect([row.category, row.subReason]).toEqual([category, subReason]);
    if (category === 'PENDING' || category === 'EXCLUDED') expect([row.isLearning, row.isWin]).toEqual([null, null]);
  });

  it('stores validity reasons as codes and the headline recommendation', () => {
    const row = stored(experiment({ variants: variants([10000, 10500]), metrics: [win()] }));
    expect([row.validity, row.validityReasons, row.recommendation]).toEqual(['INVALID', ['SRM_FAILED'], 'INVESTIGATE']);
  });
});

describe('effectiveCategory (docs/ewl-rules.md §6.4, §14: the 30-day rule applied on read)', () => {
  const row = stored(experiment({ status: 'STOPPED', endedAt: ENDED, concludedAt: null, metrics: [win()] }));

  it.each([
    ['PENDING on the day it stopped', day(0), 'PENDING'],
    ['PENDING 30 days after it stopped', day(30), 'PENDING'],
    ['its stored category 30 days and 1 ms after it stopped', new Date(day(30).getTime() + 1), 'WIN'],
    ['its stored category 45 days after it stopped', day(45), 'WIN'],
  ] as const)('is %s', (_name, asOf, category) => {
    expect(effectiveCategory(row, asOf)).toBe(category);
  });

  it('agrees with analyseExperiment at every asOf', () => {
    const input = experiment({ status: 'STOPPED', endedAt: ENDED, concludedAt: null, metrics: [win()] });
    for (const asOf of [day(0), day(30), day(31), day(100)]) {
      expect(effectiveCategory(row, asOf)).toBe(analyseExperiment(input, { asOf }).category);
    }
  });

  it('keeps a concluded row as stored at any time', () => {
    const concluded = stored(experiment({ metrics: [win()] }));
    expect([effectiveCategory(concluded, day(-100)), effectiveCategory(concluded, day(100))]).toEqual(['WIN', 'WIN']);
  });
});
