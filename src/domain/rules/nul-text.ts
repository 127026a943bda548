import { badInput } from '../errors';

/** What text inputs may hold, for error messages. */
export const NUL_FREE_ALLOWED = 'text without NUL characters (\\u0000)';

/**
 * The path of the first string, or object key, that holds a NUL character (U+0000) in a JSON-like
 * value (strings, arrays, plain objects), or undefined. PostgreSQL text cannot store NUL, so such
 * input is refused before any SQL. Iterative, so that deep nesting cannot exhaust the stack.
 * @example findNulText({ items: [{ title: 'a\u0000' }] }, 'input') // 'input.items[0].title'
 */
export function findNulText(value: unknown, path: string): string | undefined {
  const stack: Array<[unknown, string]> = [[value, path]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [current, at] = next;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return at;
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i -= 1) stack.push([current[i], `${at}[${i}]`]);
    } else if (typeof current === 'object' && current !== null && !(current instanceof Date)) {
      for (const [key, item] of Object.entries(current).reverse()) {
        if (key.includes('\u0000')) return at;
        stack.push([item, `${at}.${key}`]);
      }
    }
  }
  return undefined;
}

/**
 * Refuses a value holding a NUL character anywhere (see findNulText).
 * @throws DomainError BAD_USER_INPUT, reason NUL_CHARACTER, naming the path of the text.
 */
export function assertNoNulText(value: unknown, path: string): void {
  const field = findNulText(value, path);
  if (field !== undefined) throw badInput(field, 'text with \\u0000', NUL_FREE_ALLOWED, 'NUL_CHARACTER');
}
