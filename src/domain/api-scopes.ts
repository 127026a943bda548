/**
 * Who may call what (README "Access"; docs/decisions/0008-scope-registry.md): the scopes an API key can hold and
 * the ONE registry that maps every root Query field, Mutation and Subscription to the scope it needs and to how a key limited to
 * an org node's subtree is restricted. The GraphQL layer wraps every root field with a guard driven by this
 * table and refuses to build a schema with a root field missing from it, and a unit test compares
 * the table with the built schema in both directions, so a new field cannot slip through unguarded.
 */

/** Every scope, in the order the README lists them. */
export const API_SCOPES = ['read', 'write:results', 'write:decisions', 'write:catalogue', 'webhooks', 'admin'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** What each scope allows, in words (README, CLI help and GraphQL enum descriptions). */
export const API_SCOPE_DESCRIPTIONS: Readonly<Record<ApiScope, string>> = {
  read: 'Every query (experiments, org tree and statistics, metrics, learnings, the planner) and the live event subscription experimentEvents.',
  'write:results': 'recordResults (results and unit counts) and recordHealthChecks.',
  'write:decisions': 'recordDecision, addLearning / updateLearning and addHypothesis / updateHypothesis.',
  'write:catalogue': 'Org nodes, experiments (create, update, transition, amendExperimentDesign) and metrics.',
  webhooks:
    "Webhook subscriptions (webhookSubscriptions, createWebhookSubscription, deleteWebhookSubscription, redeliverWebhookDelivery) of the key's org subtree: they deliver the events of experiments the key can read.",
  admin:
    'API keys (apiKeys, createApiKey, revokeApiKey) and reclassifyExperiments; implies every other scope. Never on a key limited to an org node.',
};

/**
 * How a key limited to an org node (its "subtree") is restricted on a root field. Keys without an
 * org node, anonymous readers and in-process callers see the whole organisation.
 * - `NO_STORED_DATA`: computes from its arguments only (planSampleSize); nothing to restrict.
 * - `ORG_TREE`: the organisation tree (keys, names, parents) is visible to every reader, so that a
 *   key can place its subtree; statistics of nodes outside the subtree are FORBIDDEN and their
 *   experiment lists hold only experiments inside the subtree.
 * - `CATALOGUE`: the metric catalogue is org-wide reference data, readable by every reader.
 * - `HIDDEN_OUTSIDE`: a single lookup answers null for an experiment outside, exactly as for a missing one.
 * - `FILTERED`: lists and pooled statistics hold only what lies inside the subtree (learnings: those
 *   linked to at least one experiment inside; their experiment and hypothesis lists are filtered too;
 *   the live events: those of experiments owned inside, and a subscription to a node outside is
 *   FORBIDDEN OUTSIDE_KEY_SUBTREE, as the statistics of one).
 * - `EXPERIMENT_INSIDE`: the experiment written (or the one its hypothesis / learning belongs to)
 *   must be inside; outside it is NOT_FOUND with the message a missing one gets. A learning that is
 *   also linked to experiments outside cannot be edited by the key (FORBIDDEN OUTSIDE_KEY_SUBTREE).
 * - `NODE_INSIDE`: the org nodes written or used as parent / owner must be inside; nodes are
 *   visible, so one outside is FORBIDDEN (OUTSIDE_KEY_SUBTREE), not NOT_FOUND; so is a new root.
 * - `WEBHOOK_INSIDE`: a webhook subscription (or the one a delivery belongs to) must be bound to an
 *   org node inside; one outside, or one of the whole organisation, is NOT_FOUND as a missing one
 *   (subscriptions are no shared reference data). A new subscription must name a node inside
 *   (FORBIDDEN OUTSIDE_KEY_SUBTREE otherwise, as for NODE_INSIDE), so a key never receives events
 *   of experiments it cannot read.
 * - `WHOLE_ORG`: org-wide writes (the metric catalogue, keys, reclassification): a key limited to an
 *   org node is FORBIDDEN (OUTSIDE_KEY_SUBTREE).
 */
export type SubtreeRule =
  | 'NO_STORED_DATA'
  | 'ORG_TREE'
  | 'CATALOGUE'
  | 'HIDDEN_OUTSIDE'
  | 'FILTERED'
  | 'EXPERIMENT_INSIDE'
  | 'NODE_INSIDE'
  | 'WEBHOOK_INSIDE'
  | 'WHOLE_ORG';

export interface RootFieldAccess {
  readonly scope: ApiScope;
  readonly subtree: SubtreeRule;
}

export type RootOperation = 'Query' | 'Mutation' | 'Subscription';

const access = (scope: ApiScope, subtree: SubtreeRule): RootFieldAccess => ({ scope, subtree });

/** The registry: every root field of the schema, and nothing else (checked against the built schema). */
export const ROOT_FIELD_ACCESS: Readonly<Record<RootOperation, Readonly<Record<string, RootFieldAccess>>>> = {
  Query: {
    experiment: access('read', 'HIDDEN_OUTSIDE'),
    experiments: access('read', 'FILTERED'),
    learnings: access('read', 'FILTERED'),
    metric: access('read', 'CATALOGUE'),
    metrics: access('read', 'CATALOGUE'),
    orgNode: access('read', 'ORG_TREE'),
    orgNodes: access('read', 'ORG_TREE'),
    planSampleSize: access('read', 'NO_STORED_DATA'),
    portfolioStats: access('read', 'FILTERED'),
    metricInsight: access('read', 'FILTERED'),
    apiKeys: access('admin', 'WHOLE_ORG'),
    auditLog: access('admin', 'WHOLE_ORG'),
    webhookSubscriptions: access('webhooks', 'FILTERED'),
    webhookDeliveries: access('webhooks', 'FILTERED'),
  },
  Mutation: {
    recordResults: access('write:results', 'EXPERIMENT_INSIDE'),
    recordHealthChecks: access('write:results', 'EXPERIMENT_INSIDE'),
    recordDecision: access('write:decisions', 'EXPERIMENT_INSIDE'),
    addLearning: access('write:decisions', 'EXPERIMENT_INSIDE'),
    updateLearning: access('write:decisions', 'EXPERIMENT_INSIDE'),
    addHypothesis: access('write:decisions', 'EXPERIMENT_INSIDE'),
    updateHypothesis: access('write:decisions', 'EXPERIMENT_INSIDE'),
    createOrgNode: access('write:catalogue', 'NODE_INSIDE'),
    updateOrgNode: access('write:catalogue', 'NODE_INSIDE'),
    moveOrgNode: access('write:catalogue', 'NODE_INSIDE'),
    createExperiment: access('write:catalogue', 'NODE_INSIDE'),
    updateExperiment: access('write:catalogue', 'EXPERIMENT_INSIDE'),
    transitionExperiment: access('write:catalogue', 'EXPERIMENT_INSIDE'),
    amendExperimentDesign: access('write:catalogue', 'EXPERIMENT_INSIDE'),
    createMetric: access('write:catalogue', 'WHOLE_ORG'),
    updateMetric: access('write:catalogue', 'WHOLE_ORG'),
    importExperiments: access('write:catalogue', 'NODE_INSIDE'),
    createApiKey: access('admin', 'WHOLE_ORG'),
    revokeApiKey: access('admin', 'WHOLE_ORG'),
    reclassifyExperiments: access('admin', 'WHOLE_ORG'),
    createWebhookSubscription: access('webhooks', 'WEBHOOK_INSIDE'),
    deleteWebhookSubscription: access('webhooks', 'WEBHOOK_INSIDE'),
    redeliverWebhookDelivery: access('webhooks', 'WEBHOOK_INSIDE'),
  },
  Subscription: {
    experimentEvents: access('read', 'FILTERED'),
  },
};

/**
 * Commands of the application layer that are no GraphQL field: run only in process (a CLI, the
 * server's start-up) by an INTERNAL principal. They are kept apart from ROOT_FIELD_ACCESS, which
 * must equal the schema's root fields; a command's subtree guard reads either table (see
 * src/app/subtree-guard.ts), and a unit test checks that no name is in both.
 * - `seedDemoData`: `npm run seed` and the demo data of an empty database replace the whole catalogue.
 */
export const COMMAND_ONLY_ACCESS: Readonly<Record<string, RootFieldAccess>> = {
  seedDemoData: access('admin', 'WHOLE_ORG'),
};

/** The rule of an application-layer command: its Mutation's, or its COMMAND_ONLY_ACCESS entry; undefined when neither. */
export function findCommandAccess(operation: string): RootFieldAccess | undefined {
  return (
    findRootFieldAccess('Mutation', operation) ??
    (Object.prototype.hasOwnProperty.call(COMMAND_ONLY_ACCESS, operation) ? COMMAND_ONLY_ACCESS[operation] : undefined)
  );
}

/** The registry entry of a root field, or undefined when the field is not registered. */
export function findRootFieldAccess(operation: RootOperation, field: string): RootFieldAccess | undefined {
  return Object.prototype.hasOwnProperty.call(ROOT_FIELD_ACCESS[operation], field)
    ? ROOT_FIELD_ACCESS[operation][field]
    : undefined;
}

/** True when `value` is one of API_SCOPES. */
export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/**
 * Whether a set of scopes grants `needed`: holding it, or holding `admin` (which implies all).
 * @example scopesGrant(['admin'], 'write:results') // true
 */
export function scopesGrant(held: readonly ApiScope[], needed: ApiScope): boolean {
  return held.includes(needed) || held.includes('admin');
}
