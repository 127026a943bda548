import { ArgsType, Field, InputType, Int, registerEnumType } from 'type-graphql';
import {
  EXPERIMENT_ORDER_FIELDS,
  type ExperimentOrderField as ExperimentOrderFieldValue,
  SORT_DIRECTIONS,
  type SortDirection as SortDirectionValue,
} from '../../db/queries/experiment-page-reads';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../page-args';
import { enumOf } from '../enums';
import { ExperimentFilterInput } from './experiment-filter.args';

export const ExperimentOrderField = enumOf(EXPERIMENT_ORDER_FIELDS);
export const SortDirection = enumOf(SORT_DIRECTIONS);

registerEnumType(ExperimentOrderField, {
  name: 'ExperimentOrderField',
  description: 'What experiments can be sorted by.',
});
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'ASC (smallest/oldest first) or DESC (largest/newest first).',
});

@InputType('ExperimentOrder', {
  description:
    'Sort order of an experiment list. Ties are broken by id (same direction); NULL dates come last in both directions.',
})
export class ExperimentOrderInput {
  @Field(() => ExperimentOrderField, { description: 'Sort key.' })
  field: ExperimentOrderFieldValue;

  @Field(() => SortDirection, { defaultValue: 'ASC', description: 'Direction.' })
  direction: SortDirectionValue;
}

/** Arguments of `experiments` and `OrgNode.experiments`. */
@ArgsType()
export class ExperimentsArgs {
  @Field(() => ExperimentFilterInput, { nullable: true, description: 'Which experiments to list (all when omitted).' })
  filter?: ExperimentFilterInput | null;

  @Field(() => ExperimentOrderInput, {
    nullable: true,
    description: 'Sort order; default CREATED_AT DESC (newest first).',
  })
  orderBy?: ExperimentOrderInput | null;

  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `Page size, from 1 to ${MAX_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return items after this cursor (pageInfo.endCursor of the previous page, with the same orderBy).',
  })
  after?: string | null;
}
