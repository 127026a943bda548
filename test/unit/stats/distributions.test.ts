import {
  chiSquareSf,
  normalCdf,
  normalQuantile,
  normalSf,
  studentTCdf,
  studentTSf,
} from '../../../src/stats/distributions';
import { erfc } from '../../../src/stats/gamma-functions';
import { expectRelativelyClose, expectWithinContract } from './expect-close';

// Far-tail values below the contract floor are still computed to full relative precision; this
// tighter design target (not part of the contract) catches a regression to `1 − cdf`.
const DEEP_TAIL_TOLERANCE = 1e-9;

describe('normalSf', () => {
  // python3 -c "import mpmath as m; m.mp.dps=50; print([(z, repr(float(m.ncdf(-z)))) for z in [0, 0.5, 1, 1.959963984540054, 3, 5, 8, 10, 20, 37, -1, -5, -20]])"
  const table: Array<[number, number]> = [
    [0, 0.5],
    [0.5, 0.3085375387259869],
    [1, 0.15865525393145705],
    [1.959963984540054, 0.025000000000000012],
    [3, 0.0013498980316300946],
    [5, 2.866515718791939e-7],
    [8, 6.220960574271784e-16],
    [10, 7.619853024160525e-24],
    [20, 2.7536241186062337e-89],
    [37, 5.725571222524577e-300],
    [-1, 0.8413447460685429],
    [-5, 0.9999997133484281],
    [-20, 1],
  ];

  it.each(table)('meets the docs/ewl-rules.md §3.11 contract at z = %p', (z, expected) => {
    expectWithinContract(normalSf({ z }), expected);
  });

  it.each(table)('keeps full relative accuracy in the far tail at z = %p', (z, expected) => {
    expectRelativelyClose(normalSf({ z }), expected, DEEP_TAIL_TOLERANCE);
  });

  it('is 0 at +Infinity, 1 at -Infinity and never negative beyond the double range', () => {
    expect(normalSf({ z: Infinity })).toBe(0);
    expect(normalSf({ z: -Infinity })).toBe(1);
    expect(normalSf({ z: 40 })).toBe(0);
  });

  it('throws RangeError for NaN', () => {
    expect(() => normalSf({ z: NaN })).toThrow(RangeError);
  });
});

describe('normalCdf', () => {
  it.each([0, 0.3, 1, 1.96, 3.5, 6, 9, 15])('satisfies Φ(z) + Φ(−z) = 1 at z = %p', (z) => {
    expect(normalCdf({ z }) + normalCdf({ z: -z })).toBeCloseTo(1, 15);
  });

  it.each([5, 8, 10, 20, 37])('equals the upper tail at z in the lower tail at −z = −%p', (z) => {
    expect(normalCdf({ z: -z })).toBe(normalSf({ z }));
  });

  it('returns the deep lower tail that jstat rounds to 0: Φ(−10) = 7.6199e-24 (mpmath)', () => {
    expectRelativelyClose(normalCdf({ z: -10 }), 7.619853024160525e-24, DEEP_TAIL_TOLERANCE);
  });

  it('is non-decreasing on a grid from −40 to 40', () => {
    const grid = Array.from({ length: 801 }, (_, i) => -40 + i / 10);
    const values = grid.map((z) => normalCdf({ z }));
    values.slice(1).forEach((value, i) => expect(value).toBeGreaterThanOrEqual(values[i]));
  });

  it('throws RangeError for NaN', () => {
    expect(() => normalCdf({ z: NaN })).toThrow('z must be a number; got NaN');
  });
});

describe('normalQuantile', () => {
  // docs/ewl-rules.md §10 quantiles, 6 decimals as printed there.
  it.each([
    [0.95, 1.644854],
    [0.975, 1.959964],
    [0.8, 0.841621],
    [1 - 0.2 / 3, 1.501086],
  ])('matches docs/ewl-rules.md §10 at p = %p (6 decimals)', (p, expected) => {
    expect(normalQuantile({ p })).toBeCloseTo(expected, 6);
  });

  // python3 -c "import mpmath as m; from scipy.stats import norm; m.mp.dps=60; print([(p, repr(float(m.findroot(lambda x: m.log(m.ncdf(x)/m.mpf(p)), norm.ppf(p))))) for p in [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.05, 0.2, 0.3, 0.4999, 0.5000000001, 0.6, 0.8, 0.95, 0.975, 0.999, 0.9999999999]])"
  it.each([
    [1e-300, -37.0470962993612],
    [1e-100, -21.273453560965326],
    [1e-20, -9.262340089798407],
    [1e-10, -6.361340902404057],
    [1e-5, -4.264890793922825],
    [0.001, -3.0902323061678136],
    [0.025, -1.9599639845400543],
    [0.05, -1.6448536269514726],
    [0.2, -0.8416212335729142],
    [0.3, -0.5244005127080408],
    [0.4999, -0.00025066283008800747],
    [0.5000000001, 2.506628482030354e-10],
    [0.6, 0.2533471031357997],
    [0.8, 0.8416212335729144],
    [0.95, 1.6448536269514722],
    [0.975, 1.9599639845400538],
    [0.999, 3.090232306167813],
    [0.9999999999, 6.361340889697422],
  ])('matches mpmath to the docs/ewl-rules.md §3.11 tolerance at p = %p', (p, expected) => {
    expectWithinContract(Math.abs(normalQuantile({ p })), Math.abs(expected));
    expect(Math.sign(normalQuantile({ p }))).toBe(Math.sign(expected));
  });

  it('returns 0 at p = 0.5', () => {
    expect(normalQuantile({ p: 0.5 })).toBe(0);
  });

  const grid = [1e-200, 1e-50, 1e-12, 1e-6, 0.001, 0.01, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.99, 0.999, 0.999999];
  it.each(grid)('inverts normalCdf: Φ(Φ⁻¹(p)) ≈ p at p = %p', (p) => {
    expectRelativelyClose(normalCdf({ z: normalQuantile({ p }) }), p, 1e-12);
  });

  it('is strictly increasing in p', () => {
    const values = grid.map((p) => normalQuantile({ p }));
    values.slice(1).forEach((value, i) => expect(value).toBeGreaterThan(values[i]));
  });

  it.each([0, 1, -0.1, 1.5, NaN])('throws RangeError for p = %p', (p) => {
    expect(() => normalQuantile({ p })).toThrow(RangeError);
  });
});

