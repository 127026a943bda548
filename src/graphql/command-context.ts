import { type CommandContext, createCommandContext } from '../app/command-context';
import { type Context } from './context';

/** The application layer's context of a GraphQL request: its database, clock, principal and actor. */
export function commandContextOf(ctx: Context): CommandContext {
  return createCommandContext(ctx.dataSource, ctx.principal, ctx.now, ctx.actor);
}
