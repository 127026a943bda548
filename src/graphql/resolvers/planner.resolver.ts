import { Arg, Query, Resolver } from 'type-graphql';
import { planSampleSize } from '../../domain/sample-size-plan';
import { PlanSampleSizeInput } from '../inputs/plan-sample-size.input';
import { SampleSizePlan } from '../types/sample-size-plan.type';

@Resolver()
export class PlannerResolver {
  @Query(() => SampleSizePlan, {
    description:
      'Plans the sample size of a new experiment from baselines, MDEs/NIMs and settings (docs/ewl-rules.md §3.8).',
  })
  planSampleSize(
    @Arg('input', () => PlanSampleSizeInput, { description: 'The planned experiment.' }) input: PlanSampleSizeInput,
  ): SampleSizePlan {
    return planSampleSize({
      alpha: input.alpha,
      power: input.power,
      powerBudgetMode: input.powerBudgetMode,
      weights: input.weights ?? undefined,
      dailyTraffic: input.dailyTraffic,
      metrics: input.metrics.map((m) => ({
        key: m.key,
        type: m.type,
        role: m.role,
        preferredDirection: m.preferredDirection ?? 'INCREASE',
        baseline: m.baseline,
        variance: m.variance ?? null,
        mde: m.mde ?? null,
        mdeScale: m.mde != null ? (m.mdeScale ?? 'RELATIVE') : null,
        nim: m.nim ?? null,
        nimScale: m.nim != null ? (m.nimScale ?? 'RELATIVE') : null,
      })),
    }) as unknown as SampleSizePlan;
  }
}
