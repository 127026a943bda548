import type { AnalysisSettings } from './analysis-types';
import { badInput } from './errors';
import { describeInterval, inRange, NUMBER_RANGES } from './rules/field-limits';

/**
 * Checks what-if overrides of an analysis (issue #3): alpha and power in the ranges of an experiment's
 * stored settings (NUMBER_RANGES), and an SRM threshold in (0, 0.5).
 * @throws DomainError BAD_USER_INPUT naming the argument.
 */
export function validateAnalysisSettings(settings: AnalysisSettings, prefix = ''): AnalysisSettings {
  const { alpha, power, srmThreshold } = settings;
  if (alpha !== undefined && !inRange(alpha, NUMBER_RANGES.alpha))
    throw badInput(`${prefix}alpha`, alpha, `a one-sided level in ${describeInterval(NUMBER_RANGES.alpha)}`);
  if (power !== undefined && !inRange(power, NUMBER_RANGES.power))
    throw badInput(`${prefix}power`, power, `a target power in ${describeInterval(NUMBER_RANGES.power)}`);
  if (srmThreshold !== undefined && !(srmThreshold > 0 && srmThreshold < 0.5))
    throw badInput(`${prefix}srmThreshold`, srmThreshold, 'a p-value threshold in (0, 0.5)');
  return settings;
}