describe('chiSquareSf', () => {
  // python3 -c "import mpmath as m; m.mp.dps=50; print([(x, df, repr(float(m.gammainc(m.mpf(df)/2, m.mpf(x)/2, m.inf, regularized=True)))) for x, df in [(0.001,1),(1,1),(3.841458820694124,1),(10,1),(50,1),(100,1),(500,1),(1400,1),(1,2),(13.815510557964274,2),(5,3),(100,3),(20,4),(9.5,10),(300,10),(2.5,0.5),(30,29.5)]])"
  const table: Array<[number, number, number]> = [
    [0.001, 1, 0.9747728793699604],
    [1, 1, 0.3173105078629141],
    [3.841458820694124, 1, 0.05000000000000006],
    [10, 1, 0.0015654022580025497],
    [50, 1, 1.537459794428035e-12],
    [100, 1, 1.523970604832105e-23],
    [500, 1, 9.505397766554091e-111],
    [1400, 1, 2.1010145162642176e-306],
    [1, 2, 0.6065306597126334],
    [13.815510557964274, 2, 0.0010000000000000002],
    [5, 3, 0.17179714429673312],
    [100, 3, 1.554159431389605e-21],
    [20, 4, 0.0004993992273873333],
    [9.5, 10, 0.4853975577785967],
    [300, 10, 1.5546747543803181e-58],
    [2.5, 0.5, 0.04724670114390936],
    [30, 29.5, 0.43977530084017113],
  ];

  it.each(table)('meets the docs/ewl-rules.md §3.11 contract at x = %p, df = %p', (x, df, expected) => {
    expectWithinContract(chiSquareSf({ x, df }), expected);
  });

  it.each(table)('keeps full relative accuracy in the far tail at x = %p, df = %p', (x, df, expected) => {
    expectRelativelyClose(chiSquareSf({ x, df }), expected, DEEP_TAIL_TOLERANCE);
  });

  // docs/ewl-rules.md §10: χ² 0.001 critical values 10.828 (df 1) and 13.816 (df 2), 3 decimals. The true
  // critical value rounds to the printed one iff the tail brackets 0.001 half a unit either side.
  it.each([
    [1, 10.828],
    [2, 13.816],
  ])('places the 0.001 critical value for df = %p at %p (docs/ewl-rules.md §10)', (df, critical) => {
    expect(chiSquareSf({ x: critical - 0.0005, df })).toBeGreaterThan(0.001);
    expect(chiSquareSf({ x: critical + 0.0005, df })).toBeLessThan(0.001);
  });

  it.each([1, 2, 3, 7])('is decreasing in x for df = %p', (df) => {
    const values = Array.from({ length: 300 }, (_, i) => chiSquareSf({ x: i * 2, df }));
    values.slice(1).forEach((value, i) => expect(value).toBeLessThanOrEqual(values[i]));
    expect(values[0]).toBe(1);
  });

  it('is 0 at x = Infinity', () => {
    expect(chiSquareSf({ x: Infinity, df: 3 })).toBe(0);
  });

  it.each([0.5, 3.84, 10.828, 60, 400])('equals erfc(√(x/2)) for df = 1 at x = %p (docs/ewl-rules.md §3.11)', (x) => {
    expectRelativelyClose(chiSquareSf({ x, df: 1 }), erfc({ x: Math.sqrt(x / 2) }), 1e-12);
  });

  it.each([
    [-1, 1],
    [NaN, 1],
    [1, 0],
    [1, -2],
    [1, Infinity],
  ])('throws RangeError for x = %p, df = %p', (x, df) => {
    expect(() => chiSquareSf({ x, df })).toThrow(RangeError);
  });
});

