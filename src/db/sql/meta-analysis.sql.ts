/**
 * The SQL forms of the metric view's estimator (docs/meta-analysis.md), written operation for
 * operation as `src/stats/meta-analysis.ts` computes them (`randomEffectsDerSimonianLaird`,
 * `dersimonianLairdTau2`, `shrinkEstimate`), so that PostgreSQL's doubles and the TypeScript ones
 * agree to the last bit: the view aggregates in SQL, and TypeScript fits the model from the sums
 * the statement returns. `test/integration/queries/meta-analysis-sql.int.test.ts` holds each
 * expression to its TypeScript twin. Arguments are SQL expressions of type double precision
 * (`k` may be a bigint count).
 */

/** s², the variance of an estimate with standard error `stdErr`. */
const variance = (stdErr: string) => `(${stdErr} * ${stdErr})`;

/** The fixed-effect weight w = 1/s². */
export const fixedWeightSql = (stdErr: string): string => `(1 / ${variance(stdErr)})`;

/** One term of Cochran's Q, (x − μ_FE)² / s². */
export const cochranTermSql = (estimate: string, stdErr: string, fixedMean: string): string =>
  `((${estimate} - ${fixedMean}) * (${estimate} - ${fixedMean}) / ${variance(stdErr)})`;

/** τ² = max(0, (Q − (k − 1)) / (Σw − Σw²/Σw)), as `dersimonianLairdTau2`. */
export const tau2Sql = (sums: { k: string; sumW: string; sumW2: string; q: string }): string =>
  `greatest(0::float8, (${sums.q} - (${sums.k} - 1)::float8) / (${sums.sumW} - ${sums.sumW2} / ${sums.sumW}))`;

/** The random-effects weight w* = 1/(s² + τ²). */
export const randomWeightSql = (stdErr: string, tau2: string): string => `(1 / (${variance(stdErr)} + ${tau2}))`;

/** The shrinkage factor's complement 1 − B, B = s²/(s² + τ²). */
const keptShareSql = (stdErr: string, tau2: string) => `(1 - ${variance(stdErr)} / (${variance(stdErr)} + ${tau2}))`;

/** The shrunk estimate μ + (1 − B)(x − μ), as `shrinkEstimate(...).estimate`. */
export const shrunkEstimateSql = (estimate: string, stdErr: string, mean: string, tau2: string): string =>
  `(${mean} + ${keptShareSql(stdErr, tau2)} * (${estimate} - ${mean}))`;

/** The posterior variance (1 − B) s², the square of `shrinkEstimate(...).stdDev`. */
export const posteriorVarianceSql = (stdErr: string, tau2: string): string =>
  `(${keptShareSql(stdErr, tau2)} * ${variance(stdErr)})`;
