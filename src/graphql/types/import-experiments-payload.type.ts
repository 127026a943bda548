import { Extensions, Field, Int, ObjectType } from 'type-graphql';
import { type ImportOutcome as ImportOutcomeValue, MAX_IMPORT_ITEMS } from '../../domain/import/import-item';
import { ImportOutcome } from '../import-enums';
import { listCost } from '../operation-cost';

@ObjectType({
  simpleResolvers: true,
  description: 'Why an import item was refused, like the extensions of a GraphQL error.',
})
export class ImportItemError {
  @Field({ description: 'BAD_USER_INPUT, NOT_FOUND or CONFLICT.' }) code: string;
  @Field(() => String, { nullable: true, description: 'Machine-readable cause, e.g. INCONSISTENT_STATISTICS.' })
  reason: string | null;
  @Field(() => String, { nullable: true, description: 'Path of the offending field, e.g. items[3].results[0].sum.' })
  field: string | null;
  @Field({ description: 'What is wrong, naming the field, the value and what is allowed.' }) message: string;
}

@ObjectType({ simpleResolvers: true, description: 'What happened to one import item.' })
export class ImportItemResult {
  @Field(() => Int, { description: 'Position of the item in input.items.' }) index: number;
  @Field(() => String, { nullable: true, description: "The item's source (null when unreadable)." }) source:
    string | null;
  @Field(() => String, { nullable: true, description: "The item's externalId (null when unreadable)." }) externalId:
    string | null;
  @Field(() => ImportOutcome, { description: 'CREATED, UPDATED, UNCHANGED or FAILED.' }) outcome: ImportOutcomeValue;
  @Field(() => [ImportItemError], { description: 'Why the item FAILED; empty otherwise.' }) errors: ImportItemError[];
  /** Read by the `experiment` field resolver. */
  experimentId: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The outcome of importExperiments, one result per item in input order.',
})
export class ImportExperimentsPayload {
  @Extensions({ complexity: listCost(MAX_IMPORT_ITEMS) })
  @Field(() => [ImportItemResult], { description: 'One result per item, in input order.' })
  items: ImportItemResult[];
  @Field(() => Int, { description: 'Items that created an experiment.' }) created: number;
  @Field(() => Int, { description: 'Items that changed a stored experiment.' }) updated: number;
  @Field(() => Int, { description: 'Items that matched the stored experiment (nothing written).' }) unchanged: number;
  @Field(() => Int, { description: 'Items refused (nothing of them written).' }) failed: number;
}
