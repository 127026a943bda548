import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { recordDecision } from '../../app/decision/decision-writes';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
import { experimentRef, runCommand } from '../../app/run-command';
import { EXPERIMENT_REF, showsExperimentRef } from '../../app/replay-visibility';
import { RecordDecisionInput } from '../inputs/record-decision.input';
import { Decision } from '../types/record.type';

/** Decision writes (append-only). */
@Resolver()
export class DecisionMutationResolver {
  @Mutation(() => Decision, {
    description:
      'Appends a decision and makes the latest one (by decidedAt, then recording order) current. Decisions are never edited.',
  })
  recordDecision(
    @Arg('input', () => RecordDecisionInput, { description: 'The decision.' }) input: RecordDecisionInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Decision> {
    return runCommand(
      commandContextOf(ctx),
      {
        operation: 'recordDecision',
        args: { input },
        idempotencyKey,
        before: experimentRef({ id: input.experimentId, key: input.experimentKey }),
        shows: showsExperimentRef(EXPERIMENT_REF, { id: input.experimentId, key: input.experimentKey }),
      },
      (m) => recordDecision(m, input, ctx.now, ctx.access.subtreeRootId),
    );
  }
}
