/**
 * The few distribution functions the simulator needs to size experiments and to read its own
 * drawn data the way a person would (a one-sided z-test, the SRM chi-square). Kept local so the
 * demo data does not depend on the analysis engine it is meant to exercise; accuracy ~1e-7 is
 * ample for choosing sample sizes and decisions.
 */

/** Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(poly);
  return x >= 0 ? value : 2 - value;
}

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Standard normal quantile Φ⁻¹(p) for 0 < p < 1 (Acklam's rational approximation, ~1e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => {
    const r = Math.sqrt(-2 * Math.log(q));
    return (
      (((((c[0]! * r + c[1]!) * r + c[2]!) * r + c[3]!) * r + c[4]!) * r + c[5]!) /
      ((((d[0]! * r + d[1]!) * r + d[2]!) * r + d[3]!) * r + 1)
    );
  };
  if (p < 0.02425) return tail(p);
  if (p > 1 - 0.02425) return -tail(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/**
 * Upper tail P(χ²_df > x) for a positive integer df, in closed form: df = 1 is erfc(√(x/2)),
 * df = 2 is exp(−x/2), and higher df add the usual finite series.
 */
export function chiSquareSf(x: number, df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`chiSquareSf: df must be a positive integer, got ${df}`);
  if (x <= 0) return 1;
  const half = x / 2;
  if (df % 2 === 0) {
    let term = 1;
    let sum = 1;
    for (let i = 1; i < df / 2; i += 1) {
      term *= half / i;
      sum += term;
    }
    return Math.min(1, Math.exp(-half) * sum);
  }
  let sum = 0;
  let term = Math.sqrt((2 * x) / Math.PI) * Math.exp(-half);
  for (let i = 1; i <= (df - 1) / 2; i += 1) {
    sum += term;
    term *= x / (2 * i + 1);
  }
  return Math.min(1, erfc(Math.sqrt(half)) + sum);
}

/**
 * Pearson's sample-ratio-mismatch test (docs/ewl-rules.md §3.9): observed units per arm against the planned
 * weights (normalised here). Returns the statistic and its p-value with k − 1 degrees of freedom.
 */
export function sampleRatioTest(
  observed: readonly number[],
  weights: readonly number[],
): { statistic: number; pValue: number } {
  const total = observed.reduce((acc, o) => acc + o, 0);
  const weightSum = weights.reduce((acc, w) => acc + w, 0);
  if (total === 0) return { statistic: 0, pValue: 1 };
  let statistic = 0;
  observed.forEach((o, i) => {
    const expected = (total * weights[i]!) / weightSum;
    statistic += ((o - expected) * (o - expected)) / expected;
  });
  return { statistic, pValue: chiSquareSf(statistic, observed.length - 1) };
}
