/** Relative effects (fractions, e.g. MetricArmAnalysis.diffRel) as the experiment page writes them. */

/** A relative effect as a signed percentage with two decimals, e.g. `+1.23%`, `−0.40%`, `0.00%`. */
export function formatRelative(fraction: number): string {
  const text = (Math.abs(fraction) * 100).toFixed(2);
  if (Number(text) === 0) return '0.00%';
  return `${fraction < 0 ? '−' : '+'}${text}%`;
}

/** An axis tick as a signed percentage without trailing zeros, e.g. `+5%`, `−2.5%`, `0%`. */
export function formatAxisPercent(fraction: number): string {
  const text = String(Number((Math.abs(fraction) * 100).toFixed(2)));
  if (text === '0') return '0%';
  return `${fraction < 0 ? '−' : '+'}${text}%`;
}

/** An interval of relative effects, e.g. `−0.40% to +2.10%`. */
export function formatRelativeInterval(lower: number, upper: number): string {
  return `${formatRelative(lower)} to ${formatRelative(upper)}`;
}

/** A size (an MDE or NIM, never signed) as a percentage with two decimals, e.g. `2.00%`. */
export function formatRelativeSize(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}
