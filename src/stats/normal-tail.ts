/**
 * The standard normal tail by W. J. Cody's rational approximations, shared by the distribution
 * functions in `distributions.ts`. Internal to the stats layer.
 */

const SQRT_TWO_PI = Math.sqrt(2 * Math.PI);
// W. J. Cody's rational Chebyshev approximations of the normal distribution function
// (Cody 1969; ACM TOMS Algorithm 715, 1993), the method behind R's pnorm: about 1e-16 relative
// accuracy in both tails with a handful of operations and no iteration. Coefficients as published
// (more digits than a double holds; rounding them to the nearest double is intended).
/* eslint-disable no-loss-of-precision */
const CODY_A = [
  2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113,
];
const CODY_B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const CODY_C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const CODY_D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const CODY_P = [
  0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5,
  0.02307344176494017303,
];
const CODY_Q = [
  1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5,
];
/* eslint-enable no-loss-of-precision */
/** Below this |x| the central formula is used (Φ(x) = ¾ at 0.6744897501960817). */
export const CODY_CENTRAL_LIMIT = 0.67448975;
const SQRT_32 = Math.sqrt(32);
const ONE_OVER_SQRT_TWO_PI = 1 / SQRT_TWO_PI;

/** Φ(x) − ½ for |x| ≤ 0.67448975, without cancellation (odd in x). */
export function centralHalf(x: number): number {
  const xsq = x * x;
  let num = CODY_A[4]! * xsq;
  let den = xsq;
  for (let i = 0; i < 3; i += 1) {
    num = (num + CODY_A[i]!) * xsq;
    den = (den + CODY_B[i]!) * xsq;
  }
  return (x * (num + CODY_A[3]!)) / (den + CODY_B[3]!);
}

/** exp(−y²/2)·r with y² split so the exponent is exact to the last bit (Cody's "del" trick). */
function gaussianTimes(y: number, r: number): number {
  const ySixteenths = Math.trunc(y * 16) / 16;
  const del = (y - ySixteenths) * (y + ySixteenths);
  return Math.exp(-ySixteenths * ySixteenths * 0.5) * Math.exp(-del * 0.5) * r;
}

/** Φ(−y) for y ≥ 0, accurate relative to its value until it underflows near y = 38.5. */
export function lowerTail(y: number): number {
  if (y <= CODY_CENTRAL_LIMIT) return 0.5 - centralHalf(y);
  if (y <= SQRT_32) {
    let num = CODY_C[8]! * y;
    let den = y;
    for (let i = 0; i < 7; i += 1) {
      num = (num + CODY_C[i]!) * y;
      den = (den + CODY_D[i]!) * y;
    }
    return gaussianTimes(y, (num + CODY_C[7]!) / (den + CODY_D[7]!));
  }
  if (y === Infinity) return 0;
  const xsq = 1 / (y * y);
  let num = CODY_P[5]! * xsq;
  let den = xsq;
  for (let i = 0; i < 4; i += 1) {
    num = (num + CODY_P[i]!) * xsq;
    den = (den + CODY_Q[i]!) * xsq;
  }
  const r = (ONE_OVER_SQRT_TWO_PI - (xsq * (num + CODY_P[4]!)) / (den + CODY_Q[4]!)) / y;
  return gaussianTimes(y, r);
}
