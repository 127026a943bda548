/**
 * The EwL ruleset: version and defaults of every rule (docs/ewl-rules.md §9, §14). Changing any value here
 * changes classifications, so it must come with a new {@link RULESET_VERSION}; stored rows with an
 * older version are recomputed at start-up and by `npm run reclassify`.
 */

/** Names this module's rules and defaults; stored with every classification (docs/ewl-rules.md §14). */
export const RULESET_VERSION = 'ewl-2026.1';

/** One-sided significance level per decision (docs/ewl-rules.md §9). */
export const DEFAULT_ALPHA = 0.05;
/** Target power 1 − β (docs/ewl-rules.md §9). */
export const DEFAULT_POWER = 0.8;
/** SRM fails below this p-value [GB default, SSIG red alert] (docs/ewl-rules.md §3.9). */
export const SRM_FAIL_P_VALUE = 0.001;
/** SRM warns below this p-value (and at or above the fail threshold) [SSIG, KAM]. */
export const SRM_WARN_P_VALUE = 0.01;
/** SRM is NOT_ENOUGH_DATA when an arm has fewer units than this [GB]. */
export const SRM_MIN_UNITS_PER_ARM = 8;
/** Multiple exposure warns above this share of units ... */
export const MULTIPLE_EXPOSURE_WARN_SHARE = 0.01;
/** ... once at least this many units were multi-exposed [GB, SSIG]. */
export const MULTIPLE_EXPOSURE_MIN_UNITS = 10;
/** Pre-exposure bias warns when the two-sided pre-period p-value is below this (docs/ewl-rules.md §3.10). */
export const PRE_EXPOSURE_BIAS_P_VALUE = 0.001;
/** Runtimes shorter than this many days warn (never block) (docs/ewl-rules.md §3.10, §11 A19). */
export const MIN_RUNTIME_DAYS = 7;
/**
 * A STOPPED experiment without a conclusion counts as concluded at `endedAt` after this many days
 * (docs/ewl-rules.md §6.4).
 */
export const STALE_STOPPED_DAYS = 30;

export const MS_PER_DAY = 86_400_000;
