import { sampleRatioTest } from '../../../src/stats/sample-ratio';
import { expectWithinContract, expectRelativelyClose } from './expect-close';

describe('sampleRatioTest', () => {
  // docs/ewl-rules.md §10 SRM vectors, decimals as printed there.
  it.each([
    [[5000, 5200], [50, 50], 3.9216, 4, 0.04767, 5],
    [[10000, 10500], [50, 50], 12.195, 3, 0.000479, 6],
    [[8900, 1100], [90, 10], 11.111, 3, 0.000858, 6],
    [[3300, 3350, 3550], [1, 1, 1], 10.294, 3, 0.00582, 5],
  ])(
    'reproduces docs/ewl-rules.md §10 for counts %p with weights %p',
    (observed, weights, chiSquare, chiDigits, pValue, pDigits) => {
      const result = sampleRatioTest({ observed, weights });
      expect(result.chiSquare).toBeCloseTo(chiSquare, chiDigits);
      expect(result.pValue).toBeCloseTo(pValue, pDigits);
      expect(result.df).toBe(observed.length - 1);
    },
  );

  // python3 -c "from scipy.stats import chisquare; import numpy as np; print([(o, w, *map(lambda v: repr(float(v)), chisquare(o, np.sum(o)*np.array(w)/np.sum(w)))) for o, w in [([5000,5200],[1,1]),([10000,10500],[1,1]),([8900,1100],[9,1]),([3300,3350,3550],[1,1,1]),([100,130,70,100],[1,1,1,1]),([10,20],[1,2]),([1000,0],[1,1]),([500000,502500],[50,50])]])"
  it.each([
    [[5000, 5200], [1, 1], 3.9215686274509802, 0.0476703806561615],
    [[10000, 10500], [1, 1], 12.195121951219512, 0.00047914643458730067],
    [[8900, 1100], [9, 1], 11.11111111111111, 0.0008581206663936758],
    [[3300, 3350, 3550], [1, 1, 1], 10.294117647058822, 0.005816486908108813],
    [[100, 130, 70, 100], [1, 1, 1, 1], 18, 0.0004398496528388289],
    [[10, 20], [1, 2], 0, 1],
    [[1000, 0], [1, 1], 1000, 1.7958327848007363e-219],
    [[500000, 502500], [50, 50], 6.234413965087282, 0.012529104815953911],
  ])('matches scipy.stats.chisquare for counts %p with weights %p', (observed, weights, chiSquare, pValue) => {
    const result = sampleRatioTest({ observed, weights });
    expectRelativelyClose(result.chiSquare, chiSquare, 1e-12);
    expectWithinContract(result.pValue, pValue);
  });

  it('returns expected counts in input order and the largest share deviation', () => {
    const result = sampleRatioTest({ observed: [8900, 1100], weights: [0.9, 0.1] });
    expect(result.expected[0]).toBeCloseTo(9000, 9);
    expect(result.expected[1]).toBeCloseTo(1000, 9);
    expect(result.maxShareDeviation).toBeCloseTo(0.01, 12);
  });

  it('gives the same answer for weights given as ratios or percentages', () => {
    expect(sampleRatioTest({ observed: [300, 340, 360], weights: [1, 1, 2] }).pValue).toBeCloseTo(
      sampleRatioTest({ observed: [300, 340, 360], weights: [25, 25, 50] }).pValue,
      15,
    );
  });

  it.each([
    [[100], [1]],
    [[100, 100], [1]],
    [
      [100, -1],
      [1, 1],
    ],
    [
      [100, 1.5],
      [1, 1],
    ],
    [
      [100, 100],
      [1, 0],
    ],
    [
      [100, 100],
      [1, NaN],
    ],
    [
      [0, 0],
      [1, 1],
    ],
  ])('throws RangeError for counts %p with weights %p', (observed, weights) => {
    expect(() => sampleRatioTest({ observed, weights })).toThrow(RangeError);
  });
});
