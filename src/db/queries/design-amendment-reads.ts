import { type DataSource } from 'typeorm';

/** One recorded amendment of an experiment's pre-registered design (docs/pre-registration.md). */
export interface DesignAmendmentRow {
  readonly id: string;
  readonly experimentId: string;
  readonly amendedAt: Date;
  /** The experiment's status when it was amended. */
  readonly status: string;
  readonly reason: string;
  readonly changedFields: string[];
  readonly before: Record<string, unknown>;
  readonly after: Record<string, unknown>;
  readonly principalKind: 'API_KEY' | 'ANONYMOUS' | 'INTERNAL';
  readonly apiKeyId: string | null;
  readonly apiKeyName: string | null;
  readonly actor: string | null;
}

/** The amendments of the given experiments, oldest first per experiment (one statement). */
export async function findDesignAmendmentsByExperimentIds(
  db: DataSource,
  experimentIds: readonly string[],
): Promise<DesignAmendmentRow[]> {
  return db.query(
    `SELECT id, experiment_id AS "experimentId", amended_at AS "amendedAt", status, reason, changed_fields AS "changedFields", before, after,
            principal_kind AS "principalKind", api_key_id AS "apiKeyId", api_key_name AS "apiKeyName", actor
       FROM experiment_design_amendment WHERE experiment_id = ANY($1::uuid[]) ORDER BY experiment_id, amended_at, seq`,
    [[...experimentIds]],
  );
}
