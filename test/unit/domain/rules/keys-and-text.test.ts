import { DomainError } from '../../../../src/domain/errors';
import { isUuid, pickReference, validateKey } from '../../../../src/domain/rules/keys';
import { MAX_TAGS } from '../../../../src/domain/rules/field-limits';
import { normaliseTags, optionalText, requireText } from '../../../../src/domain/rules/text-fields';

describe('validateKey', () => {
  it.each(['a', 'checkout-v2', 'acme/search/ranking', 'A1.b_c:d', 'x'.repeat(100)])('accepts %s', (key) => {
    expect(validateKey('input.key', key)).toBe(key);
  });

  it.each(['', '-lead', '.lead', 'has space', 'ümlaut', 'x'.repeat(101), 'semi;colon'])('refuses %p', (key) => {
    expect(() => validateKey('input.key', key)).toThrow(DomainError);
  });
});

describe('isUuid', () => {
  it.each([
    ['123e4567-e89b-12d3-a456-426614174000', true],
    ['00000000-0000-4000-8000-000000000000', true],
    ['123E4567-E89B-12D3-A456-426614174000', true],
    ['123e4567e89b12d3a456426614174000', false],
    ['not-a-uuid', false],
    ['', false],
  ])('%s -> %p', (value, expected) => {
    expect(isUuid(value)).toBe(expected);
  });
});

describe('pickReference', () => {
  const fields = { id: 'input.parentId', key: 'input.parentKey' };
  it.each([
    [{ id: '00000000-0000-4000-8000-000000000000' }, true, { id: '00000000-0000-4000-8000-000000000000' }],
    [{ key: 'acme' }, true, { key: 'acme' }],
    [{ id: null, key: null }, false, undefined],
  ])('resolves %p (required %p)', (ref, required, expected) => {
    expect(pickReference(fields, ref, required)).toEqual(expected);
  });

  it.each([
    ['both given', { id: '00000000-0000-4000-8000-000000000000', key: 'acme' }, true],
    ['neither given while required', {}, true],
    ['a malformed id', { id: 'x' }, false],
  ])('refuses %s', (_label, ref, required) => {
    expect(() => pickReference(fields, ref, required)).toThrow(DomainError);
  });
});

describe('requireText and optionalText', () => {
  it.each([
    ['  Search  ', 'Search'],
    ['x'.repeat(10), 'x'.repeat(10)],
  ])('requireText trims %p', (value, expected) => {
    expect(requireText('input.name', value, { max: 10 })).toBe(expected);
  });

  it.each(['', '   ', 'x'.repeat(11)])('requireText refuses %p', (value) => {
    expect(() => requireText('input.name', value, { max: 10 })).toThrow('input.name');
  });

  it('optionalText accepts empty text and refuses text over the limit', () => {
    expect(optionalText('input.description', '  ', 5)).toBe('');
    expect(() => optionalText('input.description', 'abcdef', 5)).toThrow('at most 5 characters');
  });
});

describe('normaliseTags', () => {
  it.each([
    [
      [' Onboarding', 'onboarding', 'Mobile'],
      ['onboarding', 'mobile'],
    ],
    [[], []],
    [Array.from({ length: MAX_TAGS + 5 }, () => 'same'), ['same']],
  ])('normalises %p', (tags, expected) => {
    expect(normaliseTags('input.tags', tags)).toEqual(expected);
  });

  it.each([
    ['an empty tag', ['ok', '  '], 'input.tags[1]'],
    ['a tag over 50 characters', ['x'.repeat(51)], 'input.tags[0]'],
    ['21 distinct tags', Array.from({ length: 21 }, (_, i) => `t${i}`), 'input.tags'],
  ])('refuses %s', (_label, tags, field) => {
    try {
      normaliseTags('input.tags', tags);
      throw new Error('expected a DomainError');
    } catch (e) {
      expect((e as DomainError).details.field).toBe(field);
    }
  });
});
