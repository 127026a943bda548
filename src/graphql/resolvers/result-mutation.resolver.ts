import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { handleRecordHealthChecks, handleRecordResults } from '../../app/result/result-commands';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
import { RecordHealthChecksInput } from '../inputs/record-health-checks.input';
import { RecordResultsInput } from '../inputs/record-results.input';
import { RecordResultsPayload } from '../types/record-results-payload.type';
import { HealthCheck } from '../types/record.type';

/** Writes of measured data: results (sufficient statistics, external results, unit counts) and reported health checks. */
@Resolver()
export class ResultMutationResolver {
  @Mutation(() => RecordResultsPayload, {
    description:
      'Records unit counts and results of one experiment in one transaction (upserts). Every item is validated first; errors name the item, its metric and its variant.',
  })
  recordResults(
    @Arg('input', () => RecordResultsInput, { description: 'The data.' }) input: RecordResultsInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<RecordResultsPayload> {
    return handleRecordResults(commandContextOf(ctx), input, idempotencyKey);
  }

  @Mutation(() => [HealthCheck], { description: 'Upserts reported health checks by (experiment, type, name).' })
  recordHealthChecks(
    @Arg('input', () => RecordHealthChecksInput, { description: 'The checks.' }) input: RecordHealthChecksInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<HealthCheck[]> {
    return handleRecordHealthChecks(commandContextOf(ctx), input, idempotencyKey);
  }
}
