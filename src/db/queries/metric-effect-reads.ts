import { type DataSource, type EntityManager } from 'typeorm';
import { type StatsScope } from '../../domain/org-rollup';
import type { MetricRole } from '../../domain/experiment';
import { type MetricEffectRow } from '../../domain/metric-insight';
import { buildExperimentFilterConditions, type ExperimentFilter } from './experiment-filter-reads';
import { SqlParams } from './page-reads';
import { conclusionDateSql, inList, literal } from '../sql/ewl-rules.sql';

type Queryable = DataSource | EntityManager;

/**
 * The eligible arms of the metric view (docs/meta-analysis.md): one catalogue metric's stored effects
 * (experiment_metric_effect) in the experiments that are VALID, count toward EwL and have a
 * conclusion date in the window [from, to) as seen at min(to, now), the same date and 30-day rule
 * as the roll-ups (docs/ewl-rules.md §6.4); `shipped` when the current decision is SHIP with the
 * arm's variant.
 */
export interface MetricEffectQuery {
  readonly metricId: string;
  readonly from: Date | null;
  readonly to: Date;
  /** The request's clock; the 30-day rule runs at min(to, now). */
  readonly now: Date;
  /** Already validated. */
  readonly filter: ExperimentFilter;
}

export interface NodeMetricEffectQuery extends MetricEffectQuery {
  readonly scope: StatsScope;
}

/** An eligible arm with the names the view lists it by. */
export interface MetricEffectListRow extends MetricEffectRow {
  readonly experimentKey: string;
  readonly variantKey: string;
}

interface Raw {
  node_id: string;
  experiment_id: string;
  experiment_key: string;
  variant_id: string;
  variant_key: string;
  role: MetricRole;
  effect: number;
  std_err: number;
  better: boolean;
  worse: boolean;
  shipped: boolean;
  concluded_on: Date;
}

const MEMBERS: Record<StatsScope | 'ALL', string> = {
  SUBTREE:
    'JOIN org_node_closure oc ON oc.ancestor_id = g.node_id JOIN experiment_classification ec ON ec.owner_node_id = oc.descendant_id',
  OWN: 'JOIN experiment_classification ec ON ec.owner_node_id = g.node_id',
  ALL: 'CROSS JOIN experiment_classification ec',
};

/** The one group of the portfolio form (a constant id, so that every join stays a plain equality). */
const PORTFOLIO_GROUP = '00000000-0000-0000-0000-000000000000';

async function runEffects(
  db: Queryable,
  params: SqlParams,
  groups: string,
  members: StatsScope | 'ALL',
  q: MetricEffectQuery,
): Promise<Raw[]> {
  const asOf = `least(${params.add(q.to.toISOString())}::timestamptz, ${params.add(q.now.toISOString())}::timestamptz)`;
  const concludedOn = conclusionDateSql('ec', asOf);
  const conditions = [
    inList('ec.validity', ['VALID']),
    'ec.counts_toward_ewl',
    `${concludedOn} < ${params.add(q.to.toISOString())}::timestamptz`,
    ...(q.from ? [`${concludedOn} >= ${params.add(q.from.toISOString())}::timestamptz`] : []),
    ...buildExperimentFilterConditions(q.filter, params),
  ];
  return db.query(
    `WITH groups AS (${groups})
     SELECT g.node_id, e.id AS experiment_id, e.key AS experiment_key, v.id AS variant_id, v.key AS variant_key,
            f.role, f.effect, f.std_err, f.better, f.worse, ${concludedOn} AS concluded_on,
            coalesce(d.kind = ${literal('SHIP')} AND d.shipped_variant_id = f.variant_id, false) AS shipped
       FROM groups g ${MEMBERS[members]}
       JOIN experiment_metric em ON em.experiment_id = ec.experiment_id AND em.metric_id = ${params.add(q.metricId)}::uuid
       JOIN experiment_metric_effect f ON f.experiment_metric_id = em.id
       JOIN experiment e ON e.id = ec.experiment_id
       JOIN variant v ON v.id = f.variant_id
       LEFT JOIN decision d ON d.experiment_id = e.id AND d.is_current
      WHERE ${conditions.join(' AND ')}
      ORDER BY g.node_id, e.key, v.key`,
    params.values,
  );
}

const toRow = (r: Raw): MetricEffectListRow => ({
  experimentId: r.experiment_id,
  experimentKey: r.experiment_key,
  variantId: r.variant_id,
  variantKey: r.variant_key,
  role: r.role,
  effect: Number(r.effect),
  stdErr: Number(r.std_err),
  better: r.better,
  worse: r.worse,
  shipped: r.shipped,
  concludedOn: new Date(r.concluded_on),
});

/**
 * The eligible arms of each node (in `nodeIds` order, each list ordered by experiment and variant
 * key): ONE statement for all nodes of one argument set.
 */
export async function findMetricEffectsByNodeIds(
  db: Queryable,
  nodeIds: readonly string[],
  q: NodeMetricEffectQuery,
): Promise<MetricEffectListRow[][]> {
  if (nodeIds.length === 0) return [];
  const params = new SqlParams();
  const groups = `SELECT DISTINCT unnest(${params.add([...nodeIds])}::uuid[]) AS node_id`;
  const byNode = new Map<string, MetricEffectListRow[]>(nodeIds.map((id) => [id, []]));
  for (const raw of await runEffects(db, params, groups, q.scope, q)) byNode.get(raw.node_id)?.push(toRow(raw));
  return nodeIds.map((id) => byNode.get(id) ?? []);
}

/** The eligible arms of every experiment matching the filter (the portfolio form); one statement. */
export async function findPortfolioMetricEffects(db: Queryable, q: MetricEffectQuery): Promise<MetricEffectListRow[]> {
  const params = new SqlParams();
  return (await runEffects(db, params, `SELECT '${PORTFOLIO_GROUP}'::uuid AS node_id`, 'ALL', q)).map(toRow);
}
