import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type * as a from '../../domain/analysis-types';
import type * as d from '../../domain/experiment';
import { expectedDecisions, isDecisionConsistent } from '../../domain/learning-category';
import { type StoredClassificationRow } from '../../db/queries/classification-reads';
import { type Context } from '../context';
import { DecisionKind } from '../enums';
import { Decision } from '../types/record.type';

/**
 * The category a decision is judged against (docs/ewl-rules.md §6.6): the stored category; for EXCLUDED
 * experiments their data category; none while the experiment is still running (PENDING).
 */
function judgedCategory(
  row: StoredClassificationRow | null,
): { category: a.LearningCategory; subReason: a.CategorySubReason | null } | null {
  if (!row || row.category === 'PENDING') return null;
  if (row.category === 'EXCLUDED') return { category: row.provisionalCategory, subReason: row.subReason };
  return { category: row.category, subReason: row.subReason };
}

/** Analysis-derived fields of Decision (docs/ewl-rules.md §6.6). */
@Resolver(() => Decision)
export class DecisionAnalysisFieldsResolver {
  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "Whether the decision fits the experiment's category (e.g. SHIP on a REGRESSION is false); null while the experiment is running. Informational: it never changes the category.",
  })
  async consistentWithAnalysis(@Root() decision: d.Decision, @Ctx() ctx: Context): Promise<boolean | null> {
    const basis = judgedCategory(await ctx.loaders.classificationByExperimentId.load(decision.experimentId));
    return basis ? isDecisionConsistent(decision.kind, basis.category, basis.subReason) : null;
  }

  @FieldResolver(() => [DecisionKind], {
    description:
      "Decisions consistent with the experiment's category (docs/ewl-rules.md §6.6); empty while it is running.",
  })
  async expectedDecisions(@Root() decision: d.Decision, @Ctx() ctx: Context): Promise<d.DecisionKind[]> {
    const basis = judgedCategory(await ctx.loaders.classificationByExperimentId.load(decision.experimentId));
    return basis ? expectedDecisions(basis.category, basis.subReason) : [];
  }
}
