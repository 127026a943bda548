import { DateTimeScalar } from '../scalars/date-time.scalar';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { API_KEY_STATUSES } from '../../domain/api-key';
import { API_SCOPE_DESCRIPTIONS, API_SCOPES, type ApiScope as ApiScopeValue } from '../../domain/api-scopes';
import { enumOf } from '../enums';

/** GraphQL enum names (no colon allowed) for the scopes: WRITE_RESULTS is `write:results`. */
const scopeName = (scope: ApiScopeValue) => scope.replace(':', '_').toUpperCase();

export const ApiScope = Object.fromEntries(API_SCOPES.map((s) => [scopeName(s), s])) as Record<string, ApiScopeValue>;
export const ApiKeyStatus = enumOf(API_KEY_STATUSES);

registerEnumType(ApiScope, {
  name: 'ApiScope',
  description:
    'A right an API key can hold; the CLI spells them read, write:results, write:decisions, write:catalogue and admin.',
  valuesConfig: Object.fromEntries(
    API_SCOPES.map((s) => [scopeName(s), { description: `${s}: ${API_SCOPE_DESCRIPTIONS[s]}` }]),
  ),
});
registerEnumType(ApiKeyStatus, {
  name: 'ApiKeyStatus',
  description:
    'ACTIVE: accepted; EXPIRED: past its expiresAt; REVOKED: revoked (requests with it are UNAUTHENTICATED).',
});

/** What the API shows of a key: never its secret nor the secret's hash. */
export interface ApiKeyView {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly scopes: readonly ApiScopeValue[];
  readonly orgNodeId: string | null;
  readonly expiresAt: Date | null;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

@ObjectType({ description: 'An API key (admin only). The secret is shown once, by createApiKey, and never stored.' })
export class ApiKey {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field({ description: 'Who or what uses the key, e.g. "results-importer".' }) name: string;
  @Field({
    description: 'Public start of the token (ewl_ and 16 hex digits): how to recognise the key in logs and revoke it.',
  })
  prefix: string;
  @Field(() => [ApiScope], { description: 'Rights of the key (ADMIN implies all).' }) scopes: ApiScopeValue[];
  @Field(() => ID, {
    nullable: true,
    description: 'The org node whose subtree the key is limited to; null: the whole organisation.',
  })
  orgNodeId: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key stops working; null: never.' })
  expiresAt: Date | null;
  @Field(() => DateTimeScalar, { description: 'When the key was created.' }) createdAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the key was revoked; null: not revoked.' })
  revokedAt: Date | null;
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Last accepted request (to the minute); null: never used.',
  })
  lastUsedAt: Date | null;
}

@ObjectType({ description: 'A new API key with its token. Store the token now: it is shown only here, only once.' })
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { description: 'The key.' }) apiKey: ApiKeyView;
  @Field(() => String, {
    nullable: true,
    description:
      'The token to send as Authorization: Bearer <token>. Shown once: a replay of the same request (same idempotencyKey) returns the key with a null token.',
  })
  token: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Experiments that moved from one stored category to another in a reclassification.',
})
export class CategoryMove {
  @Field({ description: 'Category before ((none) for experiments never classified).' }) from: string;
  @Field({ description: 'Category after.' }) to: string;
  @Field(() => Int, { description: 'How many experiments made this move.' }) count: number;
}

@ObjectType({ simpleResolvers: true, description: 'Outcome of reclassifyExperiments.' })
export class ReclassifyExperimentsPayload {
  @Field(() => Int, { description: 'Experiments recomputed.' }) experiments: number;
  @Field(() => [CategoryMove], { description: 'Category moves, most frequent first; empty when nothing changed.' })
  moves: CategoryMove[];
}
