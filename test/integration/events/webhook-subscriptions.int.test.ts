import { createKey } from '../fixtures/auth-fixtures';
import { type CreatedSubscription, queuedDeliveries } from '../fixtures/event-fixtures';
import { buildExperiment, buildMetrics, buildOrgTree, transition } from '../fixtures/write-fixtures';
import { expectError, type GraphQLResult, operation, useTestApp } from '../helpers';

// Webhook subscriptions through GraphQL (docs/events.md): the secret shown once, input checks,
// the subtree a key is limited to, and the deliveries queued with each event.

const t = useTestApp();
const CREATE = operation('mutation-create-webhook-subscription');
const LIST = operation('query-webhook-subscriptions');
const DELETE = operation('mutation-delete-webhook-subscription');

const hook = (overrides: Record<string, unknown> = {}) => ({
  url: 'https://hooks.example.com/ewl',
  eventTypes: ['EXPERIMENT_STATUS_CHANGED', 'DECISION_RECORDED'],
  ...overrides,
});

async function create(input: Record<string, unknown>, token?: string, idempotencyKey?: string) {
  const result = (
    token === undefined
      ? await t.exec(CREATE, { input, idempotencyKey })
      : await t.post(CREATE, { input, idempotencyKey }, token)
  ) as GraphQLResult<{
    createWebhookSubscription: CreatedSubscription;
  }>;
  return result;
}

async function created(input: Record<string, unknown>, token?: string): Promise<CreatedSubscription> {
  const result = await create(input, token);
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data!.createWebhookSubscription;
}

beforeEach(async () => {
  await t.truncateAll();
  await buildOrgTree(t);
  await buildMetrics(t);
});

