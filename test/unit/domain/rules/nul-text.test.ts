import { assertNoNulText, findNulText } from '../../../../src/domain/rules/nul-text';

describe('findNulText', () => {
  it.each([
    ['a plain string', 'a\u0000b', 'input'],
    ['a nested field', { items: [{ title: 'ok' }, { title: 'x\u0000' }] }, 'input.items[1].title'],
    ['a list item', { tags: ['a', '\u0000'] }, 'input.tags[1]'],
    ['an object key', { 'ti\u0000tle': 'x' }, 'input'],
  ])('finds NUL in %s', (_name, value, path) => {
    expect(findNulText(value, 'input')).toBe(path);
  });

  it('finds nothing in clean values, numbers, booleans, null and dates', () => {
    expect(
      findNulText({ a: 'x', b: [1, true, null], c: new Date(0), d: '\\u0000 written out' }, 'input'),
    ).toBeUndefined();
  });

  it('walks deep nesting without exhausting the stack', () => {
    let value: unknown = 'deep\u0000';
    for (let i = 0; i < 100_000; i += 1) value = [value];
    expect(findNulText(value, 'v')).toBe(`v${'[0]'.repeat(100_000)}`);
  });

  it('finds the first NUL in document order, in lists of strings and of objects alike', () => {
    const tags = Array.from({ length: 100_000 }, (_, i) => `tag-${i}`);
    expect(findNulText({ t: tags }, 'v')).toBeUndefined();
    tags[99_998] = 'x\u0000';
    tags[99_999] = 'y\u0000';
    expect(findNulText({ t: tags }, 'v')).toBe('v.t[99998]');
    expect(findNulText([{ a: 'ok' }, { b: ['ok', 'z\u0000'] }, 'w\u0000'], 'v')).toBe('v[1].b[1]');
    expect(findNulText({ when: new Date(0), n: 1, ok: true, none: null }, 'v')).toBeUndefined();
  });
});

describe('assertNoNulText', () => {
  it('is BAD_USER_INPUT with reason NUL_CHARACTER naming the path', () => {
    expect(() => assertNoNulText({ title: 'a\u0000' }, 'items[2]')).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        reason: 'NUL_CHARACTER',
        details: expect.objectContaining({ field: 'items[2].title' }),
      }),
    );
  });
});
