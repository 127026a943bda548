import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  apiKeyPrefix,
  apiKeyStatus,
  type ApiKeyStatus as ApiKeyStatusValue,
  type StoredApiKey,
} from '../../domain/api-key';
import type * as d from '../../domain/experiment';
import { findAllApiKeys } from '../../db/queries/api-key-reads';
import { createApiKey, revokeApiKey } from '../../app/api-key/api-key-writes';
import { IDEMPOTENCY_KEY_ARG } from '../args/idempotency.args';
import { commandContextOf } from '../command-context';
import { type Context } from '../context';
import { apiKeyRef, runCommand } from '../../app/run-command';
import { showsNothing } from '../../app/replay-visibility';
import { CreateApiKeyInput, RevokeApiKeyInput } from '../inputs/api-key.input';
import { ApiKey, ApiKeyStatus, type ApiKeyView, CreateApiKeyPayload } from '../types/api-key.type';
import { OrgNode } from '../types/org-node.type';

function toView(key: StoredApiKey): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    prefix: apiKeyPrefix(key.lookupId),
    scopes: key.scopes,
    orgNodeId: key.orgNodeId,
    expiresAt: key.expiresAt,
    createdAt: key.createdAt,
    revokedAt: key.revokedAt,
    lastUsedAt: key.lastUsedAt,
  };
}

/** API key administration (scope admin, keys without an org node only; see domain/api-scopes.ts). */
@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => [ApiKey], { description: 'Every API key, revoked and expired ones included, newest first (admin).' })
  async apiKeys(@Ctx() ctx: Context): Promise<ApiKeyView[]> {
    return (await findAllApiKeys(ctx.dataSource)).map(toView);
  }

  @Mutation(() => CreateApiKeyPayload, {
    description: 'Creates an API key and returns its token, once (admin). ADMIN cannot be combined with an org node.',
  })
  async createApiKey(
    @Arg('input', () => CreateApiKeyInput, { description: 'The key.' }) input: CreateApiKeyInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<CreateApiKeyPayload> {
    // The token is never stored: a replay returns the key with a null token.
    const created = await runCommand<{ key: Awaited<ReturnType<typeof createApiKey>>['key']; token: string | null }>(
      commandContextOf(ctx),
      {
        operation: 'createApiKey',
        args: { input },
        idempotencyKey,
        // Neither the token nor the secret's hash is kept for replays.
        replayable: (r) => ({ key: { ...r.key, secretSha256: undefined }, token: null }),
        after: (r) => ({ type: 'api_key', id: r.key.id, experimentId: null }),
        // Admin only, and an admin key is never limited to an org subtree.
        shows: showsNothing,
      },
      (m) => createApiKey(m, input, ctx.now),
    );
    return { apiKey: toView(created.key), token: created.token };
  }

  @Mutation(() => ApiKey, {
    description: 'Revokes an API key from now on (admin); revoking a revoked key returns it unchanged.',
  })
  async revokeApiKey(
    @Arg('input', () => RevokeApiKeyInput, { description: 'The key.' }) input: RevokeApiKeyInput,
    @Arg('idempotencyKey', () => String, IDEMPOTENCY_KEY_ARG) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<ApiKeyView> {
    const revoked = await runCommand<Awaited<ReturnType<typeof revokeApiKey>>>(
      commandContextOf(ctx),
      {
        operation: 'revokeApiKey',
        args: { input },
        idempotencyKey,
        before: apiKeyRef(input.idOrPrefix),
        after: (r) => ({ type: 'api_key', id: r.id, experimentId: null }),
        replayable: (r) => ({ ...r, secretSha256: undefined }),
        shows: showsNothing,
      },
      (m) => revokeApiKey(m, 'input.idOrPrefix', input.idOrPrefix, ctx.now),
    );
    return toView(revoked);
  }

  @FieldResolver(() => ApiKeyStatus, { description: 'ACTIVE, EXPIRED or REVOKED at the time of the request.' })
  status(@Root() key: ApiKeyView, @Ctx() ctx: Context): ApiKeyStatusValue {
    return apiKeyStatus(key, ctx.now);
  }

  @FieldResolver(() => OrgNode, {
    nullable: true,
    description: 'The org node whose subtree the key is limited to; null: the whole organisation.',
  })
  orgNode(@Root() key: ApiKeyView, @Ctx() ctx: Context): Promise<d.OrgNode | null> | null {
    return key.orgNodeId === null ? null : ctx.loaders.orgNodeById.load(key.orgNodeId);
  }
}
