import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { recordDecision } from '../../db/queries/decision-writes';
import { type Context } from '../context';
import { RecordDecisionInput } from '../inputs/record-decision.input';
import { Decision } from '../types/record.type';

/** Decision writes (append-only). */
@Resolver()
export class DecisionMutationResolver {
  @Mutation(() => Decision, { description: 'Appends a decision and makes the latest one (by decidedAt, then recording order) current. Decisions are never edited.' })
  recordDecision(@Arg('input', () => RecordDecisionInput, { description: 'The decision.' }) input: RecordDecisionInput, @Ctx() ctx: Context): Promise<Decision> {
    return ctx.dataSource.transaction((m) => recordDecision(m, input, ctx.now));
  }
}
