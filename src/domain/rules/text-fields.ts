import { badInput } from '../errors';

/** At most this many tags per experiment or learning. */
export const MAX_TAGS = 20;
/** Longest tag, in characters after trimming. */
export const MAX_TAG_LENGTH = 50;

/**
 * Trims a required text field and checks its length.
 * @throws DomainError BAD_USER_INPUT when the trimmed text is shorter than `min` or longer than `max`.
 * @example requireText('input.name', '  Search  ', { max: 200 }) // 'Search'
 */
export function requireText(field: string, value: string, limits: { min?: number; max: number }): string {
  const trimmed = value.trim();
  const min = limits.min ?? 1;
  if (trimmed.length < min || trimmed.length > limits.max) {
    throw badInput(
      field,
      value,
      min === 1 ? `non-blank text of at most ${limits.max} characters` : `text of ${min}-${limits.max} characters`,
    );
  }
  return trimmed;
}

/**
 * Trims an optional free-text field (may be empty) and checks its length.
 * @throws DomainError BAD_USER_INPUT when longer than `max` characters.
 */
export function optionalText(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length > max) throw badInput(field, `${trimmed.slice(0, 40)}…`, `text of at most ${max} characters`);
  return trimmed;
}

/**
 * Normalises tags: trimmed, lower-cased, de-duplicated (first occurrence keeps its place).
 * @throws DomainError BAD_USER_INPUT for an empty tag, a tag over MAX_TAG_LENGTH characters, or more
 * than MAX_TAGS distinct tags.
 * @example normaliseTags('input.tags', [' Onboarding', 'onboarding', 'Mobile']) // ['onboarding', 'mobile']
 */
export function normaliseTags(field: string, tags: readonly string[]): string[] {
  const result: string[] = [];
  tags.forEach((tag, index) => {
    const normalised = tag.trim().toLowerCase();
    if (normalised.length === 0 || normalised.length > MAX_TAG_LENGTH) {
      throw badInput(`${field}[${index}]`, tag, `a non-blank tag of at most ${MAX_TAG_LENGTH} characters`);
    }
    if (!result.includes(normalised)) result.push(normalised);
  });
  if (result.length > MAX_TAGS)
    throw badInput(field, `${result.length} distinct tags`, `at most ${MAX_TAGS} distinct tags`);
  return result;
}
