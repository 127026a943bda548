import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import { analyseExperiment } from '../../domain/analyse-experiment';
import type * as a from '../../domain/analysis-types';
import { validateAnalysisSettings } from '../../domain/analysis-settings';
import type * as d from '../../domain/experiment';
import { type ClassificationVersion, effectiveCategory, versionAt } from '../../domain/stored-classification';
import { learningFlags } from '../../domain/learning-category';
import { LearningCategory, Validity } from '../analysis-enums';
import { AnalysisArgs } from '../args/analysis.args';
import { asOfOf } from '../as-of';
import { type Context } from '../context';
import { whenLoaded } from '../loaders/primed-data-loader';
import { type StoredClassificationRow } from '../../db/queries/classification-reads';
import { Classification, ExperimentAnalysis } from '../types/analysis.type';
import { Experiment } from '../types/experiment.type';
import { STALE_STOPPED_DAYS } from '../../domain/ruleset';

/**
 * The computed (analysis, on read) and stored (classification) EwL fields of Experiment (docs/ewl-rules.md §2.10,
 * §14).
 */
@Resolver(() => Experiment)
export class ExperimentAnalysisFieldsResolver {
  @FieldResolver(() => ExperimentAnalysis, {
    description:
      'Full analysis computed from the stored sufficient statistics; the arguments give a what-if analysis that is never stored.',
  })
  async analysis(
    @Root() experiment: d.Experiment,
    @Args() args: AnalysisArgs,
    @Ctx() ctx: Context,
  ): Promise<a.ExperimentAnalysis & { designAmendedAfterLaunch: boolean }> {
    const { asOf, ...overrides } = args;
    const settings = validateAnalysisSettings(
      Object.fromEntries(Object.entries(overrides).filter(([, v]) => v != null)),
    );
    const [input, amendments] = await Promise.all([
      ctx.loaders.analysisInputByExperimentId.load(experiment.id),
      ctx.loaders.designAmendmentsByExperimentId.load(experiment.id),
    ]);
    if (!input) throw new Error(`analysis input missing for experiment ${experiment.id}`);
    const at = asOf ?? ctx.now;
    return {
      ...analyseExperiment(input, { asOf: at, settings }),
      designAmendedAfterLaunch: amendments.some((x) => x.amendedAt.getTime() <= at.getTime()),
    };
  }

  @FieldResolver(() => Classification, {
    nullable: true,
    description:
      'The stored classification (kept in step with every write); null only before the first classification. On experiment(asOf): the version in force then.',
  })
  classification(
    @Root() experiment: d.Experiment,
    @Ctx() ctx: Context,
    @Arg('asOf', () => DateTimeScalar, {
      nullable: true,
      description: `Instant the ${STALE_STOPPED_DAYS}-day rule for STOPPED experiments is applied at (default: now, or the experiment's asOf).`,
    })
    asOf?: Date,
  ): Classification | null | Promise<Classification | null> {
    return whenLoaded(storedClassification(experiment, ctx), (row) => {
      if (!row) return null;
      const category = effectiveCategory(row, asOf ?? asOfOf(experiment) ?? ctx.now);
      return {
        validity: row.validity,
        category,
        provisionalCategory: row.provisionalCategory,
        subReason: category === 'PENDING' ? null : row.subReason,
        ...learningFlags(category),
        recommendation: row.recommendation,
        rulesetVersion: row.rulesetVersion,
        classifiedAt: row.classifiedAt,
      };
    });
  }

  @FieldResolver(() => LearningCategory, {
    nullable: true,
    description: "EwL category from the stored classification, at asOf (default now, or the experiment's asOf).",
  })
  ewlCategory(
    @Root() experiment: d.Experiment,
    @Ctx() ctx: Context,
    @Arg('asOf', () => DateTimeScalar, {
      nullable: true,
      description: `Instant the ${STALE_STOPPED_DAYS}-day rule for STOPPED experiments is applied at (default: now, or the experiment's asOf).`,
    })
    asOf?: Date,
  ): a.LearningCategory | null | Promise<a.LearningCategory | null> {
    return whenLoaded(storedClassification(experiment, ctx), (row) =>
      row ? effectiveCategory(row, asOf ?? asOfOf(experiment) ?? ctx.now) : null,
    );
  }

  @FieldResolver(() => Validity, {
    nullable: true,
    description: 'Validity from the stored classification (on experiment(asOf): as it was then).',
  })
  validity(@Root() experiment: d.Experiment, @Ctx() ctx: Context): a.Validity | null | Promise<a.Validity | null> {
    return whenLoaded(storedClassification(experiment, ctx), (row) => row?.validity ?? null);
  }
}

/** A stored classification as the fields read it: the current row, or a version with the time it took effect. */
type StoredRead = StoredClassificationRow | (ClassificationVersion & { readonly classifiedAt: Date });

/** The stored classification of an experiment: the current row, or on an "as of" read the version in force then. */
function storedClassification(experiment: d.Experiment, ctx: Context): StoredRead | null | Promise<StoredRead | null> {
  const asOf = asOfOf(experiment);
  if (asOf === null) return ctx.loaders.classificationByExperimentId.loadPrimed(experiment.id);
  return ctx.loaders.classificationVersionsByExperimentId.load(experiment.id).then((versions) => {
    const version = versionAt(versions, asOf);
    return version && { ...version, classifiedAt: version.changedAt };
  });
}
