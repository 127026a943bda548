import { type EntityManager } from 'typeorm';
import type { RecordedDecision } from '../../domain/events';

/** Recorded decisions by id, each with its experiment's stored classification (what the decision events judge it by). */
export async function findRecordedDecisions(m: EntityManager, ids: readonly string[]): Promise<RecordedDecision[]> {
  if (ids.length === 0) return [];
  const rows: Array<{
    id: string;
    experiment_id: string;
    kind: RecordedDecision['kind'];
    decided_at: Date;
    decided_by: string;
    shipped_variant_id: string | null;
    is_current: boolean;
    category: NonNullable<RecordedDecision['classification']>['category'] | null;
    provisional_category: NonNullable<RecordedDecision['classification']>['provisionalCategory'];
    sub_reason: NonNullable<RecordedDecision['classification']>['subReason'];
  }> = await m.query(
    `SELECT d.id, d.experiment_id, d.kind, d.decided_at, d.decided_by, d.shipped_variant_id, d.is_current,
            c.category, c.provisional_category, c.sub_reason
       FROM decision d LEFT JOIN experiment_classification c ON c.experiment_id = d.experiment_id
      WHERE d.id = ANY($1::uuid[])
      ORDER BY d.experiment_id, d.decided_at, d.seq`,
    [[...ids]],
  );
  return rows.map((r) => ({
    decisionId: r.id,
    experimentId: r.experiment_id,
    kind: r.kind,
    decidedAt: new Date(r.decided_at),
    decidedBy: r.decided_by,
    shippedVariantId: r.shipped_variant_id,
    isCurrent: r.is_current,
    classification:
      r.category === null
        ? null
        : { category: r.category, provisionalCategory: r.provisional_category, subReason: r.sub_reason },
  }));
}
