import { badInput } from '../errors';
import type { EffectScale, MetricRole } from '../experiment';

export interface MetricSettingsDraft {
  readonly role: MetricRole;
  readonly mde?: number | null;
  readonly mdeScale?: EffectScale | null;
  readonly nim?: number | null;
  readonly nimScale?: EffectScale | null;
}

export interface MetricSettings {
  readonly role: MetricRole;
  readonly mde: number | null;
  readonly mdeScale: EffectScale | null;
  readonly nim: number | null;
  readonly nimScale: EffectScale | null;
}

function checkPair(field: string, name: 'mde' | 'nim', value: number | null, scale: EffectScale | null): void {
  if ((value === null) !== (scale === null)) {
    throw badInput(
      value === null ? `${field}.${name}` : `${field}.${name}Scale`,
      null,
      `${name} and ${name}Scale given together or not at all`,
    );
  }
  if (value !== null && (!Number.isFinite(value) || value <= 0))
    throw badInput(`${field}.${name}`, value, 'a finite number > 0');
}

/**
 * Settings of a metric in one experiment (docs/ewl-rules.md §2.5): mde and mdeScale come as a pair, as do nim
 * and nimScale; both values are finite and > 0; a non-inferiority margin (nim) exists only for a
 * GUARDRAIL metric.
 * @throws DomainError BAD_USER_INPUT naming e.g. `input.metrics[0].nim`.
 * @example validateMetricSettings('input.metrics[0]', { role: 'SUCCESS', mde: 0.02, mdeScale: 'RELATIVE' })
 * // { role: 'SUCCESS', mde: 0.02, mdeScale: 'RELATIVE', nim: null, nimScale: null }
 */
export function validateMetricSettings(field: string, draft: MetricSettingsDraft): MetricSettings {
  const settings: MetricSettings = {
    role: draft.role,
    mde: draft.mde ?? null,
    mdeScale: draft.mdeScale ?? null,
    nim: draft.nim ?? null,
    nimScale: draft.nimScale ?? null,
  };
  checkPair(field, 'mde', settings.mde, settings.mdeScale);
  checkPair(field, 'nim', settings.nim, settings.nimScale);
  if (settings.nim !== null && settings.role !== 'GUARDRAIL') {
    throw badInput(
      `${field}.nim`,
      settings.nim,
      `no nim for a ${settings.role} metric (a non-inferiority margin applies to GUARDRAIL metrics only)`,
    );
  }
  return settings;
}
