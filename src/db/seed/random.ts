/**
 * Seeded, platform-independent randomness for the demo-data simulator: a small-state PRNG (sfc32),
 * a few distributions, and deterministic v4-shaped UUIDs. Nothing here reads the clock or
 * `Math.random`, so the same seed always gives the same portfolio.
 */

/** MurmurHash3's 32-bit finaliser: a bijection on uint32, so distinct inputs never collide. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Mixes any number of integers into one uint32 (order-sensitive). */
export function hash32(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = fmix32(h ^ fmix32((part >>> 0) + Math.imul(h, 0x27d4eb2d)));
    // Fold in the high bits too, so seeds above 2^32 still differ.
    h = fmix32(h + Math.floor(part / 0x1_0000_0000));
  }
  return h;
}

/** A seeded generator (sfc32, period ≈ 2^128) with the draws the simulator needs. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | undefined;

  /** @param seedParts integers that identify this stream (e.g. the portfolio seed and an index). */
  constructor(...seedParts: readonly number[]) {
    const base = hash32(...seedParts);
    this.a = hash32(base, 1);
    this.b = hash32(base, 2);
    this.c = hash32(base, 3);
    this.d = 1;
    for (let i = 0; i < 12; i += 1) this.nextUint32();
  }

  /** Uniform integer in [0, 2^32). */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal draw (Marsaglia's polar method; uses only log and sqrt). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const spare = this.spareNormal;
      this.spareNormal = undefined;
      return spare;
    }
    for (;;) {
      const u = 2 * this.next() - 1;
      const v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const factor = Math.sqrt((-2 * Math.log(s)) / s);
        this.spareNormal = v * factor;
        return u * factor;
      }
    }
  }

  /**
   * Binomial(n, p) by the normal approximation with continuity correction (rounding), clamped to
   * [0, n]; exact Bernoulli sums for small n so tiny arms stay plausible.
   */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (n < 50) {
      let sum = 0;
      for (let i = 0; i < n; i += 1) if (this.next() < p) sum += 1;
      return sum;
    }
    const draw = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * this.normal());
    return Math.min(n, Math.max(0, draw));
  }

  /** One element, uniformly. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('choice: items must not be empty');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One value, with probability proportional to its weight. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((acc, [, w]) => acc + w, 0);
    let u = this.next() * total;
    for (const [value, weight] of entries) {
      u -= weight;
      if (u < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  /** `count` distinct elements in random order (partial Fisher–Yates on a copy). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const k = Math.min(count, copy.length);
    for (let i = 0; i < k; i += 1) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, k);
  }
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex = (value: number): string =>
  BYTE_HEX[(value >>> 24) & 255]! +
  BYTE_HEX[(value >>> 16) & 255]! +
  BYTE_HEX[(value >>> 8) & 255]! +
  BYTE_HEX[value & 255]!;

/**
 * Deterministic ids: the `counter`-th id of a seed. The first word is a bijection of the counter,
 * so ids of one seed never collide; version and variant nibbles make them look like UUID v4.
 */
export class IdFactory {
  private counter = 0;
  private readonly salt: number;

  /** @param seedParts integers that identify this id stream (e.g. the portfolio seed and a stream number). */
  constructor(...seedParts: readonly number[]) {
    this.salt = hash32(...seedParts, 0x5eed);
  }

  next(): string {
    const n = this.counter;
    this.counter += 1;
    const w0 = fmix32((n + this.salt) >>> 0);
    const w1 = fmix32(w0 ^ this.salt);
    const w2 = fmix32(w1 + 0x632be5ab);
    return formatUuid(w0, w1, w2, fmix32(w2 ^ 0x85157af5));
  }
}

function formatUuid(w0: number, w1: number, w2: number, w3: number): string {
  const h1 = hex(w1);
  const h2 = hex(((w2 & 0x3fffffff) | 0x80000000) >>> 0);
  return `${hex(w0)}-${h1.slice(0, 4)}-4${h1.slice(5, 8)}-${h2.slice(0, 4)}-${h2.slice(4, 8)}${hex(w3)}`;
}
