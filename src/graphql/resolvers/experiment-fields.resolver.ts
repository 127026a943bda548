import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { type Context } from '../context';
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
  variants(@Root() experiment: d.Experiment, @Ctx() ctx: Context): Promise<d.Variant[]> {
    return ctx.loaders.variantsByExperimentId.load(experiment.id);
  }

  @FieldResolver(() => [ExperimentMetric], { description: 'Metrics used by the experiment with their roles, by position.' })
  metrics(@Root() experiment: d.Experiment, @Ctx() ctx: Context): Promise<d.ExperimentMetric[]> {
    return ctx.loaders.experimentMetricsByExperimentId.load(experiment.id);
  }

  @FieldResolver(() => [HealthCheck], { description: 'Health checks reported by other systems (source REPORTED), by type and name.' })
  healthChecks(@Root() experiment: d.Experiment, @Ctx() ctx: Context): Promise<d.HealthCheck[]> {
    return ctx.loaders.healthChecksByExperimentId.load(experiment.id);
  }

  @FieldResolver(() => Decision, { nullable: true, description: 'The current (latest) decision; null when none was recorded.' })
  async decision(@Root() experiment: d.Experiment, @Ctx() ctx: Context): Promise<d.Decision | null> {
    const decisions = await ctx.loaders.decisionsByExperimentId.load(experiment.id);
    return decisions.find((decision) => decision.isCurrent) ?? null;
  }

  @FieldResolver(() => [Decision], { description: 'All decisions, newest first (by decidedAt, then recording order).' })
  decisions(@Root() experiment: d.Experiment, @Ctx() ctx: Context): Promise<d.Decision[]> {
    return ctx.loaders.decisionsByExperimentId.load(experiment.id);
  }

  @FieldResolver(() => [Learning], { description: 'Learnings linked to this experiment, oldest first.' })
  learnings(@Root() experiment: d.Experiment, @Ctx() ctx: Context): Promise<d.Learning[]> {
    return ctx.loaders.learningsByExperimentId.load(experiment.id);
  }

  @FieldResolver(() => Experiment, { nullable: true, description: 'The run this experiment restarts (replaces); null when it is an original run.' })
  restartOf(@Root() experiment: d.Experiment, @Ctx() ctx: Context): Promise<d.Experiment | null> | null {
    return experiment.restartOfId ? ctx.loaders.experimentById.load(experiment.restartOfId) : null;
  }

  @FieldResolver(() => [Experiment], { description: 'Runs that restart (replace) this one, oldest first.' })
  restarts(@Root() experiment: d.Experiment, @Ctx() ctx: Context): Promise<d.Experiment[]> {
    return ctx.loaders.experimentsByRestartOfId.load(experiment.id);
  }
}
