import { Args, Resolver, Root, Subscription } from 'type-graphql';
import { badInput, notFound } from '../../domain/errors';
import { orgNodeOutside } from '../../domain/principal';
import type { StoredEvent } from '../../domain/webhooks';
import { findOrgNodeByKey } from '../../db/queries/org-node-reads';
import { ExperimentEventsArgs } from '../args/experiment-events.args';
import { type Context } from '../context';
import { withSubscriptionErrors } from '../subscription-errors';
import { WebhookEvent } from '../types/webhook.type';

/**
 * The events of the org subtree `orgNodeKey` (or of every experiment the caller may read), of
 * `types` (or every type), committed after the subscription started. A key limited to an org node
 * subscribes only inside its subtree (FORBIDDEN OUTSIDE_KEY_SUBTREE otherwise) and without
 * `orgNodeKey` receives its subtree's events only.
 */
async function subscribeToExperimentEvents(args: ExperimentEventsArgs, ctx: Context) {
  if (ctx.eventFeed === undefined)
    throw new Error('experimentEvents needs the event feed: subscriptions are served over the WebSocket only');
  if (args.types != null && args.types.length === 0)
    throw badInput('types', args.types, 'at least one event type, or no types argument for every type');
  let rootId = ctx.access.subtreeRootId;
  if (args.orgNodeKey != null) {
    const node = await findOrgNodeByKey(ctx.dataSource, args.orgNodeKey);
    if (node === null) throw notFound('org node', 'orgNodeKey', args.orgNodeKey);
    if (!(await ctx.access.isNodeInside(node.id))) throw orgNodeOutside(node.key, 'orgNodeKey');
    rootId = node.id;
  }
  const principal = ctx.principal;
  const subscriber = await ctx.eventFeed.subscribe({
    rootId,
    types: args.types ?? null,
    keyId: principal.kind === 'API_KEY' ? principal.keyId : null,
  });
  return withSubscriptionErrors(subscriber);
}

/** The live event feed as a GraphQL subscription (graphql-ws on /graphql; docs/events.md "Live subscriptions"). */
@Resolver()
export class ExperimentEventsResolver {
  @Subscription(() => WebhookEvent, {
    description:
      'Events as they commit (graphql-ws on /graphql): those committed after the subscription started, at most once, in commit order (docs/events.md).',
    subscribe: ({ args, context }) => subscribeToExperimentEvents(args as ExperimentEventsArgs, context as Context),
  })
  experimentEvents(@Root() event: StoredEvent, @Args() _args: ExperimentEventsArgs): StoredEvent {
    return event;
  }
}
