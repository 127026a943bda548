import { type EntityManager } from 'typeorm';

/** Entities an audit row can be about (the state before and after is a JSON snapshot of it). */
export const AUDIT_ENTITY_TYPES = [
  'experiment',
  'org_node',
  'metric',
  'hypothesis',
  'learning',
  'api_key',
  'webhook_subscription',
  'webhook_delivery',
  'catalogue',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

/** Who wrote: the API key (id and name), or the principal kind, and the person the request names. */
export interface AuditActor {
  readonly principalKind: 'API_KEY' | 'ANONYMOUS' | 'INTERNAL';
  readonly apiKeyId: string | null;
  readonly apiKeyName: string | null;
  /** The person named in the request (X-Actor header), if any. */
  readonly actor: string | null;
}

export interface AuditEntry {
  readonly operation: string;
  readonly entityType: AuditEntityType;
  readonly entityId: string | null;
  /** The experiment the write concerns (Experiment.history), when there is one. */
  readonly experimentId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

const rowJson = (alias: string) => `to_jsonb(${alias}) - 'search'`;

/**
 * The JSON state of one kind of entity, per id (one statement): for an experiment its row with
 * variants, metrics, results, external results, health checks, hypotheses and decisions; for the
 * others their row (an API key without its hash, a webhook subscription without its secret;
 * learnings with their links).
 */
const SNAPSHOT_SQL: Record<Exclude<AuditEntityType, 'catalogue'>, string> = {
  experiment: `SELECT e.id, jsonb_build_object(
      'experiment', ${rowJson('e')},
      'variants', coalesce((SELECT jsonb_agg(to_jsonb(v) ORDER BY v.position) FROM variant v WHERE v.experiment_id = e.id), '[]'),
      'metrics', coalesce((SELECT jsonb_agg(to_jsonb(em) ORDER BY em.position) FROM experiment_metric em WHERE em.experiment_id = e.id), '[]'),
      'results', coalesce((SELECT jsonb_agg(to_jsonb(r) ORDER BY r.experiment_metric_id, r.variant_id, r.period)
        FROM metric_result r JOIN experiment_metric em ON em.id = r.experiment_metric_id WHERE em.experiment_id = e.id), '[]'),
      'externalResults', coalesce((SELECT jsonb_agg(to_jsonb(x) ORDER BY x.experiment_metric_id, x.variant_id)
        FROM external_result x JOIN experiment_metric em ON em.id = x.experiment_metric_id WHERE em.experiment_id = e.id), '[]'),
      'healthChecks', coalesce((SELECT jsonb_agg(to_jsonb(h) ORDER BY h.type, h.name) FROM health_check h WHERE h.experiment_id = e.id), '[]'),
      'hypotheses', coalesce((SELECT jsonb_agg(${rowJson('y')} ORDER BY y.created_at, y.id) FROM hypothesis y WHERE y.experiment_id = e.id), '[]'),
      'decisions', coalesce((SELECT jsonb_agg(to_jsonb(d) ORDER BY d.decided_at, d.seq) FROM decision d WHERE d.experiment_id = e.id), '[]')
    ) AS snapshot FROM experiment e WHERE e.id = ANY($1::uuid[])`,
  org_node: `SELECT n.id, to_jsonb(n) AS snapshot FROM org_node n WHERE n.id = ANY($1::uuid[])`,
  metric: `SELECT m.id, to_jsonb(m) AS snapshot FROM metric m WHERE m.id = ANY($1::uuid[])`,
  hypothesis: `SELECT y.id, ${rowJson('y')} AS snapshot FROM hypothesis y WHERE y.id = ANY($1::uuid[])`,
  learning: `SELECT l.id, ${rowJson('l')} || jsonb_build_object(
      'experimentIds', coalesce((SELECT jsonb_agg(le.experiment_id ORDER BY le.experiment_id) FROM learning_experiment le WHERE le.learning_id = l.id), '[]'),
      'hypothesisIds', coalesce((SELECT jsonb_agg(lh.hypothesis_id ORDER BY lh.hypothesis_id) FROM learning_hypothesis lh WHERE lh.learning_id = l.id), '[]')
    ) AS snapshot FROM learning l WHERE l.id = ANY($1::uuid[])`,
  api_key: `SELECT k.id, to_jsonb(k) - 'secret_sha256' AS snapshot FROM api_key k WHERE k.id = ANY($1::uuid[])`,
  webhook_subscription: `SELECT s.id, to_jsonb(s) - 'secret' AS snapshot FROM webhook_subscription s WHERE s.id = ANY($1::uuid[])`,
  webhook_delivery: `SELECT d.id, to_jsonb(d) - 'lease_id' AS snapshot FROM webhook_delivery d WHERE d.id = ANY($1::uuid[])`,
};

/**
 * The experiment rows alone (no variants, metrics, results ...), for bulk writes: an import of
 * 100,000 experiments would otherwise spend longer snapshotting than writing.
 */
export async function snapshotExperimentRows(m: EntityManager, ids: readonly string[]): Promise<Map<string, unknown>> {
  if (ids.length === 0) return new Map();
  const rows: Array<{ id: string; snapshot: unknown }> = await m.query(
    `SELECT e.id, jsonb_build_object('experiment', ${rowJson('e')}) AS snapshot FROM experiment e WHERE e.id = ANY($1::uuid[])`,
    [[...ids]],
  );
  return new Map(rows.map((r) => [r.id, r.snapshot]));
}

/** JSON snapshots of entities by id (missing ids are absent from the map). */
export async function snapshotEntities(
  m: EntityManager,
  type: AuditEntityType,
  ids: readonly string[],
): Promise<Map<string, unknown>> {
  if (type === 'catalogue' || ids.length === 0) return new Map();
  const rows: Array<{ id: string; snapshot: unknown }> = await m.query(SNAPSHOT_SQL[type], [[...ids]]);
  return new Map(rows.map((r) => [r.id, r.snapshot]));
}

/** Appends audit rows (one statement), in the caller's transaction. */
export async function appendAuditEntries(
  m: EntityManager,
  actor: AuditActor,
  entries: readonly AuditEntry[],
  at: Date,
  idempotencyKey: string | null,
): Promise<void> {
  if (entries.length === 0) return;
  await m.query(
    `INSERT INTO audit_log (at, principal_kind, api_key_id, api_key_name, actor, operation, entity_type, entity_id, experiment_id, before, after, idempotency_key)
     SELECT $1, $2, $3, $4, $5, t.operation, t.entity_type, t.entity_id, t.experiment_id, t.before, t.after, $6
       FROM unnest($7::text[], $8::text[], $9::uuid[], $10::uuid[], $11::jsonb[], $12::jsonb[])
         AS t(operation, entity_type, entity_id, experiment_id, before, after)`,
    [
      at,
      actor.principalKind,
      actor.apiKeyId,
      actor.apiKeyName,
      actor.actor,
      idempotencyKey,
      entries.map((e) => e.operation),
      entries.map((e) => e.entityType),
      entries.map((e) => e.entityId),
      entries.map((e) => e.experimentId),
      entries.map((e) => (e.before === null || e.before === undefined ? null : JSON.stringify(e.before))),
      entries.map((e) => (e.after === null || e.after === undefined ? null : JSON.stringify(e.after))),
    ],
  );
}
