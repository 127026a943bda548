/**
 * Ambient types for the part of `jstat` (1.9.x) that `src/stats` uses.
 *
 * jstat ships no types. Only `gammaln` is wrapped: its tail functions (`normal.cdf`, `erfc`,
 * `chisquare.cdf`, `ibeta`) lose relative accuracy far from the centre (docs/ewl-rules.md §3.11), so the
 * tails are computed in `special-functions.ts` instead.
 */
declare module 'jstat' {
  /** The jstat namespace object (the package also exports itself as `jStat`). */
  export const jStat: {
    /**
     * ln Γ(x) for x > 0 (Numerical Recipes' Lanczos form; absolute error about 1e-13 for
     * x < 10 and about 2e-10 near x = 1000).
     */
    gammaln(x: number): number;
  };
}
