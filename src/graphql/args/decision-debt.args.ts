import { ArgsType, Field, Int } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../page-args';
import { NodeSetArgs } from './stats.args';

/** Arguments of `OrgNode.decisionDebt`: the window, scope and filter of `stats`, and a page. */
@ArgsType()
export class DecisionDebtArgs extends NodeSetArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, from 1 to ${MAX_PAGE_SIZE}.` })
  first: number;

  @Field(() => String, {
    nullable: true,
    description: 'Return items after this cursor (pageInfo.endCursor of the previous page).',
  })
  after?: string | null;
}
