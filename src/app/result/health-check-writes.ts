import { badInput } from '../../domain/errors';
import type { HealthCheck, HealthCheckSeverity, HealthCheckStatus, HealthCheckType } from '../../domain/experiment';
import { assertNotArchived } from '../../domain/rules/experiment-lifecycle';
import { resolveHealthCheckSeverity } from '../../domain/rules/experiment-settings';
import { findWrittenHealthChecks } from '../../db/queries/experiment-reads';
import { inRange, NUMBER_RANGES, TEXT_LIMITS } from '../../domain/rules/field-limits';
import { validateText } from '../../domain/rules/text-fields';
import { type WriteContext } from '../write-context';
import { classifyAndPublish } from '../events/event-publishing';

export interface HealthCheckCommand {
  readonly type: HealthCheckType;
  readonly name?: string | null;
  readonly status: HealthCheckStatus;
  readonly severity?: HealthCheckSeverity | null;
  readonly pValue?: number | null;
  readonly observed?: number | null;
  readonly threshold?: number | null;
  readonly details?: string | null;
  readonly reporter?: string | null;
}

export interface RecordHealthChecksCommand {
  readonly experimentId?: string | null;
  readonly experimentKey?: string | null;
  readonly checks: readonly HealthCheckCommand[];
}

/** A reported health check as the GraphQL type shows it (`source` is not stored: stored checks are reported). */
export type ReportedHealthCheck = HealthCheck & { readonly source: 'REPORTED' };

function finiteOrNull(field: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value)) throw badInput(field, value, 'a finite number');
  return value;
}

/**
 * Upserts reported health checks by (experiment, type, name) in one statement. Accepted in every
 * status but ARCHIVED (a pre-launch check may be reported on a DRAFT).
 */
export async function recordHealthChecks(
  w: WriteContext,
  input: RecordHealthChecksCommand,
): Promise<ReportedHealthCheck[]> {
  const { m, now } = w;
  const experiment = await w.subtree.lockExperiment(
    m,
    { id: 'input.experimentId', key: 'input.experimentKey' },
    { id: input.experimentId, key: input.experimentKey },
  );
  assertNotArchived(experiment.status, 'input.experimentId');
  const seen = new Map<string, number>();
  const rows = input.checks.map((check, i) => {
    const field = `input.checks[${i}]`;
    const name = validateText(`${field}.name`, check.name ?? '', TEXT_LIMITS.healthCheck.name);
    const identity = `${check.type}/${name}`;
    if (seen.has(identity))
      throw badInput(
        `${field}.name`,
        name,
        `a (type, name) pair used once per call (also at input.checks[${seen.get(identity)}])`,
        'DUPLICATE_KEY',
      );
    seen.set(identity, i);
    const pValue = finiteOrNull(`${field}.pValue`, check.pValue);
    if (pValue !== null && !inRange(pValue, NUMBER_RANGES.pValue))
      throw badInput(
        `${field}.pValue`,
        pValue,
        `a probability from ${NUMBER_RANGES.pValue.min} to ${NUMBER_RANGES.pValue.max}`,
      );
    return {
      type: check.type,
      name,
      status: check.status,
      severity: resolveHealthCheckSeverity(`${field}.severity`, check.type, check.severity),
      pValue,
      observed: finiteOrNull(`${field}.observed`, check.observed),
      threshold: finiteOrNull(`${field}.threshold`, check.threshold),
      details: validateText(`${field}.details`, check.details ?? '', TEXT_LIMITS.healthCheck.details),
      reporter: validateText(`${field}.reporter`, check.reporter ?? '', TEXT_LIMITS.healthCheck.reporter),
    };
  });
  if (rows.length === 0) return [];
  const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((r) => r[key]);
  const written: { id: string }[] = await m.query(
    `INSERT INTO health_check (experiment_id, type, name, status, severity, p_value, observed, threshold, details, reporter, reported_at)
     SELECT $1::uuid, d.*, $11::timestamptz FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::float8[], $9::text[], $10::text[]) AS d
     ON CONFLICT (experiment_id, type, name) DO UPDATE SET status = EXCLUDED.status, severity = EXCLUDED.severity, p_value = EXCLUDED.p_value,
       observed = EXCLUDED.observed, threshold = EXCLUDED.threshold, details = EXCLUDED.details, reporter = EXCLUDED.reporter, reported_at = EXCLUDED.reported_at
     RETURNING id`,
    [
      experiment.id,
      column('type'),
      column('name'),
      column('status'),
      column('severity'),
      column('pValue'),
      column('observed'),
      column('threshold'),
      column('details'),
      column('reporter'),
      now,
    ],
  );
  // Reported checks can change validity: reclassify in the same transaction (docs/ewl-rules.md §14).
  await classifyAndPublish(m, [experiment.id], now, 'HEALTH_CHECKS');
  return findWrittenHealthChecks(
    m,
    written.map((w) => w.id),
  );
}
