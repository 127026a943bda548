import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../domain/idempotency';

/** Options of the `idempotencyKey` argument every mutation takes (docs/decisions/0009-safe-writes.md). */
export const IDEMPOTENCY_KEY_ARG = {
  nullable: true,
  description:
    `Makes retries safe: a client-chosen key (1-${MAX_IDEMPOTENCY_KEY_LENGTH} printable characters, e.g. a UUID), scoped to the calling API key and kept at least 24 hours. ` +
    'The same key with the same input returns the first response without writing again (a duplicate sent while the first runs waits for it); ' +
    'the same key with another input is CONFLICT IDEMPOTENCY_KEY_REUSED. A failed write does not use up its key.',
} as const;
