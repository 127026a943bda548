import { type DataSource } from 'typeorm';
import { type Principal } from '../domain/principal';

/**
 * What every command of the application layer is given, whatever its entry point (a GraphQL
 * mutation, `npm run apikey`, `npm run import`, `npm run reclassify`): the database, the clock, and
 * who writes on whose behalf. The command opens its own transaction (see `runCommand`); the org
 * subtree the principal is limited to is enforced by its SubtreeGuard.
 */
export interface CommandContext {
  readonly dataSource: DataSource;
  /** The command's clock: every "now" of the write (status dates, defaults, the audit row) reads this. */
  readonly now: Date;
  /** On whose behalf the command runs (an API key, or an in-process caller such as a CLI). */
  readonly principal: Principal;
  /** The person the command names (the `X-Actor` header, a CLI's OS user), recorded in the audit log. */
  readonly actor: string | null;
}

/** A command context for `principal` at `now`. */
export function createCommandContext(
  dataSource: DataSource,
  principal: Principal,
  now: Date = new Date(),
  actor: string | null = null,
): CommandContext {
  return { dataSource, now, principal, actor };
}

/**
 * The context of a command-line write (`npm run apikey`, `npm run import`, `npm run reclassify`):
 * an INTERNAL principal named after the command, and the OS user who ran it as the actor, so the
 * audit log tells CLI writes from API writes.
 */
export function createCliCommandContext(
  dataSource: DataSource,
  command: string,
  now: Date = new Date(),
): CommandContext {
  return createCommandContext(dataSource, { kind: 'INTERNAL', name: command }, now, process.env.USER ?? null);
}

/**
 * The context of the server's own writes at start-up (the demo data of an empty database, the
 * reclassification of stale rows): an INTERNAL principal "server start-up", audited like a CLI.
 */
export function createStartupCommandContext(dataSource: DataSource, now: Date = new Date()): CommandContext {
  return createCommandContext(dataSource, { kind: 'INTERNAL', name: 'server start-up' }, now, process.env.USER ?? null);
}
