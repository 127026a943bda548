import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { decisionJudgementBasis, expectedDecisions, isDecisionConsistent } from '../../domain/learning-category';
import { type Context } from '../context';
import { DecisionKind } from '../enums';
import { Decision } from '../types/record.type';

/** Analysis-derived fields of Decision (docs/ewl-rules.md §6.6). */
@Resolver(() => Decision)
export class DecisionAnalysisFieldsResolver {
  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "Whether the decision fits the experiment's category (e.g. SHIP on a REGRESSION is false); null while the experiment is running. Informational: it never changes the category.",
  })
  async consistentWithAnalysis(@Root() decision: d.Decision, @Ctx() ctx: Context): Promise<boolean | null> {
    const basis = decisionJudgementBasis(await ctx.loaders.classificationByExperimentId.load(decision.experimentId));
    return basis ? isDecisionConsistent(decision.kind, basis.category, basis.subReason) : null;
  }

  @FieldResolver(() => [DecisionKind], {
    description:
      "Decisions consistent with the experiment's category (docs/ewl-rules.md §6.6); empty while it is running.",
  })
  async expectedDecisions(@Root() decision: d.Decision, @Ctx() ctx: Context): Promise<d.DecisionKind[]> {
    const basis = decisionJudgementBasis(await ctx.loaders.classificationByExperimentId.load(decision.experimentId));
    return basis ? expectedDecisions(basis.category, basis.subReason) : [];
  }
}
