import { DomainError, badInput, displayValue, notFound } from '../../../src/domain/errors';

describe('badInput', () => {
  it('names the field, the value and what is allowed', () => {
    const error = badInput('input.variants[1].plannedWeight', -1, '> 0');
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('Invalid input.variants[1].plannedWeight: got -1, expected > 0');
    expect(error.details).toEqual({ field: 'input.variants[1].plannedWeight', value: '-1', allowed: '> 0' });
  });
});

describe('notFound', () => {
  it('is a NOT_FOUND error naming the entity and key', () => {
    const error = notFound('experiment', 'input.experimentKey', 'nope');
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('No experiment with input.experimentKey "nope"');
  });
});

describe('displayValue', () => {
  it('truncates long values with an ellipsis', () => {
    const shown = displayValue('x'.repeat(500));
    expect(shown.length).toBe(60);
    expect(shown.endsWith('…')).toBe(true);
  });

  it.each([
    [new Date('2026-01-02T03:04:05Z'), '2026-01-02T03:04:05.000Z'],
    [new Date('garbage'), 'Invalid Date'],
    [null, 'null'],
    [undefined, 'undefined'],
    [[1, 2], '[1,2]'],
  ])('renders %p as %p', (value, expected) => {
    expect(displayValue(value)).toBe(expected);
  });

  it('keeps the DomainError prototype chain', () => {
    const error = new DomainError('CONFLICT', 'x');
    expect(error instanceof Error && error instanceof DomainError).toBe(true);
    expect(error.name).toBe('DomainError');
  });
});