describe('studentTSf', () => {
  // python3 -c "import mpmath as m; m.mp.dps=60; s=lambda t,d: 1-s(-t,d) if t<0 else m.mpf(0.5)*m.betainc(m.mpf(d)/2, 0.5, 0, m.mpf(d)/(d+m.mpf(t)**2), regularized=True); print([(t, d, repr(float(s(t, d)))) for t, d in [(1,1),(2.228138851986274,10),(-2.228138851986274,10),(0.5,2.5),(3,5),(10,3),(50,3),(1e3,2),(5,30),(12,30),(2.4689,9991.9),(7,1e6),(0.1,1e8),(7,1e8),(1e-8,1e8),(0.3,0.7),(40,10),(2,1e9),(-1.5,1e9),(7,1e10),(2,1e12)]])"
  // (scipy.stats.t.sf agrees to about 1e-15 on every row.)
  const table: Array<[number, number, number]> = [
    [1, 1, 0.25],
    [2.228138851986274, 10, 0.025000000000000036],
    [-2.228138851986274, 10, 0.975],
    [0.5, 2.5, 0.32884895993485735],
    [3, 5, 0.015049623948731286],
    [10, 3, 0.0010641995292070751],
    [50, 3, 8.808576020635988e-6],
    [1e3, 2, 4.9999925000125e-7],
    [5, 30, 1.1648342733503898e-5],
    [12, 30, 2.790092707599628e-13],
    [2.4689, 9991.9, 0.006784756101078382],
    [7, 1e6, 1.2806120556870395e-12],
    [0.1, 1e8, 0.46017216282320156],
    [7, 1e8, 1.2798205367885653e-12],
    [1e-8, 1e8, 0.4999999960105772],
    [0.3, 0.7, 0.41461759318566754],
    [40, 10, 1.1404288715428774e-12],
    [2, 1e9, 0.022750132083156623],
    [-1.5, 1e9, 0.9331927985732924],
    [7, 1e10, 1.2798126238146408e-12],
    [2, 1e12, 0.022750131948314184],
  ];

  it.each(table)('meets the docs/ewl-rules.md §3.11 contract at t = %p, df = %p', (t, df, expected) => {
    expectWithinContract(studentTSf({ t, df }), expected);
  });

  it.each(table)('keeps relative accuracy below the contract floor too at t = %p, df = %p', (t, df, expected) => {
    expectRelativelyClose(studentTSf({ t, df }), expected, DEEP_TAIL_TOLERANCE);
  });

  it('matches the Cauchy closed form ½ − atan(t)/π for df = 1', () => {
    [0.2, 3, 40, 1e4].forEach((t) =>
      expectRelativelyClose(studentTSf({ t, df: 1 }), Math.atan2(1, t) / Math.PI, 1e-12),
    );
  });

  it.each([0.5, 2, 5, 7])('switches to the large-df expansion at df = 1e8 without a visible step at t = %p', (t) => {
    expectRelativelyClose(studentTSf({ t, df: 1e8 * (1 - 1e-12) }), studentTSf({ t, df: 1e8 }), 1e-8);
  });

  it('approaches the normal tail as df grows', () => {
    expectRelativelyClose(studentTSf({ t: 2, df: 1e15 }), normalSf({ z: 2 }), 1e-14);
  });

  it.each([5, 1e9])('is 0 at +Infinity and 1 at -Infinity for df = %p', (df) => {
    expect(studentTSf({ t: Infinity, df })).toBe(0);
    expect(studentTSf({ t: -Infinity, df })).toBe(1);
  });

  it('stays in [0, 1e-12] beyond the double range for large df', () => {
    expect(studentTSf({ t: 60, df: 1e9 })).toBe(0);
  });

  it.each([
    [NaN, 5],
    [1, 0],
    [1, -3],
    [1, NaN],
    [1, Infinity],
  ])('throws RangeError for t = %p, df = %p', (t, df) => {
    expect(() => studentTSf({ t, df })).toThrow(RangeError);
    expect(() => studentTCdf({ t, df })).toThrow(RangeError);
  });
});

describe('studentTCdf', () => {
  it.each([
    [0.4, 3],
    [2, 10],
    [6, 2.5],
    [3, 9991.9],
  ])('satisfies F(t) + F(−t) = 1 at t = %p, df = %p', (t, df) => {
    expect(studentTCdf({ t, df }) + studentTCdf({ t: -t, df })).toBeCloseTo(1, 15);
  });

  it('is non-decreasing in t', () => {
    const values = Array.from({ length: 401 }, (_, i) => studentTCdf({ t: -20 + i / 10, df: 4 }));
    values.slice(1).forEach((value, i) => expect(value).toBeGreaterThanOrEqual(values[i]));
  });

  it('returns the lower tail at −t without cancellation', () => {
    expectRelativelyClose(studentTCdf({ t: -40, df: 10 }), 1.1404288715428774e-12, DEEP_TAIL_TOLERANCE);
  });
});