describe('createWebhookSubscription', () => {
  it('returns the secret once: a replay answers null, and neither the list nor the audit log holds it', async () => {
    const first = await create(hook({ orgNodeKey: 'search' }), undefined, 'hook-1');
    const { secret, subscription } = first.data!.createWebhookSubscription;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(subscription).toMatchObject({
      url: 'https://hooks.example.com/ewl',
      eventTypes: ['EXPERIMENT_STATUS_CHANGED', 'DECISION_RECORDED'],
      orgNode: { key: 'search' },
      decisionOverdueDays: null,
      enabled: true,
      consecutiveFailures: 0,
      version: 1,
    });
    const replay = await create(hook({ orgNodeKey: 'search' }), undefined, 'hook-1');
    expect(replay.data!.createWebhookSubscription).toEqual({ secret: null, subscription });
    const listed = await t.exec(LIST);
    expect(JSON.stringify(listed)).not.toContain(secret!);
    const audit = await t.dataSource.query(
      `SELECT before, after FROM audit_log WHERE entity_type = 'webhook_subscription'`,
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(secret!);
    const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM webhook_subscription');
    expect(count).toBe(1);
  });

  it.each([
    ['an ftp URL', { url: 'ftp://hooks.example.com/' }, 'input.url'],
    ['a URL with credentials', { url: 'https://me:pw@hooks.example.com/' }, 'input.url'],
    ['no event type', { eventTypes: [] }, 'input.eventTypes'],
    ['decision_overdue without its days', { eventTypes: ['EXPERIMENT_DECISION_OVERDUE'] }, 'input.decisionOverdueDays'],
    ['days without decision_overdue', { decisionOverdueDays: 14 }, 'input.decisionOverdueDays'],
  ])('refuses %s as BAD_USER_INPUT naming the field and what is allowed', async (_name, change, field) => {
    const { result, statements } = await t.execCounting(CREATE, { input: hook(change) });
    const error = expectError(result, 'BAD_USER_INPUT', 'INVALID_VALUE');
    expect(error.extensions).toMatchObject({ field, allowed: expect.any(String) });
    expect(statements).toBe(0);
  });

  it('refuses an org node that does not exist (NOT_FOUND)', async () => {
    expectError(await create(hook({ orgNodeKey: 'nope' })), 'NOT_FOUND');
  });
});

describe('webhook subscriptions of a key limited to an org subtree', () => {
  let limited: string;
  let limitedId: string;
  beforeEach(async () => {
    ({ token: limited, id: limitedId } = await createKey(t, { scopes: ['webhooks'], orgNodeKey: 'search' }));
  });

  it('creates one inside its subtree, recorded as created by the key', async () => {
    const { subscription } = await created(hook({ orgNodeKey: 'ranking' }), limited);
    expect(subscription.orgNode).toEqual({ key: 'ranking' });
    expect(subscription).toMatchObject({ enabled: true, createdByApiKeyId: limitedId });
  });

  it.each([
    ['an org node beside it', { orgNodeKey: 'growth' }],
    ['an org node above it', { orgNodeKey: 'acme' }],
    ['the whole organisation', {}],
  ])('cannot subscribe to %s (FORBIDDEN OUTSIDE_KEY_SUBTREE)', async (_name, where) => {
    expectError(await create(hook(where), limited), 'FORBIDDEN', 'OUTSIDE_KEY_SUBTREE');
    const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM webhook_subscription');
    expect(count).toBe(0);
  });

  it('lists and deletes only the subscriptions of its subtree', async () => {
    const outside = await created(hook({ orgNodeKey: 'growth' }));
    await created(hook());
    const inside = await created(hook({ orgNodeKey: 'search' }), limited);
    const listed = await t.post<{ webhookSubscriptions: Array<{ id: string }> }>(LIST, {}, limited);
    expect(listed.data!.webhookSubscriptions.map((s) => s.id)).toEqual([inside.subscription.id]);
    expectError(await t.post(DELETE, { input: { id: outside.subscription.id } }, limited), 'NOT_FOUND', 'UNKNOWN_ID');
    const deleted = await t.post(DELETE, { input: { id: inside.subscription.id } }, limited);
    expect(deleted.errors).toBeUndefined();
    const all = await t.exec<{ webhookSubscriptions: Array<{ id: string }> }>(LIST);
    expect(all.data!.webhookSubscriptions).toHaveLength(2);
  });

  it('needs the webhooks scope', async () => {
    const reader = (await createKey(t, { scopes: ['read', 'write:catalogue'], orgNodeKey: 'search' })).token;
    expectError(await create(hook({ orgNodeKey: 'search' }), reader), 'FORBIDDEN', 'MISSING_SCOPE');
  });
});

describe('deleteWebhookSubscription', () => {
  it('refuses a stale expectedVersion and deletes with the current one', async () => {
    const { subscription } = await created(hook());
    expectError(
      await t.exec(DELETE, { input: { id: subscription.id, expectedVersion: 7 } }),
      'CONFLICT',
      'VERSION_MISMATCH',
    );
    const deleted = await t.exec(DELETE, { input: { id: subscription.id, expectedVersion: 1 } });
    expect(deleted.data).toEqual({
      deleteWebhookSubscription: { id: subscription.id, url: subscription.url, version: 1 },
    });
    expectError(await t.exec(DELETE, { input: { id: subscription.id } }), 'NOT_FOUND');
  });
});

describe('the deliveries queued with each event', () => {
  it('go to the subscriptions whose subtree holds the owner and that take the type', async () => {
    const search = await created(hook({ orgNodeKey: 'search' }));
    const growth = await created(hook({ orgNodeKey: 'growth' }));
    const everything = await created(hook({ eventTypes: ['EXPERIMENT_CATEGORY_CHANGED'] }));
    const disabled = await created(hook());
    await t.dataSource.query(`UPDATE webhook_subscription SET enabled = false, disabled_at = now() WHERE id = $1`, [
      disabled.subscription.id,
    ]);
    const ranking = await buildExperiment(t, { key: 'in-ranking', ownerNodeKey: 'ranking' });
    await buildExperiment(t, { key: 'in-onboarding', ownerNodeKey: 'onboarding' });
    await transition(t, ranking.id, 'RUNNING', '2025-01-01T00:00:00.000Z');

    expect(await queuedDeliveries(t.dataSource, search.subscription.id)).toEqual([
      'in-ranking experiment.status_changed',
      'in-ranking experiment.status_changed',
    ]);
    expect(await queuedDeliveries(t.dataSource, growth.subscription.id)).toEqual([
      'in-onboarding experiment.status_changed',
    ]);
    expect(await queuedDeliveries(t.dataSource, everything.subscription.id)).toEqual([
      'in-ranking experiment.category_changed',
      'in-onboarding experiment.category_changed',
    ]);
    expect(await queuedDeliveries(t.dataSource, disabled.subscription.id)).toEqual([]);
  });
});
