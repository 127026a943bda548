import { type EntityManager } from 'typeorm';
import { analyseExperiment } from '../../domain/analyse-experiment';
import { type StoredClassification, toStoredClassification } from '../../domain/stored-classification';
import { loadAnalysisInputs } from './analysis-input-reads';

/** A stored classification that changed category, for `reclassify` reports. */
export interface CategoryChange {
  readonly experimentId: string;
  readonly from: string | null;
  readonly to: string;
  readonly subReason: string | null;
}

const COLUMNS = [
  'experiment_id', 'validity', 'validity_reasons', 'category', 'provisional_category', 'sub_reason', 'is_learning', 'is_win', 'recommendation',
  'status', 'counts_toward_ewl', 'ended_at', 'concluded_at', 'owner_node_id', 'ruleset_version', 'classified_at',
] as const;
// validity_reasons travels as one comma-joined text per row (unnest would flatten a 2-D array).
const CASTS = ['uuid', 'text', 'text', 'text', 'text', 'text', 'boolean', 'boolean', 'text', 'text', 'boolean', 'timestamptz', 'timestamptz', 'uuid', 'text', 'timestamptz'];

/**
 * Recomputes and stores the classification of the given experiments (spec §14). Call it with the
 * transaction's manager after every write that changes a classifier input, so that the stored row
 * never disagrees with the pure classifier. One upsert for the whole batch; returns the category
 * changes. `owner_node_id_at_conclusion` is set the first time an experiment is stored as concluded.
 */
export async function classifyAndStore(manager: EntityManager, experimentIds: readonly string[], now: Date): Promise<CategoryChange[]> {
  const inputs = await loadAnalysisInputs(manager, experimentIds);
  if (inputs.size === 0) return [];
  const rows: { id: string; ownerNodeId: string; stored: StoredClassification }[] = [];
  for (const [id, input] of inputs) {
    rows.push({ id, ownerNodeId: input.ownerNodeId, stored: toStoredClassification(input, analyseExperiment(input, { asOf: now, detail: false })) });
  }
  const columns = COLUMNS.map((_c, i) => rows.map((r) => columnValue(i, r.id, r.ownerNodeId, r.stored, now)));
  const previous: { experiment_id: string; category: string }[] = await manager.query(
    `SELECT experiment_id, category FROM experiment_classification WHERE experiment_id = ANY($1::uuid[])`, [rows.map((r) => r.id)]);
  await manager.query(
    `INSERT INTO experiment_classification (${COLUMNS.join(', ')}, owner_node_id_at_conclusion)
     SELECT ${COLUMNS.map((c) => (c === 'validity_reasons' ? `coalesce(string_to_array(nullif(t.${c}, ''), ','), '{}')` : `t.${c}`)).join(', ')},
            CASE WHEN t.category NOT IN ('PENDING', 'EXCLUDED') THEN t.owner_node_id END
       FROM unnest(${COLUMNS.map((_c, i) => `$${i + 1}::${CASTS[i]}[]`).join(', ')}) AS t(${COLUMNS.join(', ')})
     ON CONFLICT (experiment_id) DO UPDATE SET
       ${COLUMNS.slice(1).map((c) => `${c} = EXCLUDED.${c}`).join(', ')},
       owner_node_id_at_conclusion = coalesce(experiment_classification.owner_node_id_at_conclusion, EXCLUDED.owner_node_id_at_conclusion)`,
    columns,
  );
  const before = new Map(previous.map((p) => [p.experiment_id, p.category]));
  return rows
    .filter((r) => before.get(r.id) !== r.stored.category)
    .map((r) => ({ experimentId: r.id, from: before.get(r.id) ?? null, to: r.stored.category, subReason: r.stored.subReason }));
}

function columnValue(index: number, id: string, ownerNodeId: string, s: StoredClassification, now: Date): unknown {
  switch (COLUMNS[index]) {
    case 'experiment_id': return id;
    case 'validity': return s.validity;
    case 'validity_reasons': return s.validityReasons.join(',');
    case 'category': return s.category;
    case 'provisional_category': return s.provisionalCategory;
    case 'sub_reason': return s.subReason;
    case 'is_learning': return s.isLearning;
    case 'is_win': return s.isWin;
    case 'recommendation': return s.recommendation;
    case 'status': return s.status;
    case 'counts_toward_ewl': return s.countsTowardEwl;
    case 'ended_at': return s.endedAt;
    case 'concluded_at': return s.concludedAt;
    case 'owner_node_id': return ownerNodeId;
    case 'ruleset_version': return s.rulesetVersion;
    case 'classified_at': return now;
    default: return null;
  }
}
