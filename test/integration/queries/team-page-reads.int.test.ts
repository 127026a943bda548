import { In } from 'typeorm';
import {
  DecisionEntity,
  ExperimentEntity,
  ExperimentMetricEntity,
  MetricEntity,
  MetricResultEntity,
  VariantEntity,
} from '../../../src/db/entities';
import { findClassificationsByExperimentIds } from '../../../src/db/queries/classification-reads';
import { findExperimentPage, findExperimentPagesByOwnerNodeIds } from '../../../src/db/queries/experiment-page-reads';
import { parseExperimentPageArgs } from '../../../src/graphql/page-args';
import {
  findDecisionsByExperimentIds,
  findExperimentByKey,
  findExperimentsByIds,
  findVariantsByExperimentIds,
  findVariantsByIds,
} from '../../../src/db/queries/experiment-reads';
import {
  findExperimentMetricsByExperimentIds,
  findMetricResultsByExperimentMetricIds,
  findMetricsByIds,
} from '../../../src/db/queries/metric-reads';
import { reclassifyExperiments } from '../../../src/app/reclassify/reclassify';
import { createReadFixtures, day, type OrgTree } from '../fixtures/read-fixtures';
import { useTestApp } from '../helpers';

const byId = <T extends { id: string }>(rows: readonly T[]): T[] => [...rows].sort((a, b) => a.id.localeCompare(b.id));

/**
 * The reads of a team page (OrgNode.experiments with variants, metrics, results, decisions and
 * classification) select columns by hand and map rows without TypeORM. They must return what
 * TypeORM's entity hydration returned: the same values, timestamps truncated to the millisecond
 * exactly as pg parses them (also before 1970), bigints above 2^31 as numbers, the same order.
 */
