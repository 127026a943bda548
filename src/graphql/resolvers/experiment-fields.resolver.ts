import { type GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, ID, Info, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { asOfOf, decisionsAsOf } from '../as-of';
import { type Context } from '../context';
import { experimentMetricRows, variantRows } from '../../db/rows/tables';
import { whenLoaded } from '../loaders/primed-data-loader';
import { narrowOr } from '../record-shapes';
import { Experiment, Hypothesis, Variant } from '../types/experiment.type';
import { ExperimentMetric } from '../types/metric.type';
import { OrgNode } from '../types/org-node.type';
import { Decision, HealthCheck, Learning } from '../types/record.type';

/** Relations of Experiment, all through per-request DataLoaders (a page of N experiments costs a constant number of statements). */
@Resolver(() => Experiment)
export class ExperimentFieldsResolver {
  // Non-null: owner_node_id is a NOT NULL foreign key with ON DELETE RESTRICT.
  @FieldResolver(() => OrgNode, { description: 'The owning org node.' })
  owner(@Root() experiment: d.Experiment, @Ctx() ctx: Context): Promise<d.OrgNode | null> {
    return ctx.loaders.orgNodeById.load(experiment.ownerNodeId);
  }

  @FieldResolver(() => [Hypothesis], { description: 'Hypotheses, oldest first.' })
  hypotheses(@Root() experiment: d.Experiment, @Ctx() ctx: Context): Promise<d.Hypothesis[]> {
    return ctx.loaders.hypothesesByExperimentId.load(experiment.id);
  }

  @FieldResolver(() => [Variant], { description: 'Variants (arms), by position.' })
  variants(
    @Root() experiment: d.Experiment,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): d.Variant[] | Promise<d.Variant[]> {
    return narrowOr(ctx, info, 'variants', experiment.id, variantRows.properties, () =>
      ctx.loaders.variantsByExperimentId.loadPrimed(experiment.id),
    );
  }

  @FieldResolver(() => [ExperimentMetric], {
    description: 'Metrics used by the experiment with their roles, by position.',
  })
  metrics(
    @Root() experiment: d.Experiment,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): d.ExperimentMetric[] | Promise<d.ExperimentMetric[]> {
    return narrowOr(ctx, info, 'experimentMetrics', experiment.id, experimentMetricRows.properties, () =>
      ctx.loaders.experimentMetricsByExperimentId.loadPrimed(experiment.id),
    );
  }

  @FieldResolver(() => [HealthCheck], {
    description: 'Health checks reported by other systems (source REPORTED), by type and name.',
  })
  healthChecks(@Root() experiment: d.Experiment, @Ctx() ctx: Context): Promise<d.HealthCheck[]> {
    return ctx.loaders.healthChecksByExperimentId.load(experiment.id);
  }

  @FieldResolver(() => Decision, {
    nullable: true,
    description:
      'The current (latest) decision; null when none was recorded. On experiment(asOf): the current one at that instant.',
  })
  decision(@Root() experiment: d.Experiment, @Ctx() ctx: Context): d.Decision | null | Promise<d.Decision | null> {
    const asOf = asOfOf(experiment);
    return whenLoaded(ctx.loaders.decisionsByExperimentId.loadPrimed(experiment.id), (decisions) =>
      asOf === null
        ? (decisions.find((decision) => decision.isCurrent) ?? null)
        : (decisionsAsOf(decisions, asOf)[0] ?? null),
    );
  }

  @FieldResolver(() => [Decision], {
    description:
      'All decisions, newest first (by decidedAt, then recording order). On experiment(asOf): those recorded by then.',
  })
  decisions(@Root() experiment: d.Experiment, @Ctx() ctx: Context): d.Decision[] | Promise<d.Decision[]> {
    const asOf = asOfOf(experiment);
    return whenLoaded(ctx.loaders.decisionsByExperimentId.loadPrimed(experiment.id), (decisions) =>
      decisionsAsOf(decisions, asOf),
    );
  }

  @FieldResolver(() => [Learning], { description: 'Learnings linked to this experiment, oldest first.' })
  learnings(@Root() experiment: d.Experiment, @Ctx() ctx: Context): d.Learning[] | Promise<d.Learning[]> {
    return ctx.loaders.learningsByExperimentId.loadPrimed(experiment.id);
  }

  @FieldResolver(() => ID, {
    nullable: true,
    description:
      'Id of the run this experiment restarts (replaces); null when it is an original run, ' +
      'or when that run lies outside the org subtree the API key is limited to.',
  })
  restartOfId(@Root() experiment: d.Experiment, @Ctx() ctx: Context): Promise<string | null> | string | null {
    if (experiment.restartOfId === null || ctx.access.subtreeRootId === null) return experiment.restartOfId;
    return ctx.access
      .visibleOrNull(ctx.loaders.experimentById.load(experiment.restartOfId))
      .then((run) => run?.id ?? null);
  }

  @FieldResolver(() => Experiment, {
    nullable: true,
    description:
      'The run this experiment restarts (replaces); null when it is an original run, or when that run lies outside the org subtree the API key is limited to.',
  })
  restartOf(@Root() experiment: d.Experiment, @Ctx() ctx: Context): Promise<d.Experiment | null> | null {
    return experiment.restartOfId
      ? ctx.access.visibleOrNull(ctx.loaders.experimentById.load(experiment.restartOfId))
      : null;
  }

  @FieldResolver(() => [Experiment], {
    description:
      'Runs that restart (replace) this one, oldest first (for a key limited to an org node: those in its subtree).',
  })
  restarts(@Root() experiment: d.Experiment, @Ctx() ctx: Context): Promise<d.Experiment[]> {
    return ctx.access.visibleList(ctx.loaders.experimentsByRestartOfId.load(experiment.id));
  }
}
