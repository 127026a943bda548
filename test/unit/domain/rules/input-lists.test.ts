import { DomainError } from '../../../../src/domain/errors';
import { MAX_IMPORT_ITEMS } from '../../../../src/domain/import/import-item';
import { assertInputListSize, MAX_INPUT_LIST_ITEMS, maxInputListItems } from '../../../../src/domain/rules/input-lists';

describe('assertInputListSize', () => {
  it.each([
    ['filter.tagsAny', MAX_INPUT_LIST_ITEMS],
    ['input.weights', 0],
    ['input.items', MAX_IMPORT_ITEMS],
    ['input.results', 1000],
  ])('accepts %s with %i items', (field, size) => {
    expect(() => assertInputListSize(field, size)).not.toThrow();
  });

  it('refuses a list over the maximum with BAD_USER_INPUT naming the field, the size and the maximum', () => {
    let error: unknown;
    try {
      assertInputListSize('filter.tagsAny', 100_000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'TOO_MANY_ITEMS',
      details: { field: 'filter.tagsAny', value: '100000 items', allowed: `at most ${MAX_INPUT_LIST_ITEMS} items` },
    });
  });

  it('takes the maximum from the last segment of the path', () => {
    expect(maxInputListItems('status')).toBe(MAX_INPUT_LIST_ITEMS);
    expect(() => assertInputListSize('input.items[2].results', 1001)).toThrow(/at most 1000 items/);
    expect(() => assertInputListSize('input.items', MAX_IMPORT_ITEMS + 1)).toThrow(/input\.items/);
  });
});
