import type { AnalysisSettings } from './analysis-types';
import { badInput } from './errors';

/**
 * Checks what-if overrides of an analysis (docs/ewl-rules.md §9, §14): alpha in (0, 0.5), power in (0, 1) and an SRM
 * threshold in (0, 0.5), the same ranges as an experiment's stored settings.
 * @throws DomainError BAD_USER_INPUT naming the argument.
 */
export function validateAnalysisSettings(settings: AnalysisSettings, prefix = ''): AnalysisSettings {
  const { alpha, power, srmThreshold } = settings;
  if (alpha !== undefined && !(alpha > 0 && alpha < 0.5))
    throw badInput(`${prefix}alpha`, alpha, 'a one-sided level in (0, 0.5)');
  if (power !== undefined && !(power > 0 && power < 1))
    throw badInput(`${prefix}power`, power, 'a target power in (0, 1)');
  if (srmThreshold !== undefined && !(srmThreshold > 0 && srmThreshold < 0.5))
    throw badInput(`${prefix}srmThreshold`, srmThreshold, 'a p-value threshold in (0, 0.5)');
  return settings;
}
