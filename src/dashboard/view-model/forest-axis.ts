/** The value axis of a forest plot: bounds rounded outward to a readable tick step. */

/** The smallest step of 1, 2 or 5 times a power of ten giving at most `ticks` steps over `span`. */
export function niceStep(span: number, ticks = 6): number {
  const raw = span / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw)!;
}

/** The narrowest axis: 2 percentage points, so that a plot of tiny effects is not a magnified blur. */
export const MIN_AXIS_SPAN = 0.02;

/** Bounds around [low, high] (widened about its centre to MIN_AXIS_SPAN), padded 5 %, rounded outward to a step. */
export function axisBounds(low: number, high: number): { min: number; max: number } {
  const centre = (low + high) / 2;
  const [from, to] =
    high - low >= MIN_AXIS_SPAN ? [low, high] : [centre - MIN_AXIS_SPAN / 2, centre + MIN_AXIS_SPAN / 2];
  const pad = (to - from) * 0.05;
  const step = niceStep(to - from + 2 * pad);
  const round = (v: number) => Number(v.toPrecision(12));
  return { min: round(Math.floor((from - pad) / step) * step), max: round(Math.ceil((to + pad) / step) * step) };
}
