import { useTestApp } from '../helpers';
import { expectRefused, mutate } from '../fixtures/write-fixtures';

const t = useTestApp();
beforeEach(() => t.truncateAll());

const conv = { key: 'conv', name: 'Conversion', type: 'BINARY', preferredDirection: 'INCREASE' };

describe('createMetric', () => {
  it('adds a metric to the catalogue', async () => {
    expect(await mutate(t, 'mutation-create-metric', { ...conv, description: ' Orders / visitors ' })).toMatchObject({
      ...conv,
      description: 'Orders / visitors',
      version: 1,
    });
  });

  it.each([
    ['a duplicate key', conv, 'CONFLICT', 'DUPLICATE_KEY'],
    ['a malformed key', { ...conv, key: 'conv rate' }, 'BAD_USER_INPUT', 'INVALID_VALUE'],
    ['an unknown type', { ...conv, key: 'x', type: 'COUNT' }, 'BAD_USER_INPUT', undefined],
  ])('refuses %s and changes nothing', async (_label, input, code, reason) => {
    await mutate(t, 'mutation-create-metric', conv);
    await expectRefused(t, 'mutation-create-metric', input, code, reason);
  });
});

describe('updateMetric', () => {
  it('changes the type while no results exist and bumps the version', async () => {
    const created = await mutate(t, 'mutation-create-metric', conv);
    const updated = await mutate(t, 'mutation-update-metric', { id: created.id, type: 'CONTINUOUS', name: 'Orders' });
    expect(updated).toMatchObject({ type: 'CONTINUOUS', name: 'Orders', version: 2 });
  });

  it('refuses an unknown id with NOT_FOUND and a malformed one with BAD_USER_INPUT', async () => {
    await expectRefused(
      t,
      'mutation-update-metric',
      { id: '00000000-0000-4000-8000-000000000000', name: 'x' },
      'NOT_FOUND',
    );
    await expectRefused(t, 'mutation-update-metric', { id: 'conv', name: 'x' }, 'BAD_USER_INPUT');
  });
});
