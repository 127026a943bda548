import { ArgsType, Field, Int } from 'type-graphql';
import { type StatsScope as StatsScopeValue } from '../../domain/org-rollup';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../page-args';
import { StatsFilterInput, StatsScope, StatsWindowArgs } from './stats.args';

/** Arguments of `OrgNode.decisionDebt`: the window, scope and filter of `stats`, and a page. */
@ArgsType()
export class DecisionDebtArgs extends StatsWindowArgs {
  @Field(() => StatsScope, {
    defaultValue: 'SUBTREE',
    description: "OWN (the node's own experiments) or SUBTREE (the node and every descendant).",
  })
  scope: StatsScopeValue;

  @Field(() => StatsFilterInput, { nullable: true, description: 'Restricts the experiments by their attributes.' })
  filter?: StatsFilterInput | null;

  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, from 1 to ${MAX_PAGE_SIZE}.` })
  first: number;

  @Field(() => String, {
    nullable: true,
    description: 'Return items after this cursor (pageInfo.endCursor of the previous page).',
  })
  after?: string | null;
}
