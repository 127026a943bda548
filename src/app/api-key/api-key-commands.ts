import { type StoredApiKey } from '../../domain/api-key';
import { type CommandContext } from '../command-context';
import { showsNothing } from '../replay-visibility';
import { apiKeyRef, runCommand } from '../run-command';
import { createApiKey, type CreateApiKeyCommand, revokeApiKey } from './api-key-writes';

/** A created key with its token (null in a replay: the token is never stored). */
export interface CreatedApiKey {
  readonly key: StoredApiKey;
  readonly token: string | null;
}

/**
 * createApiKey: one audited transaction (the createApiKey mutation and `npm run apikey -- create`).
 * Neither the token nor the secret's hash is kept for replays. Admin only, and an admin key is never
 * limited to an org subtree, so a replay has nothing to re-check.
 */
export function handleCreateApiKey(
  ctx: CommandContext,
  input: CreateApiKeyCommand,
  idempotencyKey?: string | null,
): Promise<CreatedApiKey> {
  return runCommand<CreatedApiKey>(
    ctx,
    {
      operation: 'createApiKey',
      args: { input },
      idempotencyKey,
      replayable: (r) => ({ key: { ...r.key, secretSha256: undefined }, token: null }),
      after: (r) => ({ type: 'api_key', id: r.key.id, experimentId: null }),
      shows: showsNothing,
    },
    (w) => createApiKey(w, input),
  );
}

/** revokeApiKey by id or prefix (`input.idOrPrefix`): one audited transaction (the mutation and `npm run apikey -- revoke`). */
export function handleRevokeApiKey(
  ctx: CommandContext,
  input: { readonly idOrPrefix: string },
  idempotencyKey?: string | null,
): Promise<StoredApiKey> {
  return runCommand<StoredApiKey>(
    ctx,
    {
      operation: 'revokeApiKey',
      args: { input },
      idempotencyKey,
      before: apiKeyRef(input.idOrPrefix),
      after: (r) => ({ type: 'api_key', id: r.id, experimentId: null }),
      replayable: (r) => ({ ...r, secretSha256: undefined }),
      shows: showsNothing,
    },
    (w) => revokeApiKey(w, input),
  );
}
