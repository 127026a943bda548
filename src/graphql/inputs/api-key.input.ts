import { ArrayMaxSize, MaxLength } from 'class-validator';
import { describeTextLength, TEXT_LIMITS } from '../../domain/rules/field-limits';
import { TextLength } from '../text-length';
import { DateTimeScalar } from '../scalars/date-time.scalar';
import { Field, ID, InputType } from 'type-graphql';
import type { ApiScope as ApiScopeValue } from '../../domain/api-scopes';
import { ApiScope } from '../types/api-key.type';

@InputType({
  description: "A new API key. Give orgNodeId or orgNodeKey to limit it to that node's subtree (not with ADMIN).",
})
export class CreateApiKeyInput {
  @Field({ description: `Who or what uses the key (${describeTextLength(TEXT_LIMITS.apiKey.name)}, trimmed).` })
  @TextLength(TEXT_LIMITS.apiKey.name)
  name: string;
  @Field(() => [ApiScope], { description: 'Rights of the key; at least one. ADMIN implies all.' })
  @ArrayMaxSize(20)
  scopes: ApiScopeValue[];
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key stops working (after now); null: never.' })
  expiresAt?: Date | null;
  @Field(() => ID, { nullable: true, description: 'Limit the key to the subtree of this org node.' }) orgNodeId?:
    string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Limit the key to the subtree of the org node with this key (instead of orgNodeId).',
  })
  orgNodeKey?: string | null;
}

@InputType({ description: 'The API key to revoke.' })
export class RevokeApiKeyInput {
  @Field({ description: "The key's id or its prefix (ewl_ and 16 hex digits, as apiKeys lists it)." })
  @MaxLength(100)
  idOrPrefix: string;
}
