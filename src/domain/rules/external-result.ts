import type { ExternalEstimateValues } from '../experiment';
import { badInput } from '../errors';

export interface ExternalResultDraft {
  readonly controlMean?: number | null;
  readonly estimateAbs: number;
  readonly stdErr?: number | null;
  readonly superior?: boolean | null;
  readonly nonInferior?: boolean | null;
  readonly deteriorated?: boolean | null;
}

export type ExternalResultValues = ExternalEstimateValues;

/**
 * A result computed by another platform (docs/ewl-rules.md §2.6, EXTERNAL mode): estimate and control mean
 * finite, standard error finite and > 0 when given. It belongs to a treatment arm: the caller
 * refuses the control.
 * @param label names the item for people, e.g. `metric "conv", variant "b"`.
 * @throws DomainError BAD_USER_INPUT naming e.g. `input.externalResults[0].stdErr`.
 */
export function validateExternalResult(field: string, label: string, draft: ExternalResultDraft): ExternalResultValues {
  const values: ExternalResultValues = {
    controlMean: draft.controlMean ?? null,
    estimateAbs: draft.estimateAbs,
    stdErr: draft.stdErr ?? null,
    superior: draft.superior ?? null,
    nonInferior: draft.nonInferior ?? null,
    deteriorated: draft.deteriorated ?? null,
  };
  if (!Number.isFinite(values.estimateAbs))
    throw badInput(`${field}.estimateAbs`, values.estimateAbs, `a finite number (${label})`);
  if (values.controlMean !== null && !Number.isFinite(values.controlMean))
    throw badInput(`${field}.controlMean`, values.controlMean, `a finite number (${label})`);
  if (values.stdErr !== null && !(Number.isFinite(values.stdErr) && values.stdErr > 0)) {
    throw badInput(`${field}.stdErr`, values.stdErr, `a finite number > 0 (${label})`);
  }
  return values;
}
