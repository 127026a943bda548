import { type EntityManager } from 'typeorm';
import { analyseExperiment } from '../../domain/analyse-experiment';
import { metricEffectsOf } from '../../domain/metric-insight';
import type { CategorySubReason, LearningCategory, Validity } from '../../domain/analysis-types';
import type { ClassificationState, ClassificationTransition } from '../../domain/events';
import type { ExperimentStatus } from '../../domain/experiment';
import { type PrecisionFacts, precisionFactsOf } from '../../domain/companion-numbers';
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

/** The category changes among the transitions classifyAndStore returned (new experiments from null). */
export function categoryChangesOf(transitions: readonly ClassificationTransition[]): CategoryChange[] {
  return transitions
    .filter((t) => t.before?.category !== t.after.category)
    .map((t) => ({
      experimentId: t.experimentId,
      from: t.before?.category ?? null,
      to: t.after.category,
      subReason: t.after.subReason,
    }));
}

interface PreviousRow {
  readonly experiment_id: string;
  readonly category: LearningCategory;
  readonly sub_reason: CategorySubReason | null;
  readonly status: ExperimentStatus;
  readonly validity: Validity;
  readonly validity_reasons: string[];
  readonly ruleset_version: string;
  readonly snapshot: string;
}

function stateOf(
  s: Pick<StoredClassification, 'status' | 'category' | 'subReason' | 'validity' | 'validityReasons'>,
): ClassificationState {
  return {
    status: s.status,
    category: s.category,
    subReason: s.subReason,
    validity: s.validity,
    validityReasons: s.validityReasons,
  };
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
  'success_mde_rel',
  'success_powered_effect_rel',
] as const;
// validity_reasons travels as one comma-joined text per row, the precision facts as one array literal per row (unnest
// would flatten a 2-D array).
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
  'text',
  'text',
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
  'planned_runtime_days',
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
  'planned_runtime_days',
  'success_mde_rel',
  'success_powered_effect_rel',
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
 * metric effects (metricEffectsOf) replaced with it; returns each experiment's stored state before
 * (null when never classified) and after, with the cause recorded (the application layer turns
 * them into events, see src/app/events/event-publishing.ts). `owner_node_id_at_conclusion` is set the first time an experiment is stored as concluded.
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
): Promise<ClassificationTransition[]> {
  const inputs = await loadAnalysisInputs(manager, experimentIds);
  if (inputs.size === 0) return [];
  const rows: StoredRow[] = [];
  const effects: Stored<Omit<ExperimentMetricEffectEntity, 'metricId'>>[] = [];
  for (const [id, input] of inputs) {
    const analysis = analyseExperiment(input, { asOf: now, detail: false });
    rows.push({
      id,
      ownerNodeId: input.ownerNodeId,
      stored: toStoredClassification(input, analysis),
      precision: precisionFactsOf(input, analysis),
    });
    const seen = new Set<string>();
    for (const effect of metricEffectsOf(analysis)) {
      effects.push({ experimentId: id, ...effect, firstArm: !seen.has(effect.experimentMetricId) });
      seen.add(effect.experimentMetricId);
    }
  }
  const columns = COLUMNS.map((column) => rows.map((r) => columnValue(column, r, now)));
  const previous: PreviousRow[] = await manager.query(
    `SELECT experiment_id, category, sub_reason, status, validity, validity_reasons, ruleset_version, ${SNAPSHOT_SQL('c')} AS snapshot
       FROM experiment_classification c WHERE experiment_id = ANY($1::uuid[])`,
    [rows.map((r) => r.id)],
  );
  await manager.query(
    `INSERT INTO experiment_classification (${COLUMNS.join(', ')}, owner_node_id_at_conclusion, effects_stored, companions_stored, ${DENORMALISED.join(', ')})
     SELECT ${COLUMNS.map(columnSql).join(', ')},
            CASE WHEN ${concludedCategorySql('t.category')} THEN t.owner_node_id END, true, true,
            e.started_at, e.restart_of_id IS NOT NULL, e.design_amended_at IS NOT NULL, ${decisionColumnsSql('t.category', 't.sub_reason', 'd')},
            e.planned_runtime_days
       FROM unnest(${COLUMNS.map((_c, i) => `$${i + 1}::${CASTS[i]}[]`).join(', ')}) AS t(${COLUMNS.join(', ')})
       JOIN experiment e ON e.id = t.experiment_id
       LEFT JOIN decision d ON d.experiment_id = t.experiment_id AND d.is_current
      ORDER BY t.experiment_id
     ON CONFLICT (experiment_id) DO UPDATE SET
       ${[...COLUMNS.slice(1), 'effects_stored', 'companions_stored', ...DENORMALISED].map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
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
  return rows.map((r) => {
    const prior = before.get(r.id);
    return {
      experimentId: r.id,
      cause: causeOf(r.id),
      before:
        prior === undefined
          ? null
          : stateOf({
              status: prior.status,
              category: prior.category,
              subReason: prior.sub_reason,
              validity: prior.validity,
              validityReasons: prior.validity_reasons,
            }),
      after: stateOf(r.stored),
    };
  });
}

interface StoredRow {
  readonly id: string;
  readonly ownerNodeId: string;
  readonly stored: StoredClassification;
  readonly precision: PrecisionFacts;
}

/** A column of the upsert from its parameter `t.<column>` (texts for the array columns, see CASTS). */
function columnSql(column: (typeof COLUMNS)[number]): string {
  if (column === 'validity_reasons') return `coalesce(string_to_array(nullif(t.${column}, ''), ','), '{}')`;
  if (column === 'success_mde_rel' || column === 'success_powered_effect_rel') return `t.${column}::float8[]`;
  return `t.${column}`;
}

/** Numbers as a float8[] literal (JavaScript's shortest round-trip form reads back as the same double). */
const arrayLiteral = (values: readonly number[] | null) => (values === null ? null : `{${values.join(',')}}`);

function columnValue(column: (typeof COLUMNS)[number], row: StoredRow, now: Date): unknown {
  const { id, ownerNodeId, stored: s } = row;
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
    case 'success_mde_rel':
      return arrayLiteral(row.precision.mdeRelative);
    case 'success_powered_effect_rel':
      return arrayLiteral(row.precision.poweredEffectRelative);
  }
}
