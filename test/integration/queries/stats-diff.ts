/**
 * Differences between an OrgStats response and the brute-force expectation, as readable lines
 * (empty when they agree). Numbers agree within 1e-9 (SQL and JS round floats differently);
 * `decisionDebt.oldestAgeDays` may also differ by `ageTolerance` days when it is measured at "now",
 * which the server and the test read a few milliseconds apart.
 */
export function diffStats(
  label: string,
  actual: unknown,
  expected: unknown,
  ageTolerance: number,
  path = '',
): string[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tolerance = 1e-9 + (path === '.decisionDebt.oldestAgeDays' ? ageTolerance : 0);
    return Math.abs(actual - expected) <= tolerance ? [] : [`${label}${path}: got ${actual}, expected ${expected}`];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (actual.length !== expected.length)
      return [`${label}${path}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`];
    return expected.flatMap((e, i) => diffStats(label, actual[i], e, ageTolerance, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].flatMap((k) =>
      diffStats(
        label,
        (actual as Record<string, unknown>)[k],
        (expected as Record<string, unknown>)[k],
        ageTolerance,
        `${path}.${k}`,
      ),
    );
  }
  return actual === expected
    ? []
    : [`${label}${path}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`];
}
