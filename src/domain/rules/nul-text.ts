import { badInput } from '../errors';

/** What text inputs may hold, for error messages. */
export const NUL_FREE_ALLOWED = 'text without NUL characters (\\u0000)';

/** A list or a plain object (a Date is a value, not a container). */
function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}

/** One container being walked: its items (and keys, for an object), the next index, its path. */
interface Frame {
  readonly items: readonly unknown[];
  readonly keys: readonly string[] | null;
  next: number;
  readonly path: string;
}

function frameOf(container: object, path: string): Frame {
  return Array.isArray(container)
    ? { items: container, keys: null, next: 0, path }
    : { items: Object.values(container), keys: Object.keys(container), next: 0, path };
}

/**
 * The path of the first string, or object key, that holds a NUL character (U+0000) in a JSON-like
 * value (strings, arrays, plain objects), in document order, or undefined. PostgreSQL text cannot
 * store NUL, so such input is refused before any SQL. Iterative, so that deep nesting cannot
 * exhaust the stack; a path is built only for a container entered or a NUL found, so a long list
 * of strings is scanned without allocating per item.
 * @example findNulText({ items: [{ title: 'a\u0000' }] }, 'input') // 'input.items[0].title'
 */
export function findNulText(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (!isContainer(value)) return undefined;
  const stack: Frame[] = [frameOf(value, path)];
  for (let frame = stack.at(-1); frame !== undefined; frame = stack.at(-1)) {
    if (frame.next >= frame.items.length) {
      stack.pop();
      continue;
    }
    const i = frame.next++;
    const key = frame.keys?.[i];
    if (key?.includes('\u0000')) return frame.path;
    const item = frame.items[i];
    const itemPath = (parent: Frame) => (key === undefined ? `${parent.path}[${i}]` : `${parent.path}.${key}`);
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return itemPath(frame);
    } else if (isContainer(item)) stack.push(frameOf(item, itemPath(frame)));
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
