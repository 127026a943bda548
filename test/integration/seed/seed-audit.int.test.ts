import { createCliCommandContext, createStartupCommandContext } from '../../../src/app/command-context';
import { handleSeedCatalogue } from '../../../src/app/catalogue/seed-commands';
import { handleReclassifyExperiments } from '../../../src/app/reclassify/reclassify-commands';
import { writeDemoData, writeDemoDataIfEmpty } from '../../../src/db/seed/seed';
import { useTestApp } from '../helpers';

const t = useTestApp();
const ANCHOR = new Date('2026-03-01T00:00:00Z');

const auditRows = (operation: string) =>
  t.dataSource.query(
    `SELECT principal_kind, api_key_name, actor, entity_type, entity_id, experiment_id, at, before, after
       FROM audit_log WHERE operation = $1 ORDER BY at`,
    [operation],
  );

const experimentCount = async (): Promise<number> =>
  (await t.dataSource.query('SELECT count(*)::int AS n FROM experiment'))[0].n;

describe('the seed and the start-up reclassification are audited commands', () => {
  beforeEach(() => t.truncateAll());

  it('npm run seed appends one seedDemoData row: principal INTERNAL, the OS user, what it inserted', async () => {
    const now = new Date('2030-01-02T03:04:05.000Z');
    const result = await handleSeedCatalogue(createCliCommandContext(t.dataSource, 'npm run seed', now), {
      replaces: false,
      write: (m) => writeDemoData(m, { experiments: 30, anchor: ANCHOR }),
    });
    expect(result).toMatchObject({ experiments: 30 });
    expect(await auditRows('seedDemoData')).toEqual([
      {
        principal_kind: 'INTERNAL',
        api_key_name: 'npm run seed',
        actor: process.env.USER ?? null,
        entity_type: 'catalogue',
        entity_id: null,
        experiment_id: null,
        at: now,
        before: null,
        after: JSON.parse(JSON.stringify(result)),
      },
    ]);
  });

  it('a reset records the rows per table it deleted as "before", and the API keys it kept as "after"', async () => {
    const ctx = createCliCommandContext(t.dataSource, 'npm run seed');
    await handleSeedCatalogue(ctx, {
      replaces: false,
      write: (m) => writeDemoData(m, { experiments: 20, anchor: ANCHOR }),
    });
    const reset = await handleSeedCatalogue(ctx, {
      replaces: true,
      write: (m) => writeDemoData(m, { experiments: 25, anchor: ANCHOR, reset: true }),
    });
    expect(reset).toMatchObject({ experiments: 25, apiKeys: { kept: 0, dropped: [] } });
    const rows = await auditRows('seedDemoData');
    expect(rows).toHaveLength(2);
    expect(rows[1].before.rows).toEqual(expect.arrayContaining([{ table: 'experiment', rows: 20 }]));
    expect(rows[1].after).toEqual(JSON.parse(JSON.stringify(reset)));
    expect(await experimentCount()).toBe(25);
  });

  it('a failed seed leaves neither data nor an audit row', async () => {
    const failing = handleSeedCatalogue(createCliCommandContext(t.dataSource, 'npm run seed'), {
      replaces: false,
      write: async (m) => {
        await writeDemoData(m, { experiments: 10, anchor: ANCHOR });
        throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(await experimentCount()).toBe(0);
    expect(await auditRows('seedDemoData')).toEqual([]);
  });

  it('the server start-up seeds an empty database once, audited as "server start-up"; a database with data gets no row', async () => {
    const seed = () =>
      handleSeedCatalogue(createStartupCommandContext(t.dataSource), {
        replaces: false,
        write: (m) => writeDemoDataIfEmpty(m),
      });
    expect(await seed()).toMatchObject({ experiments: 500 });
    expect(await seed()).toBeNull();
    const rows = await auditRows('seedDemoData');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ principal_kind: 'INTERNAL', api_key_name: 'server start-up' });
    expect(await experimentCount()).toBe(500);
  });

  it('the start-up reclassification appends a row only when it recomputed stale classifications', async () => {
    await handleSeedCatalogue(createCliCommandContext(t.dataSource, 'npm run seed'), {
      replaces: false,
      write: (m) => writeDemoData(m, { experiments: 12, anchor: ANCHOR }),
    });
    const startUp = () => handleReclassifyExperiments(createStartupCommandContext(t.dataSource), { onlyStale: true });
    expect(await startUp()).toEqual({ experiments: 0, moves: [] });
    expect(await auditRows('reclassifyExperiments')).toEqual([]);

    await t.dataSource.query(
      `UPDATE experiment_classification SET ruleset_version = 'older' WHERE experiment_id IN (SELECT id FROM experiment ORDER BY id LIMIT 3)`,
    );
    const outcome = await startUp();
    expect(outcome.experiments).toBe(3);
    expect(await auditRows('reclassifyExperiments')).toEqual([
      expect.objectContaining({ principal_kind: 'INTERNAL', api_key_name: 'server start-up', after: outcome }),
    ]);
  });
});
