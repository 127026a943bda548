import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { type DesignAmendmentRow } from '../../db/queries/design-amendment-reads';
import type * as d from '../../domain/experiment';
import { scopesGrant } from '../../domain/api-scopes';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { handleAmendExperimentDesign } from '../../app/experiment/design-amendment-commands';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
import { AmendExperimentDesignInput } from '../inputs/amend-experiment-design.input';
import { DesignAmendment } from '../types/design-amendment.type';
import { Experiment } from '../types/experiment.type';

/** Whether the caller may see which API key amended: admin keys, in-process callers and the key itself. */
function showsKeyName(ctx: Context, row: DesignAmendmentRow): boolean {
  const p = ctx.principal;
  if (p.kind === 'INTERNAL') return true;
  return p.kind === 'API_KEY' && (scopesGrant(p.scopes, 'admin') || p.keyId === row.apiKeyId);
}

/** The pre-registration amendment (docs/pre-registration.md): the mutation and Experiment.designAmendments. */
@Resolver(() => Experiment)
export class DesignAmendmentResolver {
  @Mutation(() => Experiment, {
    description:
      'Amends the pre-registered statistical design of a started experiment (RUNNING, STOPPED or CONCLUDED) with a required reason. ' +
      'Recorded in Experiment.designAmendments and the audit log; the analysis then says designAmendedAfterLaunch and roll-ups count it in ' +
      'OrgStats.amendedAfterLaunch. A DRAFT is changed with updateExperiment (CONFLICT DESIGN_NOT_LOCKED).',
  })
  amendExperimentDesign(
    @Arg('input', () => AmendExperimentDesignInput, { description: 'The amendment.' })
    input: AmendExperimentDesignInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<d.Experiment> {
    return handleAmendExperimentDesign(commandContextOf(ctx), input, idempotencyKey);
  }

  @FieldResolver(() => [DesignAmendment], {
    description: 'Amendments of the pre-registered design after launch, oldest first (empty when never amended).',
  })
  async designAmendments(@Root() experiment: d.Experiment, @Ctx() ctx: Context): Promise<DesignAmendment[]> {
    const rows = await ctx.loaders.designAmendmentsByExperimentId.load(experiment.id);
    return rows.map((r) => ({
      id: r.id,
      amendedAt: r.amendedAt,
      status: r.status,
      reason: r.reason,
      changedFields: r.changedFields,
      before: r.before,
      after: r.after,
      principalKind: r.principalKind,
      apiKeyName: showsKeyName(ctx, r) ? r.apiKeyName : null,
      actor: r.actor,
    }));
  }
}
