import { badInput } from '../errors';
import type { ExperimentKind, HealthCheckSeverity, HealthCheckType, DecisionKind } from '../experiment';

/** Default alpha and power (docs/ewl-rules.md §9). */
export const DEFAULT_ALPHA = 0.05;
export const DEFAULT_POWER = 0.8;

/**
 * One-sided significance level: 0 < alpha < 0.5 (an alpha of 0.5 or more is a coin flip).
 * @throws DomainError BAD_USER_INPUT naming `field`.
 */
export function validateAlpha(field: string, alpha: number): number {
  if (!(alpha > 0 && alpha < 0.5)) throw badInput(field, alpha, 'a number with 0 < alpha < 0.5');
  return alpha;
}

/** Target power 1 - beta: 0 < power < 1. @throws DomainError BAD_USER_INPUT naming `field`. */
export function validatePower(field: string, power: number): number {
  if (!(power > 0 && power < 1)) throw badInput(field, power, 'a number with 0 < power < 1');
  return power;
}

/** Planned sample size or runtime: null or an integer > 0. @throws DomainError BAD_USER_INPUT. */
export function validatePositiveInteger(field: string, value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isSafeInteger(value) || value <= 0) throw badInput(field, value, 'an integer > 0');
  return value;
}

/**
 * Only A/B tests count toward learning and win rates unless said otherwise (docs/ewl-rules.md §6.5).
 * @example defaultCountsTowardEwl('ROLLOUT') // false
 */
export function defaultCountsTowardEwl(kind: ExperimentKind): boolean {
  return kind === 'AB_TEST';
}

/**
 * External source and external id identify an imported experiment together: both or neither.
 * @throws DomainError BAD_USER_INPUT naming the missing one.
 */
export function validateExternalReference(
  field: string,
  source: string | null,
  id: string | null,
): { externalSource: string | null; externalId: string | null } {
  const s = source?.trim() || null;
  const i = id?.trim() || null;
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
