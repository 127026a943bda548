import { DomainError, badInput } from './errors';
import type { DeteriorationAlphaMode, MetricRole, PowerBudgetMode } from './experiment';
import { SRM_FAIL_P_VALUE } from './ruleset';

/** Per-test levels of one treatment-vs-control comparison. */
export interface TestLevels {
  /** α_S = α / (S·(k − 1)) for each success metric; null when there is none. */
  readonly alphaSuccess: number | null;
  /** α_G = α for non-inferiority tests (no adjustment: all must pass, an intersection–union test). */
  readonly alphaGuardrail: number;
  /** α_D per deterioration test. */
  readonly alphaDeterioration: number;
  /** β* per powered test (success metrics and guardrails with a NIM). */
  readonly betaPerTest: number;
}

export interface TestLevelsInput {
  readonly alpha: number;
  readonly power: number;
  /** Number of arms including control (k ≥ 2). */
  readonly arms: number;
  readonly roles: readonly { role: MetricRole; hasNim: boolean }[];
  readonly powerBudgetMode: PowerBudgetMode;
  readonly deteriorationAlphaMode: DeteriorationAlphaMode;
  /** α of the blocking SRM quality test, charged to β in STRICT mode. */
  readonly srmThreshold?: number;
}

/**
 * Multiple-testing corrections of α and the power budget β* for one comparison
 * (docs/ewl-rules.md §3.6, §3.7, §11 A1–A4):
 * - success metrics form one Bonferroni family: α_S = α / (S·(k − 1));
 * - non-inferiority guardrails are unadjusted: α_G = α;
 * - deterioration tests: α_D = α / (k − 1) (PER_TEST, default), or additionally divided by the
 *   number of deterioration tests in the arm, i.e. one per metric (BONFERRONI, §11 A3);
 * - SIMPLE budget: β* = β / (G + 1) with success metrics, β / G without (β if G = 0 too);
 * - STRICT budget: β* = (β − n_det·α_D − n_Q·α_Q) / (G + 1) with n_det = deterioration tests on
 *   guardrails and deterioration-only metrics and n_Q = 1 blocking quality test (SRM, α_Q = its
 *   threshold). Decision D2 (docs/ewl-rules.md §15): the divisor is G when S = 0, as in SIMPLE.
 *   Review change: with no powered test at all (S = 0 and G = 0) there is no budget to exhaust, so
 *   STRICT does not reject the configuration and β* = β (unused).
 * Review change: the target power must exceed α (equivalently α + β < 1); otherwise every power
 * and sample-size formula is undefined, and a what-if request used to fail deep in the stats layer
 * with a RangeError (an internal error) instead of BAD_USER_INPUT.
 * @throws DomainError BAD_USER_INPUT (reason POWER_BUDGET_EXHAUSTED) when STRICT leaves β* ≤ 0 for
 *   a configuration with powered tests; BAD_USER_INPUT (INVALID_VALUE, field `power`) when power ≤ α.
 */
export function computeTestLevels(input: TestLevelsInput): TestLevels {
  if (!(input.power > input.alpha)) throw badInput('power', input.power, `a power above alpha (${input.alpha})`);
  const comparisons = Math.max(1, input.arms - 1);
  const s = input.roles.filter((r) => r.role === 'SUCCESS').length;
  const g = input.roles.filter((r) => r.role === 'GUARDRAIL' && r.hasNim).length;
  const alphaSuccess = s > 0 ? input.alpha / (s * comparisons) : null;
  const detTests = input.deteriorationAlphaMode === 'BONFERRONI' ? Math.max(1, input.roles.length) : 1;
  const alphaDeterioration = input.alpha / (comparisons * detTests);
  const beta = 1 - input.power;
  const divisor = s > 0 ? g + 1 : Math.max(1, g);
  let betaPerTest = beta / divisor;
  if (input.powerBudgetMode === 'STRICT' && s + g > 0) {
    const nDet = input.roles.filter((r) => r.role !== 'SUCCESS').length;
    const alphaQ = input.srmThreshold ?? SRM_FAIL_P_VALUE;
    betaPerTest = (beta - nDet * alphaDeterioration - alphaQ) / divisor;
    if (!(betaPerTest > 0)) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `The STRICT power budget is exhausted: beta ${beta.toFixed(3)} minus ${nDet} deterioration test(s) at ${alphaDeterioration.toPrecision(3)} and the SRM test at ${alphaQ} leaves nothing for the powered tests; raise power, use fewer metrics or powerBudgetMode SIMPLE`,
        {
          reason: 'POWER_BUDGET_EXHAUSTED',
          details: {
            field: 'powerBudgetMode',
            value: 'STRICT',
            allowed: 'SIMPLE, or a configuration where beta > n_det·alpha_D + alpha_SRM',
          },
        },
      );
    }
  }
  return { alphaSuccess, alphaGuardrail: input.alpha, alphaDeterioration, betaPerTest };
}
