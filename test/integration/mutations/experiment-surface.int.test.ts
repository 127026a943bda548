import {
  buildExperiment,
  buildMetrics,
  buildOrgTree,
  experimentInput,
  expectRefused,
  mutate,
} from '../fixtures/write-fixtures';
import { importItem, importPayload } from '../import/import-fixtures';
import { useTestApp } from '../helpers';

// `surface`: the product surface an experiment changes, free text normalised like a tag. Stored,
// importable, filterable in `experiments`, and a filter of `stats` and `portfolioStats`.

const t = useTestApp();
beforeEach(async () => {
  await t.truncateAll();
  await buildOrgTree(t);
  await buildMetrics(t);
});

async function surfaceOf(key: string): Promise<string | null> {
  const result = await t.exec<{ experiment: { surface: string | null } }>(
    'query ($key: String!) { experiment(key: $key) { surface } }',
    { key },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.experiment.surface;
}

async function keysWithSurface(surface: string[]): Promise<string[]> {
  const result = await t.exec<{ experiments: { edges: Array<{ node: { key: string } }> } }>(
    'query ($surface: [String!]) { experiments(filter: { surface: $surface }, orderBy: { field: KEY, direction: ASC }) { edges { node { key } } } }',
    { surface },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.experiments.edges.map((e) => e.node.key);
}

describe('Experiment.surface', () => {
  it('is stored trimmed and lower-cased on create, replaced and cleared on update', async () => {
    const created = await buildExperiment(t, { surface: '  Checkout Page ' });
    expect(await surfaceOf('exp-1')).toBe('checkout page');
    await mutate(t, 'mutation-update-experiment', { id: created.id, surface: 'Search' });
    expect(await surfaceOf('exp-1')).toBe('search');
    await mutate(t, 'mutation-update-experiment', { id: created.id, surface: null });
    expect(await surfaceOf('exp-1')).toBeNull();
    await buildExperiment(t, { key: 'exp-2', surface: '   ' });
    expect(await surfaceOf('exp-2')).toBeNull();
  });

  it('refuses a surface over 50 characters, naming the field, and writes nothing', async () => {
    const error = await expectRefused(
      t,
      'mutation-create-experiment',
      experimentInput({ surface: 'x'.repeat(51) }),
      'BAD_USER_INPUT',
    );
    expect(error.extensions?.field).toBe('input.surface');
    expect(error.message).toContain('at most 50 characters');
  });

  it('is imported, kept when an update omits it and cleared by null', async () => {
    await importPayload(t, { source: 'gb', items: [importItem('a', { surface: ' Checkout ' })] });
    expect(await surfaceOf('gb:a')).toBe('checkout');
    const kept = await importPayload(t, { source: 'gb', items: [importItem('a', { title: 'Renamed' })] });
    expect(kept.items[0]!.outcome).toBe('UPDATED');
    expect(await surfaceOf('gb:a')).toBe('checkout');
    const cleared = await importPayload(t, { source: 'gb', items: [importItem('a', { surface: null })] });
    expect(cleared.items[0]!.outcome).toBe('UPDATED');
    expect(await surfaceOf('gb:a')).toBeNull();
  });

  it('filters experiments, stats and portfolioStats', async () => {
    await importPayload(t, {
      source: 'gb',
      items: [importItem('a', { surface: 'checkout' }), importItem('b', { surface: 'search' }), importItem('c')],
    });
    expect(await keysWithSurface([' CHECKOUT '])).toEqual(['gb:a']);
    expect(await keysWithSurface(['checkout', 'search'])).toEqual(['gb:a', 'gb:b']);
    expect(await keysWithSurface([])).toEqual(['gb:a', 'gb:b', 'gb:c']);

    const stats = await t.exec<{
      orgNode: { all: { concluded: number }; checkout: { concluded: number; counts: { win: number } } };
      portfolioStats: { concluded: number };
    }>(
      `{ orgNode(key: "ranking") {
           all: stats { concluded }
           checkout: stats(filter: { surface: ["Checkout"] }) { concluded counts { win } }
         }
         portfolioStats(filter: { surface: ["search", "checkout"] }) { concluded } }`,
    );
    expect(stats.errors).toBeUndefined();
    expect(stats.data!.orgNode.all.concluded).toBe(3);
    expect(stats.data!.orgNode.checkout).toEqual({ concluded: 1, counts: { win: 1 } });
    expect(stats.data!.portfolioStats.concluded).toBe(2);
  });
});
