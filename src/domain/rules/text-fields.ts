import { badInput } from '../errors';
import { MAX_TAGS, TEXT_LIMITS, type TextLimit } from './field-limits';

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
 * Trims a text field and checks it against its limit (field-limits.ts): requireText when the field
 * is required (`min` 1), optionalText when it may be empty.
 * @throws DomainError BAD_USER_INPUT naming `field` and the allowed length.
 * @example validateText('input.title', ' Checkout ', TEXT_LIMITS.experiment.title) // 'Checkout'
 */
export function validateText(field: string, value: string, limit: TextLimit): string {
  return limit.min === 0 ? optionalText(field, value, limit.max) : requireText(field, value, limit);
}

/**
 * Normalises tags: trimmed, lower-cased, de-duplicated (first occurrence keeps its place).
 * @throws DomainError BAD_USER_INPUT for an empty tag, a tag over TEXT_LIMITS.tag.max characters, or
 * more than MAX_TAGS distinct tags.
 * @example normaliseTags('input.tags', [' Onboarding', 'onboarding', 'Mobile']) // ['onboarding', 'mobile']
 */
export function normaliseTags(field: string, tags: readonly string[]): string[] {
  const result: string[] = [];
  tags.forEach((tag, index) => {
    const normalised = tag.trim().toLowerCase();
    if (normalised.length < TEXT_LIMITS.tag.min || normalised.length > TEXT_LIMITS.tag.max) {
      throw badInput(`${field}[${index}]`, tag, `a non-blank tag of at most ${TEXT_LIMITS.tag.max} characters`);
    }
    if (!result.includes(normalised)) result.push(normalised);
  });
  if (result.length > MAX_TAGS)
    throw badInput(field, `${result.length} distinct tags`, `at most ${MAX_TAGS} distinct tags`);
  return result;
}

/**
 * Normalises a product surface (the part of the product an experiment changes, e.g. `checkout`) like a tag:
 * trimmed and lower-cased; null or blank means none (null).
 * @throws DomainError BAD_USER_INPUT when longer than TEXT_LIMITS.experiment.surface.max characters.
 * @example normaliseSurface('input.surface', ' Checkout ') // 'checkout'
 */
export function normaliseSurface(field: string, value: string | null): string | null {
  const surface = value?.trim().toLowerCase() ?? '';
  if (surface.length > TEXT_LIMITS.experiment.surface.max)
    throw badInput(field, value, `text of at most ${TEXT_LIMITS.experiment.surface.max} characters`);
  return surface === '' ? null : surface;
}
