import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type * as d from '../../domain/experiment';
import { findLearningPage } from '../../db/queries/learning-reads';
import { parseLearningPageArgs } from '../page-args';
import { type Connection } from '../../db/queries/page-reads';
import { LearningsArgs } from '../args/learnings.args';
import { type Context } from '../context';
import { LearningConnection } from '../types/connection.type';
import { Learning } from '../types/record.type';

/** Root queries over learnings. */
@Resolver(() => Learning)
export class LearningResolver {
  @Query(() => LearningConnection, {
    description:
      'Learnings matching the filter, newest first, as a Relay connection. A key limited to an org node lists the learnings linked to at least one experiment owned in its subtree.',
  })
  learnings(@Args() args: LearningsArgs, @Ctx() ctx: Context): Promise<Connection<d.Learning>> {
    const query = parseLearningPageArgs(args);
    return findLearningPage(ctx.dataSource, { ...query, filter: ctx.access.restrictLearningFilter(query.filter) });
  }
}
