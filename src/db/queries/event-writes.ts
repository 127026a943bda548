import { type EntityManager } from 'typeorm';
import type { EventDraft } from '../../domain/events';
import { createTimeOrderedId } from './time-ordered-id';

/**
 * The deliveries of the events `ev` (a CTE of inserted outbox rows: id, type, owner_node_id,
 * overdue_days) to every enabled subscription that takes the type and whose org node's subtree
 * holds the event's owner (a whole-organisation subscription takes every owner); a
 * decision-overdue event only to the subscriptions of its threshold. Due at `nowParam`.
 */
function fanOutSql(nowParam: string): string {
  return `INSERT INTO webhook_delivery (id, subscription_id, event_id, next_attempt_at, created_at)
  SELECT gen_random_uuid(), s.id, ev.id, ${nowParam}, ${nowParam}
    FROM ev JOIN webhook_subscription s
      ON s.enabled AND ev.type = ANY (s.event_types)
     AND (ev.overdue_days IS NULL OR s.decision_overdue_days = ev.overdue_days)
     AND (s.org_node_id IS NULL OR EXISTS (
           SELECT 1 FROM org_node_closure c WHERE c.ancestor_id = s.org_node_id AND c.descendant_id = ev.owner_node_id))
   ORDER BY ev.seq, s.id`;
}

/**
 * Appends events to the outbox in the caller's transaction (docs/events.md), at `now`, with the
 * experiment's key and owner node as they are in that transaction, and queues their deliveries to
 * the matching webhook subscriptions in the same statement: whatever the transaction commits, its
 * events and their deliveries commit with it; a rollback leaves neither. No statement without events.
 */
export async function appendEvents(m: EntityManager, events: readonly EventDraft[], now: Date): Promise<void> {
  if (events.length === 0) return;
  const items = events.map((e) => ({
    id: createTimeOrderedId(),
    type: e.type,
    experimentId: e.experimentId,
    payload: e.payload,
  }));
  await m.query(
    `WITH ev AS (
       INSERT INTO outbox_event (id, type, occurred_at, experiment_id, experiment_key, owner_node_id, owner_node_key, payload)
       SELECT (t.item->>'id')::uuid, t.item->>'type', $2, e.id, e.key, e.owner_node_id, n.key, t.item->'payload'
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(item, ord)
         JOIN experiment e ON e.id = (t.item->>'experimentId')::uuid
         JOIN org_node n ON n.id = e.owner_node_id
        ORDER BY t.ord
       RETURNING id, seq, type, owner_node_id, overdue_days
     )
     ${fanOutSql('$2::timestamptz')}`,
    [JSON.stringify(items), now],
  );
}

/**
 * The decision-overdue scheduler (docs/events.md): for each threshold N that an enabled
 * subscription to `experiment.decision_overdue` asks for, appends one event per experiment inside
 * such a subscription's subtree that has been CONCLUDED for at least N days at `now` without a
 * current decision, unless one was appended before for that experiment and N (a unique index;
 * concurrent schedulers on several replicas append it once), and queues its deliveries, in one
 * statement. At most `limit` events per call (the oldest conclusions first); returns how many.
 */
export async function appendDecisionOverdueEvents(m: EntityManager, now: Date, limit: number): Promise<number> {
  const rows: { n: number }[] = await m.query(
    `WITH thresholds AS (
       SELECT DISTINCT s.decision_overdue_days AS days, s.org_node_id
         FROM webhook_subscription s
        WHERE s.enabled AND 'experiment.decision_overdue' = ANY (s.event_types)
     ), due AS (
       SELECT DISTINCT ON (c.experiment_id, t.days) c.experiment_id, c.concluded_at, c.category, c.owner_node_id, t.days
         FROM thresholds t
         JOIN experiment_classification c
           ON c.status = 'CONCLUDED' AND c.decision_kind IS NULL
          AND c.concluded_at <= $1::timestamptz - make_interval(days => t.days)
          AND (t.org_node_id IS NULL OR EXISTS (
                SELECT 1 FROM org_node_closure oc WHERE oc.ancestor_id = t.org_node_id AND oc.descendant_id = c.owner_node_id))
        WHERE NOT EXISTS (
                SELECT 1 FROM outbox_event o
                 WHERE o.type = 'experiment.decision_overdue' AND o.experiment_id = c.experiment_id AND o.overdue_days = t.days)
        ORDER BY c.experiment_id, t.days
     ), picked AS (
       SELECT * FROM due ORDER BY concluded_at, experiment_id, days LIMIT $2
     ), ev AS (
       INSERT INTO outbox_event (id, type, occurred_at, experiment_id, experiment_key, owner_node_id, owner_node_key, overdue_days, payload)
       SELECT gen_random_uuid(), 'experiment.decision_overdue', $1, p.experiment_id, e.key, p.owner_node_id, n.key, p.days,
              jsonb_build_object('days', p.days, 'concludedAt', to_char(p.concluded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'category', p.category)
         FROM picked p JOIN experiment e ON e.id = p.experiment_id JOIN org_node n ON n.id = p.owner_node_id
        ORDER BY p.concluded_at, p.experiment_id, p.days
       ON CONFLICT (experiment_id, overdue_days) WHERE type = 'experiment.decision_overdue' DO NOTHING
       RETURNING id, seq, type, owner_node_id, overdue_days
     ), delivered AS (
       ${fanOutSql('$1::timestamptz')}
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM ev)::int AS n`,
    [now, limit],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Deletes events older than `before` whose deliveries are all settled (none PENDING), with their
 * deliveries; decision-overdue events stay, as they mark what was already announced.
 * Returns how many events it deleted.
 */
export async function purgeSettledEvents(m: Pick<EntityManager, 'query'>, before: Date): Promise<number> {
  const [, count] = (await m.query(
    `DELETE FROM outbox_event o
      WHERE o.occurred_at < $1 AND o.type <> 'experiment.decision_overdue'
        AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.event_id = o.id AND d.status = 'PENDING')`,
    [before],
  )) as [unknown, number];
  return count;
}
