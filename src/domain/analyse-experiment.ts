import type {
  AnalysisInput,
  AnalysisSettings,
  ArmAnalysis,
  ExperimentAnalysis,
  MetricArmAnalysis,
} from './analysis-types';
import { analyseExternalMetricArm } from './external-analysis';
import {
  bestArm,
  classifyArm,
  classifyLearningCategory,
  conclusionOf,
  expectedDecisions,
  invalidSubReason,
  learningFlags,
} from './learning-category';
import { type Comparison, analyseMetricArm } from './metric-analysis';
import { RULESET_VERSION, SRM_FAIL_P_VALUE } from './ruleset';
import { computeTestLevels } from './test-levels';
import { computeValidityStatus } from './validity';

/**
 * The full EwL analysis of one experiment at `asOf` (docs/ewl-rules.md §4 to §6): validity and health checks,
 * per treatment arm the per-metric tests, power, category and recommendation, and the
 * experiment's category after scope and lifecycle. `settings` overrides the experiment's own
 * alpha, power, SRM threshold and modes for a what-if analysis. `detail: false` skips display-only
 * work (check details, reasons, intervals of means, relative effects, sample sizes) and gives the
 * same validity, categories and recommendations: the stored classification uses it. Pure: no I/O, no clock.
 * Review change: when the experiment is not VALID, every arm's category is INVALID with the
 * validity sub-reason and recommendation INVESTIGATE (docs/ewl-rules.md §5: per-arm verdicts only if VALID;
 * §6.2 applies to valid experiments; §6.3 rule 3: nothing measured on a broken split is trusted).
 * The per-metric analyses and reasons stay, for diagnosis (§11 A13). Before, such an arm showed
 * its data category (e.g. WIN) next to an INVALID experiment.
 * @throws DomainError BAD_USER_INPUT when a STRICT power budget is exhausted or power ≤ alpha (see computeTestLevels).
 */
export function analyseExperiment(
  input: AnalysisInput,
  options: { asOf: Date; settings?: AnalysisSettings; detail?: boolean },
): ExperimentAnalysis {
  const settings = options.settings ?? {};
  const detail = options.detail ?? true;
  const alpha = settings.alpha ?? input.alpha;
  const power = settings.power ?? input.power;
  const srmThreshold = settings.srmThreshold ?? SRM_FAIL_P_VALUE;
  const validity = computeValidityStatus(input, { asOf: options.asOf, srmThreshold, detail });
  const control = input.variants.find((v) => v.isControl);
  const treatments = input.variants.filter((v) => !v.isControl);
  const levels = computeTestLevels({
    alpha,
    power,
    arms: input.variants.length,
    srmThreshold,
    roles: input.metrics.map((m) => ({ role: m.role, hasNim: m.nim !== null })),
    powerBudgetMode: settings.powerBudgetMode ?? input.powerBudgetMode,
    deteriorationAlphaMode: settings.deteriorationAlphaMode ?? input.deteriorationAlphaMode,
  });
  const totalWeight = input.variants.reduce((s, v) => s + v.plannedWeight, 0);
  const totalUnits = input.variants.every((v) => v.units !== null)
    ? input.variants.reduce((s, v) => s + (v.units ?? 0), 0)
    : null;

  const valid = validity.validity === 'VALID';
  const invalidReason = valid ? null : invalidSubReason(validity.validity, validity.reasons);
  const arms: ArmAnalysis[] = !control
    ? []
    : treatments.map((treatment) => {
        const cmp: Comparison = { control, treatment, totalWeight, levels };
        const metrics: MetricArmAnalysis[] = input.metrics.map((m) =>
          input.analysisMode === 'EXTERNAL'
            ? analyseExternalMetricArm(m, cmp, totalUnits, input.plannedSampleSize)
            : analyseMetricArm(m, cmp, detail),
        );
        const verdict = classifyArm(input.metrics, metrics, detail);
        const invalid = invalidReason !== null;
        return {
          variantId: treatment.id,
          variantKey: treatment.key,
          category: invalid ? 'INVALID' : verdict.category,
          subReason: invalid ? invalidReason : verdict.subReason,
          recommendation: invalid ? 'INVESTIGATE' : verdict.recommendation,
          reasons: verdict.reasons,
          powered: verdict.powered,
          alphaSuccess: levels.alphaSuccess,
          alphaGuardrail: levels.alphaGuardrail,
          alphaDeterioration: levels.alphaDeterioration,
          betaPerTest: levels.betaPerTest,
          metrics,
        };
      });

  const best = bestArm(arms);
  const provisionalCategory = invalidReason !== null ? 'INVALID' : (best?.category ?? 'UNDERPOWERED');
  const dataSubReason = invalidReason ?? best?.subReason ?? 'NO_DECISION_METRICS';
  const lifecycle = {
    status: input.status,
    countsTowardEwl: input.countsTowardEwl,
    endedAt: input.endedAt,
    concludedAt: input.concludedAt,
  };
  const category = classifyLearningCategory(provisionalCategory, lifecycle, options.asOf);
  const subReason = category === 'PENDING' || category === 'EXCLUDED' ? null : dataSubReason;
  const flags = learningFlags(category);
  return {
    rulesetVersion: RULESET_VERSION,
    validity: validity.validity,
    validityReasons: validity.reasons,
    healthChecks: validity.checks,
    arms,
    category,
    provisionalCategory,
    provisionalSubReason: dataSubReason,
    subReason,
    isLearning: flags.isLearning,
    isWin: flags.isWin,
    provisional: category === 'PENDING',
    recommendation: !valid ? 'INVESTIGATE' : (best?.recommendation ?? 'CONTINUE'),
    conclusionDate: conclusionOf(lifecycle, options.asOf).date,
    expectedDecisions: expectedDecisions(category, subReason),
  };
}
