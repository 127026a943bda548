import { type EntityManager } from 'typeorm';
import { analyseExperiment } from '../../domain/analyse-experiment';
import { metricEffectsOf } from '../../domain/metric-insight';
import {
  type ClassificationCause,
  type StoredClassification,
  toStoredClassification,
} from '../../domain/stored-classification';
import { loadAnalysisInputs } from './analysis-input-reads';
import { insertRecords, insertSpecOf, type Stored } from '../bulk-insert';
import { ExperimentMetricEffectEntity } from '../entities';
import { concludedCategorySql, expectedDecisionSql } from '../sql/ewl-rules.sql';

const METRIC_EFFECT = insertSpecOf(ExperimentMetricEffectEntity, ['metricId']);

/** A stored classification that changed category, for `reclassify` reports. */
export interface CategoryChange {
  readonly experimentId: string;
  readonly from: string | null;
  readonly to: string;
  readonly subReason: string | null;
}

const COLUMNS = [
  'experiment_id',
  'validity',
  'validity_reasons',
  'category',
  'provisional_category',
  'sub_reason',
  'is_learning',
  'is_win',
  'recommendation',
  'status',
  'counts_toward_ewl',
  'ended_at',
  'concluded_at',
  'owner_node_id',
  'ruleset_version',
  'classified_at',
] as const;
// validity_reasons travels as one comma-joined text per row (unnest would flatten a 2-D array).
const CASTS = [
  'uuid',
  'text',
  'text',
  'text',
  'text',
  'text',
  'boolean',
  'boolean',
  'text',
  'text',
  'boolean',
  'timestamptz',
  'timestamptz',
  'uuid',
  'text',
  'timestamptz',
];

/**
 * Copies of experiment and decision columns the roll-ups read (`org_rollup_month` is maintained
 * from this table by triggers, so everything a roll-up counts must be on the classification row).
 */
const DENORMALISED = [
  'started_at',
  'is_restart',
  'design_amended',
  'decision_kind',
  'decided_at',
  'decision_consistent',
] as const;

/** Columns of a history version besides the category, validity and sub-reason (see ClassificationHistorySnapshot). */
const HISTORY_SNAPSHOT = [
  'provisional_category',
  'recommendation',
  'validity_reasons',
  'status',
  'counts_toward_ewl',
  'started_at',
  'ended_at',
  'concluded_at',
  'is_restart',
] as const;

/** The versioned part of a stored row as one comparable text (a new history row when it changes). */
const SNAPSHOT_SQL = (alias: string) =>
  `concat_ws('|', ${['category', 'sub_reason', 'validity', ...HISTORY_SNAPSHOT].map((col) => `coalesce(${alias}.${col}::text, '-')`).join(', ')})`;

/**
 * `decision_kind, decided_at, decision_consistent` from the current decision row `d` (NULLs
 * without one); consistency is the ruleset's `expectedDecisions(category, subReason)` (docs/ewl-rules.md §6.6).
 */
function decisionColumnsSql(category: string, subReason: string, d: string): string {
  return `${d}.kind, ${d}.decided_at, CASE WHEN ${d}.kind IS NOT NULL THEN ${expectedDecisionSql(category, subReason, `${d}.kind`)} END`;
}

/**
 * Copies the experiment's current decision onto its stored classification; call it in the
 * transaction that changed which decision is current.
 */
export async function storeCurrentDecision(manager: EntityManager, experimentId: string): Promise<void> {
  await manager.query(
    `UPDATE experiment_classification ec
        SET (decision_kind, decided_at, decision_consistent) = (SELECT ${decisionColumnsSql('ec.category', 'ec.sub_reason', 'd')})
       FROM experiment e LEFT JOIN decision d ON d.experiment_id = e.id AND d.is_current
      WHERE e.id = $1 AND ec.experiment_id = e.id`,
    [experimentId],
  );
}

/**
 * Recomputes and stores the classification of the given experiments (docs/ewl-rules.md §14). Call it with the
 * transaction's manager after every write that changes a classifier input, so that the stored row
 * never disagrees with the pure classifier. One upsert for the whole batch, and the experiments'
 * metric effects (metricEffectsOf) replaced with it; returns the category changes. `owner_node_id_at_conclusion` is set the first time an experiment is stored as concluded.
 * Every change of the stored snapshot (category, validity, sub-reason, or what the roll-ups read:
 * status, scope, dates, restart flag), and every first classification, is appended to
 * `experiment_classification_history` as a version with `cause`; under RECLASSIFIED, a row stored
 * under an older ruleset is recorded as RULESET.
 */
