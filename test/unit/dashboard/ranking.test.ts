import { rankChildren } from '../../../src/dashboard/view-model/ranking';
import type { Rate, RatesOf } from '../../../src/dashboard/view-model/rates';

const rate = (value: number, smallSample = false): Rate => ({ value, lower: 0, upper: 1, smallSample });
const none: RatesOf = {
  learningRate: null,
  winRate: null,
  regressionRate: null,
  neutralRate: null,
  underpoweredRate: null,
  invalidRate: null,
};
const child = (key: string, concluded: number, rates: Partial<RatesOf> = {}) => ({
  key,
  name: key,
  kind: 'team',
  concluded,
  ...none,
  ...rates,
});

describe('rankChildren', () => {
  const children = [
    child('d', 0),
    child('c', 12, { learningRate: rate(0.5), winRate: rate(0.3) }),
    child('b', 20, { learningRate: rate(0.5), winRate: rate(0.1) }),
    child('a', 5, { learningRate: rate(0.9, true), winRate: rate(0.2, true) }),
    child('e', 12, { learningRate: rate(0.5), winRate: rate(0.3) }),
  ];

  it('orders by the chosen rate, highest first; ties by more concluded, then key; no rate last', () => {
    expect(rankChildren(children, 'LEARNING_RATE').map((r) => [r.rank, r.key])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'e'],
      [null, 'd'],
    ]);
    expect(rankChildren(children, 'WIN_RATE').map((r) => r.key)).toEqual(['c', 'e', 'a', 'b', 'd']);
  });

  it('shows the rate of the chosen field and flags small samples', () => {
    const [first] = rankChildren(children, 'WIN_RATE');
    expect(first).toMatchObject({ key: 'c', rate: '30.0%', smallSample: false });
    expect(rankChildren(children, 'LEARNING_RATE')[0]).toMatchObject({ key: 'a', smallSample: true });
  });
});
