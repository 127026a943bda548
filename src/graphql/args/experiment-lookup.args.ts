import { DateTimeScalar } from '../scalars/date-time.scalar';
import { ArgsType, Field } from 'type-graphql';
import { IdOrKeyArgs } from './id-or-key.args';

/** Arguments of the `experiment` query: id or key, and optionally a past instant to read it at. */
@ArgsType()
export class ExperimentLookupArgs extends IdOrKeyArgs {
  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'Read the experiment as it stood at this past instant: its decisions (those recorded by then), stored classification, category, validity and ' +
      'classification history are those in force then; null when it did not exist yet. Other fields are current. Not after now.',
  })
  asOf?: Date | null;
}
