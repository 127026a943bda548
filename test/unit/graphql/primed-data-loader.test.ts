import { PrimedDataLoader, whenLoaded } from '../../../src/graphql/loaders/primed-data-loader';

/** A loader that answers `loaded:<key>` and records the keys of each batch. */
function createLoader() {
  const batches: string[][] = [];
  const loader = new PrimedDataLoader<{ id: string }, string, string>(
    async (keys) => {
      batches.push(keys.map((k) => k.id));
      return keys.map((k) => `loaded:${k.id}`);
    },
    { cacheKeyFn: (key) => key.id },
  );
  return { loader, batches };
}

describe('PrimedDataLoader', () => {
  it('answers a primed key with the value itself, without a batch', () => {
    const { loader, batches } = createLoader();
    loader.prime({ id: 'a' }, 'primed:a');
    expect(loader.loadPrimed({ id: 'a' })).toBe('primed:a');
    expect(batches).toEqual([]);
  });

  it('loads a key that was not primed through its batch', async () => {
    const { loader, batches } = createLoader();
    const value = loader.loadPrimed({ id: 'b' });
    expect(value).toBeInstanceOf(Promise);
    await expect(value).resolves.toBe('loaded:b');
    expect(batches).toEqual([['b']]);
  });

  it('answers load of a primed key with the primed value', async () => {
    const { loader, batches } = createLoader();
    loader.prime({ id: 'a' }, 'primed:a');
    await expect(loader.load({ id: 'a' })).resolves.toBe('primed:a');
    expect(batches).toEqual([]);
  });

  it('keeps the first value of a key, as DataLoader does: a later prime changes nothing', async () => {
    const { loader } = createLoader();
    await loader.load({ id: 'a' });
    loader.prime({ id: 'a' }, 'primed:a');
    loader.prime({ id: 'b' }, 'first:b');
    loader.prime({ id: 'b' }, 'second:b');
    await expect(loader.loadPrimed({ id: 'a' })).resolves.toBe('loaded:a');
    expect(loader.loadPrimed({ id: 'b' })).toBe('first:b');
  });

  it('forgets a primed value on clear and clearAll', async () => {
    const { loader } = createLoader();
    loader.prime({ id: 'a' }, 'primed:a').prime({ id: 'b' }, 'primed:b');
    loader.clear({ id: 'a' });
    await expect(loader.loadPrimed({ id: 'a' })).resolves.toBe('loaded:a');
    loader.clearAll();
    await expect(loader.loadPrimed({ id: 'b' })).resolves.toBe('loaded:b');
  });

  it('primes errors and promises as DataLoader does (read through load)', async () => {
    const { loader } = createLoader();
    loader.prime({ id: 'e' }, new Error('broken'));
    loader.prime({ id: 'p' }, Promise.resolve('promised:p'));
    await expect(loader.loadPrimed({ id: 'e' })).rejects.toThrow('broken');
    await expect(loader.loadPrimed({ id: 'p' })).resolves.toBe('promised:p');
  });
});

describe('whenLoaded', () => {
  it('applies the function at once to a value and after it to a promise', async () => {
    expect(whenLoaded(2, (n) => n * 3)).toBe(6);
    await expect(whenLoaded(Promise.resolve(2), (n) => n * 3)).resolves.toBe(6);
  });
});
