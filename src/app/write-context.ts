import { type EntityManager } from 'typeorm';
import { type Principal } from '../domain/principal';
import { type CommandContext } from './command-context';
import { type SubtreeGuard } from './subtree-guard';

/**
 * What every write function is given, inside its command's transaction: the transaction's entity
 * manager, the command's clock, who writes on whose behalf, and the guard of the org subtree the
 * principal is limited to (`SubtreeGuard`: every subtree rule of a write goes through it).
 * `runCommand` builds it; so does the NDJSON import for each of its batches.
 */
export interface WriteContext {
  /** The command's transaction. */
  readonly m: EntityManager;
  /** The write's clock: status dates, defaults and `updatedAt` read this. */
  readonly now: Date;
  readonly principal: Principal;
  /** The person the command names (the `X-Actor` header, a CLI's OS user). */
  readonly actor: string | null;
  readonly subtree: SubtreeGuard;
}

/** The write context of `ctx`'s command in the transaction `m` (at `now`, by default the command's clock). */
export function createWriteContext(
  m: EntityManager,
  ctx: Pick<CommandContext, 'now' | 'principal' | 'actor'>,
  subtree: SubtreeGuard,
  now: Date = ctx.now,
): WriteContext {
  return { m, now, principal: ctx.principal, actor: ctx.actor, subtree };
}
