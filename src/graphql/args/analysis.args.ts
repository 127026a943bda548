import { DateTimeScalar } from '../scalars/date-time.scalar';
import { ArgsType, Field, Float } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { DeteriorationAlphaMode, PowerBudgetMode } from '../enums';

@ArgsType()
export class AnalysisArgs {
  @Field(() => Float, {
    nullable: true,
    description: "What-if: one-sided alpha in (0, 0.5) instead of the experiment's.",
  })
  alpha?: number;
  @Field(() => Float, { nullable: true, description: "What-if: target power in (0, 1) instead of the experiment's." })
  power?: number;
  @Field(() => Float, { nullable: true, description: 'What-if: SRM p-value threshold in (0, 0.5) instead of 0.001.' })
  srmThreshold?: number;
  @Field(() => PowerBudgetMode, { nullable: true, description: 'What-if: power budget mode.' })
  powerBudgetMode?: d.PowerBudgetMode;
  @Field(() => DeteriorationAlphaMode, { nullable: true, description: 'What-if: deterioration alpha mode.' })
  deteriorationAlphaMode?: d.DeteriorationAlphaMode;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Instant the lifecycle rules are applied at (default: now).',
  })
  asOf?: Date;
}
