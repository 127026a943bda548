import { badInput } from '../errors';
import type { Experiment, ExperimentKind, HealthCheckSeverity, HealthCheckType, DecisionKind } from '../experiment';
import { DEFAULT_ALPHA, DEFAULT_POWER } from '../ruleset';
import { describeRange, inRange, NUMBER_RANGES, TEXT_LIMITS } from './field-limits';
import { optionalText } from './text-fields';

/** The settings a new experiment gets for what it does not give. */
export type ExperimentDefaults = Pick<
  Experiment,
  | 'description'
  | 'kind'
  | 'alpha'
  | 'power'
  | 'powerBudgetMode'
  | 'deteriorationAlphaMode'
  | 'analysisMode'
  | 'randomizationUnit'
  | 'tags'
>;

/**
 * The one set of defaults of a new experiment: planExperimentAttributes (experiment-plan.ts: the
 * write of createExperiment and of a new item of importExperiments), createExperiment's GraphQL
 * argument defaults and the entity's column defaults use it; the
 * database's column defaults (set by migrations) are asserted to agree by
 * test/integration/db/experiment-defaults.int.test.ts. Alpha and power are the ruleset's (docs/ewl-rules.md §9).
 * Whether it counts toward EwL follows its kind (defaultCountsTowardEwl).
 */
export const EXPERIMENT_DEFAULTS: Readonly<ExperimentDefaults> = {
  description: '',
  kind: 'AB_TEST',
  alpha: DEFAULT_ALPHA,
  power: DEFAULT_POWER,
  powerBudgetMode: 'SIMPLE',
  deteriorationAlphaMode: 'PER_TEST',
  analysisMode: 'FIXED_HORIZON',
  randomizationUnit: 'user',
  tags: [],
};

/**
 * One-sided significance level in NUMBER_RANGES.alpha: 0 < alpha < 0.5 (an alpha of 0.5 or more is a coin flip).
 * @throws DomainError BAD_USER_INPUT naming `field`.
 */
export function validateAlpha(field: string, alpha: number): number {
  if (!inRange(alpha, NUMBER_RANGES.alpha))
    throw badInput(field, alpha, `a number with ${describeRange('alpha', NUMBER_RANGES.alpha)}`);
  return alpha;
}

/** Target power 1 - beta in NUMBER_RANGES.power: 0 < power < 1. @throws DomainError BAD_USER_INPUT naming `field`. */
export function validatePower(field: string, power: number): number {
  if (!inRange(power, NUMBER_RANGES.power))
    throw badInput(field, power, `a number with ${describeRange('power', NUMBER_RANGES.power)}`);
  return power;
}

/** Planned sample size or runtime: null or an integer > 0. @throws DomainError BAD_USER_INPUT. */
export function validatePositiveInteger(field: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isSafeInteger(value) || value <= 0) throw badInput(field, value, 'an integer > 0');
  return value;
}

/** An `integer` column's largest value: what GraphQL's Int enforces for the mutations, checked for NDJSON lines too. */
const MAX_INT4 = 2_147_483_647;

/** Planned runtime in days: null or an integer from 1 to 2,147,483,647 (an `integer` column). @throws DomainError BAD_USER_INPUT. */
export function validatePlannedRuntimeDays(field: string, value: number | null | undefined): number | null {
  const days = validatePositiveInteger(field, value);
  if (days !== null && days > MAX_INT4) throw badInput(field, days, `an integer from 1 to ${MAX_INT4}`);
  return days;
}

/**
 * Only A/B tests count toward learning and win rates unless said otherwise (docs/ewl-rules.md §6.5).
 * @example defaultCountsTowardEwl('ROLLOUT') // false
 */
export function defaultCountsTowardEwl(kind: ExperimentKind): boolean {
  return kind === 'AB_TEST';
}

/**
 * External source and external id identify an imported experiment together: both or neither;
 * each trimmed, blank meaning none, and within its TEXT_LIMITS.
 * @throws DomainError BAD_USER_INPUT naming the missing or over-long one.
 */
export function validateExternalReference(
  field: string,
  source: string | null,
  id: string | null,
): { externalSource: string | null; externalId: string | null } {
  const s =
    source == null
      ? null
      : optionalText(`${field}.externalSource`, source, TEXT_LIMITS.experiment.externalSource.max) || null;
  const i = id == null ? null : optionalText(`${field}.externalId`, id, TEXT_LIMITS.experiment.externalId.max) || null;
  if ((s === null) !== (i === null)) {
    throw badInput(
      s === null ? `${field}.externalSource` : `${field}.externalId`,
      null,
      'externalSource and externalId given together or not at all',
    );
  }
  return { externalSource: s, externalId: i };
}

/** SRM and NO_TRAFFIC checks are always blocking (docs/ewl-rules.md §2.7); other checks only warn by default. */
export function defaultHealthCheckSeverity(type: HealthCheckType): HealthCheckSeverity {
  return type === 'SRM' || type === 'NO_TRAFFIC' ? 'BLOCKING' : 'WARNING';
}

/**
 * Resolves a reported check's severity: the default for its type when omitted; SRM and NO_TRAFFIC
 * cannot be downgraded to WARNING.
 * @throws DomainError BAD_USER_INPUT naming `field`.
 */
export function resolveHealthCheckSeverity(
  field: string,
  type: HealthCheckType,
  severity: HealthCheckSeverity | null | undefined,
): HealthCheckSeverity {
  const fallback = defaultHealthCheckSeverity(type);
  if (severity === null || severity === undefined) return fallback;
  if (fallback === 'BLOCKING' && severity !== 'BLOCKING')
    throw badInput(field, severity, `BLOCKING (${type} checks are always blocking)`);
  return severity;
}

/** Kinds of decision that ship something and may name the shipped variant. */
export const SHIPPING_DECISION_KINDS: readonly DecisionKind[] = ['SHIP', 'SHIP_INFRA'];

/**
 * A shipped variant may be named only for SHIP and SHIP_INFRA decisions.
 * @throws DomainError BAD_USER_INPUT naming `field`.
 */
export function validateShippedVariant(
  field: string,
  kind: DecisionKind,
  shippedVariant: string | null | undefined,
): void {
  if (shippedVariant !== null && shippedVariant !== undefined && !SHIPPING_DECISION_KINDS.includes(kind)) {
    throw badInput(
      field,
      shippedVariant,
      `no shipped variant for a ${kind} decision (only SHIP and SHIP_INFRA ship a variant)`,
    );
  }
}
