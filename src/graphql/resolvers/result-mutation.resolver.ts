import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { recordHealthChecks } from '../../app/result/health-check-writes';
import { recordResults } from '../../app/result/result-writes';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
import { experimentRef, runCommand } from '../../app/run-command';
import { EXPERIMENT_REF, showsExperimentRef } from '../../app/replay-visibility';
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
    return runCommand(
      commandContextOf(ctx),
      {
        operation: 'recordResults',
        args: { input },
        idempotencyKey,
        before: experimentRef({ id: input.experimentId, key: input.experimentKey }),
        shows: showsExperimentRef(EXPERIMENT_REF, { id: input.experimentId, key: input.experimentKey }),
      },
      (m) => recordResults(m, input, ctx.now, ctx.access.subtreeRootId),
    );
  }

  @Mutation(() => [HealthCheck], { description: 'Upserts reported health checks by (experiment, type, name).' })
  recordHealthChecks(
    @Arg('input', () => RecordHealthChecksInput, { description: 'The checks.' }) input: RecordHealthChecksInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<HealthCheck[]> {
    return runCommand(
      commandContextOf(ctx),
      {
        operation: 'recordHealthChecks',
        args: { input },
        idempotencyKey,
        before: experimentRef({ id: input.experimentId, key: input.experimentKey }),
        shows: showsExperimentRef(EXPERIMENT_REF, { id: input.experimentId, key: input.experimentKey }),
      },
      (m) => recordHealthChecks(m, input, ctx.now, ctx.access.subtreeRootId),
    );
  }
}