export async function classifyAndStore(
  manager: EntityManager,
  experimentIds: readonly string[],
  now: Date,
  cause: ClassificationCause,
): Promise<CategoryChange[]> {
  const inputs = await loadAnalysisInputs(manager, experimentIds);
  if (inputs.size === 0) return [];
  const rows: { id: string; ownerNodeId: string; stored: StoredClassification }[] = [];
  const effects: Stored<Omit<ExperimentMetricEffectEntity, 'metricId'>>[] = [];
  for (const [id, input] of inputs) {
    const analysis = analyseExperiment(input, { asOf: now, detail: false });
    rows.push({ id, ownerNodeId: input.ownerNodeId, stored: toStoredClassification(input, analysis) });
    const seen = new Set<string>();
    for (const effect of metricEffectsOf(analysis)) {
      effects.push({ experimentId: id, ...effect, firstArm: !seen.has(effect.experimentMetricId) });
      seen.add(effect.experimentMetricId);
    }
  }
  const columns = COLUMNS.map((column) => rows.map((r) => columnValue(column, r.id, r.ownerNodeId, r.stored, now)));
  const previous: { experiment_id: string; category: string; ruleset_version: string; snapshot: string }[] =
    await manager.query(
      `SELECT experiment_id, category, ruleset_version, ${SNAPSHOT_SQL('c')} AS snapshot FROM experiment_classification c WHERE experiment_id = ANY($1::uuid[])`,
      [rows.map((r) => r.id)],
    );
  await manager.query(
    `INSERT INTO experiment_classification (${COLUMNS.join(', ')}, owner_node_id_at_conclusion, effects_stored, ${DENORMALISED.join(', ')})
     SELECT ${COLUMNS.map((c) => (c === 'validity_reasons' ? `coalesce(string_to_array(nullif(t.${c}, ''), ','), '{}')` : `t.${c}`)).join(', ')},
            CASE WHEN ${concludedCategorySql('t.category')} THEN t.owner_node_id END, true,
            e.started_at, e.restart_of_id IS NOT NULL, e.design_amended_at IS NOT NULL, ${decisionColumnsSql('t.category', 't.sub_reason', 'd')}
       FROM unnest(${COLUMNS.map((_c, i) => `$${i + 1}::${CASTS[i]}[]`).join(', ')}) AS t(${COLUMNS.join(', ')})
       JOIN experiment e ON e.id = t.experiment_id
       LEFT JOIN decision d ON d.experiment_id = t.experiment_id AND d.is_current
      ORDER BY t.experiment_id
     ON CONFLICT (experiment_id) DO UPDATE SET
       ${[...COLUMNS.slice(1), 'effects_stored', ...DENORMALISED].map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
       owner_node_id_at_conclusion = coalesce(experiment_classification.owner_node_id_at_conclusion, EXCLUDED.owner_node_id_at_conclusion)`,
    columns,
  );
  await manager.query(`DELETE FROM experiment_metric_effect WHERE experiment_id = ANY($1::uuid[])`, [
    rows.map((r) => r.id),
  ]);
  await insertRecords(manager, METRIC_EFFECT, effects);
  const before = new Map(previous.map((p) => [p.experiment_id, p]));
  const rulesetOf = rows[0]!.stored.rulesetVersion;
  const causeOf = (id: string): ClassificationCause => {
    const prior = before.get(id);
    return cause === 'RECLASSIFIED' && prior !== undefined && prior.ruleset_version !== rulesetOf ? 'RULESET' : cause;
  };
  // A version row whenever the stored snapshot changed (the category or anything the roll-ups read).
  await manager.query(
    `INSERT INTO experiment_classification_history (experiment_id, from_category, category, sub_reason, validity, cause, ruleset_version, changed_at,
       ${HISTORY_SNAPSHOT.join(', ')})
     SELECT c.experiment_id, p.from_category, c.category, c.sub_reason, c.validity, p.cause, c.ruleset_version, $5, ${HISTORY_SNAPSHOT.map((col) => `c.${col}`).join(', ')}
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS p(id, from_category, snapshot, cause)
       JOIN experiment_classification c ON c.experiment_id = p.id
      WHERE p.snapshot IS DISTINCT FROM ${SNAPSHOT_SQL('c')}
      ORDER BY c.experiment_id`,
    [
      rows.map((r) => r.id),
      rows.map((r) => before.get(r.id)?.category ?? null),
      rows.map((r) => before.get(r.id)?.snapshot ?? null),
      rows.map((r) => causeOf(r.id)),
      now,
    ],
  );
  return rows
    .filter((r) => before.get(r.id)?.category !== r.stored.category)
    .map((r) => ({
      experimentId: r.id,
      from: before.get(r.id)?.category ?? null,
      to: r.stored.category,
      subReason: r.stored.subReason,
    }));
}

function columnValue(
  column: (typeof COLUMNS)[number],
  id: string,
  ownerNodeId: string,
  s: StoredClassification,
  now: Date,
): unknown {
  switch (column) {
    case 'experiment_id':
      return id;
    case 'validity':
      return s.validity;
    case 'validity_reasons':
      return s.validityReasons.join(',');
    case 'category':
      return s.category;
    case 'provisional_category':
      return s.provisionalCategory;
    case 'sub_reason':
      return s.subReason;
    case 'is_learning':
      return s.isLearning;
    case 'is_win':
      return s.isWin;
    case 'recommendation':
      return s.recommendation;
    case 'status':
      return s.status;
    case 'counts_toward_ewl':
      return s.countsTowardEwl;
    case 'ended_at':
      return s.endedAt;
    case 'concluded_at':
      return s.concludedAt;
    case 'owner_node_id':
      return ownerNodeId;
    case 'ruleset_version':
      return s.rulesetVersion;
    case 'classified_at':
      return now;
  }
}
