/** Each value after the first with the one before it, as `[previous, value]` (for monotonicity checks). */
export function neighbours(values: readonly number[]): Array<[previous: number, value: number]> {
  const pairs: Array<[number, number]> = [];
  let previous: number | undefined;
  for (const value of values) {
    if (previous !== undefined) pairs.push([previous, value]);
    previous = value;
  }
  return pairs;
}