describe('team page reads', () => {
  const t = useTestApp();
  let tree: OrgTree;
  let experimentIds: string[];

  beforeAll(async () => {
    await t.truncateAll();
    const f = createReadFixtures(t.dataSource);
    tree = await f.buildOrgTree();
    const metrics = [await f.buildMetric(), await f.buildMetric()];
    experimentIds = [];
    for (let i = 0; i < 3; i += 1)
      experimentIds.push((await f.buildRichExperiment(tree.onboarding.id, metrics)).experiment.id);
    await reclassifyExperiments(t.dataSource, { now: day(100) });
    // What the fixtures never write: microseconds, instants before 1970 and counts above 2^31.
    const q = (sql: string) => t.dataSource.query(sql);
    await q(`UPDATE experiment SET started_at = '1969-12-31 23:59:59.999501+00', ended_at = '1970-01-01 00:00:00.000999+00',
      concluded_at = concluded_at + interval '0.123456 s', created_at = created_at + interval '0.999999 s', planned_sample_size = 5000000000`);
    await q(`UPDATE variant SET units = 3000000000 + position, multi_exposed_units = 2999999999`);
    await q(
      `UPDATE metric SET created_at = '1950-06-01 12:00:00.000001+00', updated_at = updated_at + interval '0.000999 s'`,
    );
    await q(`UPDATE metric_result SET n = 4000000000, updated_at = updated_at + interval '0.5005 s'`);
    await q(
      `UPDATE decision SET decided_at = decided_at + interval '0.000001 s', created_at = created_at + interval '0.9999995 s'`,
    );
    await q(`UPDATE experiment_classification SET classified_at = classified_at + interval '0.777777 s',
      ended_at = '1970-01-01 00:00:00.000999+00', concluded_at = concluded_at + interval '0.123456 s'`);
  });

  it('maps page experiments as TypeORM hydrated them', async () => {
    const query = parseExperimentPageArgs({ first: 10 });
    const [page] = await findExperimentPagesByOwnerNodeIds(t.dataSource, [tree.onboarding.id], query, {
      withTotalCount: true,
    });
    const single = await findExperimentPage(t.dataSource, query, { withTotalCount: true });
    const expected = byId(await t.dataSource.manager.find(ExperimentEntity, { where: { id: In(experimentIds) } }));
    expect(byId(page!.edges.map((e) => e.node))).toEqual(expected);
    expect(byId(single.edges.map((e) => e.node))).toEqual(expected);
    expect(expected[0]!.startedAt!.toISOString()).toBe('1969-12-31T23:59:59.999Z');
    expect(expected[0]!.plannedSampleSize).toBe(5_000_000_000);
  });

  it('maps experiments read by key and by id as TypeORM hydrated them', async () => {
    const expected = byId(await t.dataSource.manager.find(ExperimentEntity, { where: { id: In(experimentIds) } }));
    expect(byId(await findExperimentsByIds(t.dataSource, experimentIds))).toEqual(expected);
    for (const experiment of expected)
      expect(await findExperimentByKey(t.dataSource, experiment.key)).toEqual(experiment);
    expect(await findExperimentByKey(t.dataSource, 'no-such-key')).toBeNull();
  });

  it('maps variants, experiment metrics, metrics and results as TypeORM hydrated them, in the same order', async () => {
    const ds = t.dataSource;
    const variants = await ds.manager.find(VariantEntity, {
      where: { experimentId: In(experimentIds) },
      order: { position: 'ASC', id: 'ASC' },
    });
    expect(await findVariantsByExperimentIds(ds, experimentIds)).toEqual(variants);
    expect(
      byId(
        await findVariantsByIds(
          ds,
          variants.map((v) => v.id),
        ),
      ),
    ).toEqual(byId(variants));
    expect(variants.find((v) => v.position === 1)!.units).toBe(3_000_000_001);

    const ems = await ds.manager.find(ExperimentMetricEntity, {
      where: { experimentId: In(experimentIds) },
      order: { position: 'ASC', id: 'ASC' },
    });
    expect(await findExperimentMetricsByExperimentIds(ds, experimentIds)).toEqual(ems);

    const metricIds = [...new Set(ems.map((em) => em.metricId))];
    expect(byId(await findMetricsByIds(ds, metricIds))).toEqual(
      byId(await ds.manager.find(MetricEntity, { where: { id: In(metricIds) } })),
    );

    const results = await ds.manager
      .createQueryBuilder(MetricResultEntity, 'r')
      .innerJoin(VariantEntity, 'v', 'v.id = r.variantId')
      .where('r.experimentMetricId IN (:...ids)', { ids: ems.map((em) => em.id) })
      .andWhere('r.period IN (:...periods)', { periods: ['EXPOSURE'] })
      .orderBy('v.position', 'ASC')
      .addOrderBy('v.id', 'ASC')
      .getMany();
    const actual = await findMetricResultsByExperimentMetricIds(
      ds,
      ems.map((em) => em.id),
      ['EXPOSURE'],
    );
    expect(actual).toHaveLength(results.length);
    // Rows of one variant position may come in any order across experiment metrics; per metric the order is the variants'.
    for (const em of ems)
      expect(actual.filter((r) => r.experimentMetricId === em.id)).toEqual(
        results.filter((r) => r.experimentMetricId === em.id),
      );
    expect(results[0]!.n).toBe(4_000_000_000);
  });

  it('maps decisions as TypeORM hydrated them, newest first', async () => {
    const entities = await t.dataSource.manager.find(DecisionEntity, {
      where: { experimentId: In(experimentIds) },
      order: { decidedAt: 'DESC', seq: 'DESC' },
    });
    const expected = entities.map(({ seq: _seq, ...decision }) => decision);
    expect(await findDecisionsByExperimentIds(t.dataSource, experimentIds)).toEqual(expected);
    expect(expected.filter((d) => d.experimentId === experimentIds[0]).map((d) => d.kind)).toEqual(['SHIP', 'ITERATE']);
  });

  it('reads classification timestamps as pg parses them', async () => {
    const raw: Array<{ experiment_id: string; ended_at: Date | null; concluded_at: Date | null; classified_at: Date }> =
      await t.dataSource.query(
        `SELECT experiment_id, ended_at, concluded_at, classified_at FROM experiment_classification WHERE experiment_id = ANY($1::uuid[])`,
        [experimentIds],
      );
    const rows = await findClassificationsByExperimentIds(t.dataSource, experimentIds);
    expect(raw).toHaveLength(3);
    for (const r of raw) {
      const row = rows.find((c) => c.experimentId === r.experiment_id)!;
      expect({ endedAt: row.endedAt, concludedAt: row.concludedAt, classifiedAt: row.classifiedAt }).toEqual({
        endedAt: r.ended_at,
        concludedAt: r.concluded_at,
        classifiedAt: r.classified_at,
      });
    }
  });
});
