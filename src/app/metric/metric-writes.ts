import { DomainError } from '../../domain/errors';
import type { Metric, MetricType, PreferredDirection } from '../../domain/experiment';
import { assertMetricUnlocked } from '../../domain/rules/design-lock';
import { validateKey } from '../../domain/rules/keys';
import { MetricEntity } from '../../db/entities';
import { findWrittenMetric } from '../../db/queries/metric-reads';
import { metricRows } from '../../db/rows/tables';
import { assertKeyFree, findByIdForWrite } from '../../db/queries/reference-writes';
import { bumpVersion } from '../../db/queries/version-writes';
import { TEXT_LIMITS } from '../../domain/rules/field-limits';
import { validateText } from '../../domain/rules/text-fields';
import { type WriteContext } from '../write-context';
import { classifyAndPublish } from '../events/event-publishing';

export interface CreateMetricCommand {
  readonly key: string;
  readonly name: string;
  readonly description?: string | null;
  readonly type: MetricType;
  readonly preferredDirection: PreferredDirection;
}

export interface UpdateMetricCommand {
  /** Optimistic concurrency: refuse (CONFLICT VERSION_MISMATCH) unless the record still has this version. */
  readonly expectedVersion?: number | null;
  readonly id: string;
  readonly name?: string | null;
  readonly description?: string | null;
  readonly type?: MetricType | null;
  readonly preferredDirection?: PreferredDirection | null;
}

/** Adds a metric to the shared catalogue. */
export async function createMetric(w: WriteContext, input: CreateMetricCommand): Promise<Metric> {
  const { m, now } = w;
  const key = validateKey('input.key', input.key);
  const name = validateText('input.name', input.name, TEXT_LIMITS.metric.name);
  const description = validateText('input.description', input.description ?? '', TEXT_LIMITS.metric.description);
  await assertKeyFree(m, 'metric', 'metric', 'input.key', key);
  const { identifiers } = await m.insert(MetricEntity, {
    key,
    name,
    description,
    type: input.type,
    preferredDirection: input.preferredDirection,
    createdAt: now,
    updatedAt: now,
  });
  return findWrittenMetric(m, identifiers[0]!.id as string);
}

/**
 * Edits a catalogue metric. Its type cannot change once results were recorded for it, because
 * stored sufficient statistics are only meaningful for the type they were recorded with; neither
 * its type nor its preferred direction can change while a started experiment uses it (its
 * pre-registered design, see design-lock.ts).
 * @throws DomainError CONFLICT, reason METRIC_IN_USE or DESIGN_LOCKED.
 */
export async function updateMetric(w: WriteContext, input: UpdateMetricCommand): Promise<Metric> {
  const { m, now } = w;
  const metric = await findByIdForWrite(m, metricRows, 'metric', 'input.id', input.id, true);
  await bumpVersion(m, 'metric', metric.id, input.expectedVersion);
  const type = input.type ?? metric.type;
  if (type !== metric.type) {
    const [row] = await m.query(
      `SELECT count(*)::int AS n FROM metric_result r JOIN experiment_metric em ON em.id = r.experiment_metric_id WHERE em.metric_id = $1`,
      [metric.id],
    );
    if (row.n > 0) {
      throw new DomainError(
        'CONFLICT',
        `Cannot change the type of metric ${metric.key} from ${metric.type} to ${type}: ${row.n} results were recorded with it`,
        {
          reason: 'METRIC_IN_USE',
          details: { field: 'input.type', value: type, allowed: metric.type },
        },
      );
    }
  }
  const direction = input.preferredDirection ?? metric.preferredDirection;
  const change =
    type !== metric.type
      ? { field: 'input.type', value: type }
      : direction !== metric.preferredDirection
        ? { field: 'input.preferredDirection', value: direction }
        : null;
  if (change !== null) {
    const started: { key: string }[] = await m.query(
      `SELECT e.key FROM experiment e WHERE e.status <> 'DRAFT' AND EXISTS (SELECT 1 FROM experiment_metric em WHERE em.experiment_id = e.id AND em.metric_id = $1)
        ORDER BY e.key`,
      [metric.id],
    );
    assertMetricUnlocked(
      metric.key,
      change,
      started.map((r) => r.key),
    );
  }
  await m.update(
    MetricEntity,
    { id: metric.id },
    {
      name: input.name != null ? validateText('input.name', input.name, TEXT_LIMITS.metric.name) : metric.name,
      description:
        input.description != null
          ? validateText('input.description', input.description, TEXT_LIMITS.metric.description)
          : metric.description,
      type,
      preferredDirection: input.preferredDirection ?? metric.preferredDirection,
      updatedAt: now,
    },
  );
  if (type !== metric.type || (input.preferredDirection ?? metric.preferredDirection) !== metric.preferredDirection) {
    // Every experiment that uses the metric is analysed differently now (docs/ewl-rules.md §14).
    const users: { experiment_id: string }[] = await m.query(
      'SELECT DISTINCT experiment_id FROM experiment_metric WHERE metric_id = $1',
      [metric.id],
    );
    await classifyAndPublish(
      m,
      users.map((u) => u.experiment_id),
      now,
      'METRIC_CHANGED',
    );
  }
  return findWrittenMetric(m, metric.id);
}
