import { hash32, IdFactory, Rng } from '../../../src/db/seed/random';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Rng', () => {
  it('repeats the same sequence for the same seed and differs for another seed', () => {
    const draw = (seed: number) => {
      const rng = new Rng(seed, 7);
      return Array.from({ length: 20 }, () => rng.next());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('draws standard normals with mean ≈ 0 and variance ≈ 1', () => {
    const rng = new Rng(3);
    const values = Array.from({ length: 50_000 }, () => rng.normal());
    const mean = values.reduce((a, v) => a + v, 0) / values.length;
    const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  });

  it.each([
    [0, 0.3],
    [10, 0.5],
    [49, 0.01],
    [1000, 0.999],
    [1_000_000, 0.0001],
    [500, 1],
  ])('keeps Binomial(%d, %d) draws integer and within [0, n]', (n, p) => {
    const rng = new Rng(n);
    for (let i = 0; i < 200; i += 1) {
      const x = rng.binomial(n, p);
      expect(Number.isInteger(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(n);
    }
  });

  it('samples distinct elements and respects weights', () => {
    const rng = new Rng(5);
    const sample = rng.sample(['a', 'b', 'c', 'd'], 3);
    expect(new Set(sample).size).toBe(3);
    const heavy = Array.from({ length: 10_000 }, () =>
      rng.weighted([
        ['x', 0.9],
        ['y', 0.1],
      ]),
    ).filter((v) => v === 'x').length;
    expect(heavy / 10_000).toBeGreaterThan(0.88);
    expect(heavy / 10_000).toBeLessThan(0.92);
  });
});

describe('IdFactory', () => {
  it('makes unique, v4-shaped ids that repeat for the same seed', () => {
    const a = new IdFactory(11, 1);
    const b = new IdFactory(11, 1);
    const ids = Array.from({ length: 100_000 }, () => a.next());
    ids.slice(0, 50).forEach((id) => expect(id).toMatch(UUID_V4));
    expect(new Set(ids).size).toBe(ids.length);
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(ids.slice(0, 5));
    expect(new IdFactory(12, 1).next()).not.toBe(ids[0]);
  });
});

describe('hash32', () => {
  it('distinguishes argument order and large seeds', () => {
    expect(hash32(1, 2)).not.toBe(hash32(2, 1));
    expect(hash32(2 ** 40)).not.toBe(hash32(0));
  });
});
