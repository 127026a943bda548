import { DomainError } from '../../../src/domain/errors';
import type { MetricRole } from '../../../src/domain/experiment';
import { type TestLevelsInput, computeTestLevels } from '../../../src/domain/test-levels';

/** Roles from a compact spec: S success, G NIM guardrails, N guardrails without NIM, D deterioration-only. */
function roles({
  s = 0,
  g = 0,
  n = 0,
  d = 0,
}: {
  s?: number;
  g?: number;
  n?: number;
  d?: number;
}): TestLevelsInput['roles'] {
  const of = (count: number, role: MetricRole, hasNim: boolean) =>
    Array.from({ length: count }, () => ({ role, hasNim }));
  return [
    ...of(s, 'SUCCESS', false),
    ...of(g, 'GUARDRAIL', true),
    ...of(n, 'GUARDRAIL', false),
    ...of(d, 'DETERIORATION', false),
  ];
}

function levels(overrides: Partial<TestLevelsInput> & { mix?: Parameters<typeof roles>[0] }) {
  const { mix, ...rest } = overrides;
  return computeTestLevels({
    alpha: 0.05,
    power: 0.8,
    arms: 2,
    roles: roles(mix ?? { s: 1 }),
    powerBudgetMode: 'SIMPLE',
    deteriorationAlphaMode: 'PER_TEST',
    ...rest,
  });
}

describe('computeTestLevels', () => {
  // Expected values are the docs/ewl-rules.md §3.6/§3.7 formulas evaluated by hand; compared to 12 decimals.
  it.each([
    // name, input, α_S, α_G, α_D, β*
    ['SIMPLE, 1 success, 2 arms: nothing is adjusted', { mix: { s: 1 } }, 0.05, 0.05, 0.05, 0.2],
    ['SIMPLE, S = 2: α_S = α/2 (Bonferroni over the success family)', { mix: { s: 2 } }, 0.025, 0.05, 0.05, 0.2],
    ['SIMPLE, S = 1, G = 2: β* = β/(G + 1), α_G unadjusted', { mix: { s: 1, g: 2 } }, 0.05, 0.05, 0.05, 0.2 / 3],
    ['SIMPLE, guardrails without NIM do not count in G', { mix: { s: 1, g: 1, n: 3 } }, 0.05, 0.05, 0.05, 0.1],
    ['SIMPLE, S = 0, G = 2: no α_S and β* = β/G', { mix: { g: 2 } }, null, 0.05, 0.05, 0.1],
    ['SIMPLE, S = 0, G = 0: β* = β (no powered test)', { mix: { d: 2 } }, null, 0.05, 0.05, 0.2],
    ['3 arms, S = 2: α_S = α/(S(k−1)) and α_D = α/(k−1)', { arms: 3, mix: { s: 2 } }, 0.0125, 0.05, 0.025, 0.2],
    ['4 arms, S = 1: α_S = α_D = α/3', { arms: 4, mix: { s: 1 } }, 0.05 / 3, 0.05, 0.05 / 3, 0.2],
    [
      'BONFERRONI deterioration, 4 metrics: α_D = α/4',
      { deteriorationAlphaMode: 'BONFERRONI', mix: { s: 1, g: 1, n: 1, d: 1 } },
      0.05,
      0.05,
      0.0125,
      0.1,
    ],
    [
      'BONFERRONI deterioration, 3 arms, 4 metrics: α_D = α/(4(k−1))',
      { arms: 3, deteriorationAlphaMode: 'BONFERRONI', mix: { s: 2, d: 2 } },
      0.0125,
      0.05,
      0.00625,
      0.2,
    ],
    [
      'STRICT, S = 1, G = 1, D = 1: β* = (β − 2α_D − α_SRM)/(G + 1)',
      { powerBudgetMode: 'STRICT', mix: { s: 1, g: 1, d: 1 } },
      0.05,
      0.05,
      0.05,
      (0.2 - 0.1 - 0.001) / 2,
    ],
    [
      'STRICT, success-only: success deterioration tests are not charged',
      { powerBudgetMode: 'STRICT', mix: { s: 3 } },
      0.05 / 3,
      0.05,
      0.05,
      0.199,
    ],
    [
      'STRICT, a guardrail without NIM is charged as a deterioration test',
      { powerBudgetMode: 'STRICT', mix: { s: 1, n: 1 } },
      0.05,
      0.05,
      0.05,
      0.149,
    ],
    [
      'STRICT, S = 0, G = 2: divisor G',
      { powerBudgetMode: 'STRICT', mix: { g: 2 } },
      null,
      0.05,
      0.05,
      (0.2 - 0.1 - 0.001) / 2,
    ],
    [
      'STRICT with BONFERRONI α_D = α/3',
      { powerBudgetMode: 'STRICT', deteriorationAlphaMode: 'BONFERRONI', mix: { s: 1, g: 1, d: 1 } },
      0.05,
      0.05,
      0.05 / 3,
      (0.2 - 0.1 / 3 - 0.001) / 2,
    ],
    [
      'STRICT charges the what-if SRM threshold',
      { powerBudgetMode: 'STRICT', srmThreshold: 0.01, mix: { s: 1 } },
      0.05,
      0.05,
      0.05,
      0.19,
    ],
    [
      'STRICT with no powered test keeps β* = β and does not reject',
      { powerBudgetMode: 'STRICT', mix: { d: 10 } },
      null,
      0.05,
      0.05,
      0.2,
    ],
  ] as const)('%s', (_name, input, alphaS, alphaG, alphaD, beta) => {
    const result = levels(input as Partial<TestLevelsInput>);
    if (alphaS === null) expect(result.alphaSuccess).toBeNull();
    else expect(result.alphaSuccess).toBeCloseTo(alphaS, 12);
    expect(result.alphaGuardrail).toBeCloseTo(alphaG, 12);
    expect(result.alphaDeterioration).toBeCloseTo(alphaD, 12);
    expect(result.betaPerTest).toBeCloseTo(beta, 12);
  });

  it('rejects an exhausted STRICT budget with BAD_USER_INPUT / POWER_BUDGET_EXHAUSTED (β − 4α_D − α_SRM < 0)', () => {
    const run = () => levels({ powerBudgetMode: 'STRICT', mix: { s: 1, d: 4 } });
    expect(run).toThrow(DomainError);
    expect(run).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'POWER_BUDGET_EXHAUSTED' }) as Error);
  });

  it('accepts the same configuration in SIMPLE mode', () => {
    expect(levels({ mix: { s: 1, d: 4 } }).betaPerTest).toBeCloseTo(0.2, 12);
  });

  it.each([0.05, 0.04])(
    'rejects power %p ≤ α with BAD_USER_INPUT instead of a RangeError from the stats layer',
    (power) => {
      expect(() => levels({ power })).toThrow(
        expect.objectContaining({
          code: 'BAD_USER_INPUT',
          details: expect.objectContaining({ field: 'power' }),
        }) as Error,
      );
    },
  );
});
