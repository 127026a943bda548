import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { handleRecordDecision } from '../../app/decision/decision-commands';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
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
    return handleRecordDecision(commandContextOf(ctx), input, idempotencyKey);
  }
}
