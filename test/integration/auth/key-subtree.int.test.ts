import { ROOT_FIELD_ACCESS } from '../../../src/domain/api-scopes';
import { type GraphQLResult, operation, snapshotDatabase, useTestApp } from '../helpers';
import { createKey, refusal } from '../fixtures/auth-fixtures';
import { connectClient, eventually, subscribe } from '../fixtures/ws-client';
import { buildExperiment, buildMetrics, buildOrgTree, mutate, transition } from '../fixtures/write-fixtures';

/**
 * A key limited to org node `search` (tree: acme > (search > ranking, growth > onboarding)), with
 * every scope a limited key may hold, checked on every root field and mutation (issue #5 §1):
 * experiments outside look exactly like missing ones, statistics above or beside are FORBIDDEN,
 * lists and relations are filtered, the tree and the metric catalogue stay visible.
 */
const t = useTestApp({ allowAnonymousReads: false });
const SCOPES = ['read', 'write:results', 'write:decisions', 'write:catalogue', 'webhooks'];
const MISSING = '00000000-0000-4000-8000-000000000000';
let limited = '';
let unlimited = '';
const ids: Record<string, string> = {};

/** Every registry entry this file checks; a test below requires it to equal the registry. */
const covered = new Set<string>();
const checks = (...names: string[]) => names.forEach((name) => covered.add(name));

beforeAll(async () => {
  await t.truncateAll();
  await buildOrgTree(t);
  await buildMetrics(t);
  const experiment = async (key: string, overrides: Record<string, unknown>) =>
    (ids[key] = (await buildExperiment(t, { key, ...overrides })).id);
  await experiment('exp-in', { ownerNodeKey: 'ranking' });
  await experiment('exp-in2', { ownerNodeKey: 'search', hypothesis: null });
  await experiment('exp-out', { ownerNodeKey: 'onboarding' });
  await experiment('exp-in-restart', { ownerNodeKey: 'ranking', restartOfId: ids['exp-out'] });
  await experiment('exp-out-restart', { ownerNodeKey: 'growth', restartOfId: ids['exp-in'], hypothesis: null });
  await transition(t, ids['exp-in']!, 'RUNNING', '2025-01-01T00:00:00.000Z');
  await transition(t, ids['exp-out']!, 'RUNNING', '2025-01-01T00:00:00.000Z');
  const hypothesis = async (key: string) =>
    (
      (await t.dataSource.query('SELECT id FROM hypothesis WHERE experiment_id = $1', [ids[key]])) as { id: string }[]
    )[0]!.id;
  ids['hyp-in'] = await hypothesis('exp-in');
  ids['hyp-out'] = await hypothesis('exp-out');
  ids['hyp-in-draft'] = await hypothesis('exp-in-restart');
  const learning = async (key: string, experimentIds: string[], hypothesisIds: string[]) =>
    (ids[key] = (
      await mutate(t, 'mutation-add-learning', {
        summary: key,
        kind: 'WHAT_WORKS',
        author: 'ann',
        experimentIds,
        hypothesisIds,
      })
    ).id);
  await learning('l-in', [ids['exp-in']!], []);
  await learning('l-mixed', [ids['exp-in']!, ids['exp-out']!], [ids['hyp-in']!, ids['hyp-out']!]);
  await learning('l-out', [ids['exp-out']!], []);
  limited = (await createKey(t, { scopes: SCOPES, orgNodeKey: 'search', name: 'search team' })).token;
  unlimited = (await createKey(t, { scopes: SCOPES, name: 'everyone' })).token;
});

const read = <T = Record<string, unknown>>(query: string, token = limited, variables?: Record<string, unknown>) =>
  t.post<T>(query, variables, token);
const keysOf = (list: Array<{ key: string }>) => list.map((e) => e.key).sort();

describe('reads', () => {
  it('Query.experiment: an experiment outside answers null, exactly like a missing one (by id and by key)', async () => {
    checks('Query.experiment');
    const q = (args: string) => read(`{ experiment(${args}) { key } }`);
    expect((await q(`key: "exp-in"`)).data).toEqual({ experiment: { key: 'exp-in' } });
    for (const [outside, missing] of [
      [`key: "exp-out"`, `key: "no-such-key"`],
      [`id: "${ids['exp-out']}"`, `id: "${MISSING}"`],
    ] as const) {
      const [a, b] = [await q(outside), await q(missing)];
      expect(a).toEqual(b);
      expect(a.data).toEqual({ experiment: null });
    }
    expect((await read(`{ experiment(key: "exp-out") { key } }`, unlimited)).data).toEqual({
      experiment: { key: 'exp-out' },
    });
  });

  it('Query.experiments: lists and counts only experiments owned in the subtree, whatever the filter', async () => {
    checks('Query.experiments');
    const list = async (filter: string, token = limited) =>
      (
        await read<{ experiments: { totalCount: number; edges: Array<{ node: { key: string } }> } }>(
          `{ experiments(first: 50${filter}) { totalCount edges { node { key } } } }`,
          token,
        )
      ).data!.experiments;
    const all = await list('');
    expect(keysOf(all.edges.map((e) => e.node))).toEqual(['exp-in', 'exp-in-restart', 'exp-in2']);
    expect(all.totalCount).toBe(3);
    expect((await list(', filter: { ownerNodeKey: "growth" }')).totalCount).toBe(0);
    expect((await list(', filter: { ownerNodeKey: "acme" }')).totalCount).toBe(3);
    expect((await list('', unlimited)).totalCount).toBe(5);
  });

  it('Query.learnings: lists learnings linked to an experiment inside; their experiments and hypotheses are filtered', async () => {
    checks('Query.learnings');
    type Learnings = {
      learnings: {
        totalCount: number;
        edges: Array<{
          node: { summary: string; experiments: Array<{ key: string }>; hypotheses: Array<{ id: string }> };
        }>;
      };
    };
    const q = (filter = '', token = limited) =>
      read<Learnings>(
        `{ learnings(first: 50${filter}) { totalCount edges { node { summary experiments { key } hypotheses { id } } } } }`,
        token,
      );
    const nodes = (await q()).data!.learnings.edges.map((e) => e.node);
    expect(nodes.map((n) => n.summary).sort()).toEqual(['l-in', 'l-mixed']);
    const mixed = nodes.find((n) => n.summary === 'l-mixed')!;
    expect(mixed.experiments).toEqual([{ key: 'exp-in' }]);
    expect(mixed.hypotheses).toEqual([{ id: ids['hyp-in'] }]);
    expect((await q(`, filter: { experimentId: "${ids['exp-out']}" }`)).data!.learnings.totalCount).toBe(0);
    expect((await q(`, filter: { experimentId: "${ids['exp-out']}" }`, unlimited)).data!.learnings.totalCount).toBe(2);
    const full = (await q('', unlimited)).data!.learnings.edges.find((e) => e.node.summary === 'l-mixed')!.node;
    expect(keysOf(full.experiments)).toEqual(['exp-in', 'exp-out']);
  });

  it('Query.metric and Query.metrics: the org-wide catalogue is visible in full', async () => {
    checks('Query.metric', 'Query.metrics');
    const q = '{ metrics { key } metric(key: "latency") { key } }';
    expect((await read(q)).data).toEqual((await read(q, unlimited)).data);
    expect((await read<{ metrics: unknown[] }>(q)).data!.metrics).toHaveLength(4);
  });

  it("Query.orgNode and Query.orgNodes: the tree is visible; experiment lists of nodes outside hold only the subtree's", async () => {
    checks('Query.orgNode', 'Query.orgNodes');
    const nodes = (await read<{ orgNodes: Array<{ key: string }> }>('{ orgNodes { key } }')).data!.orgNodes;
    expect(keysOf(nodes)).toEqual(['acme', 'growth', 'onboarding', 'ranking', 'search']);
    const count = async (key: string) =>
      (
        await read<{ orgNode: { experiments: { totalCount: number } } }>(
          `{ orgNode(key: "${key}") { parent { key } ancestors { key } experiments { totalCount } } }`,
        )
      ).data!.orgNode.experiments.totalCount;
    expect([await count('acme'), await count('search'), await count('growth')]).toEqual([3, 3, 0]);
  });

  it("OrgNode.stats, statsSeries and ranking: FORBIDDEN above or beside the key's node, the same numbers inside", async () => {
    for (const field of [
      'stats { concluded pending }',
      'statsSeries(bucket: YEAR) { periodStart }',
      'ranking(by: LEARNING_RATE, minConcluded: 1) { rank }',
    ]) {
      for (const key of ['acme', 'growth', 'onboarding']) {
        const result = await read(`{ orgNode(key: "${key}") { key ${field} } }`);
        expect(refusal(result)).toEqual({ code: 'FORBIDDEN', reason: 'OUTSIDE_KEY_SUBTREE' });
        expect(result.errors![0]!.message).toContain(key);
      }
      for (const key of ['search', 'ranking']) {
        const q = `{ orgNode(key: "${key}") { key ${field} } }`;
        expect(await read(q)).toEqual(await read(q, unlimited));
      }
    }
  });

  it('OrgNode.children { stats }: FORBIDDEN for the children outside only', async () => {
    const result = await read('{ orgNode(key: "acme") { children { key stats { pending } } } }');
    expect(result.errors?.map((e) => [e.path?.join('.'), e.extensions?.reason])).toEqual([
      ['orgNode.children.0.stats', 'OUTSIDE_KEY_SUBTREE'],
    ]);
    const inside = await read('{ orgNode(key: "search") { children { key stats { pending } } } }');
    expect(inside).toEqual(await read('{ orgNode(key: "search") { children { key stats { pending } } } }', unlimited));
  });

  it('Query.planSampleSize: reads nothing stored and answers as for any key', async () => {
    checks('Query.planSampleSize');
    const q =
      '{ planSampleSize(input: { metrics: [{ key: "conv", type: BINARY, role: SUCCESS, baseline: 0.1, mde: 0.05 }], dailyTraffic: 1000 }) { totalUnits days } }';
    expect(await read(q)).toEqual(await read(q, unlimited));
  });

  it("Query.portfolioStats: pools only the subtree's experiments (as the owner filter would)", async () => {
    checks('Query.portfolioStats');
    const q = (filter: string, token = limited) =>
      read<{ portfolioStats: Record<string, number> }>(
        `{ portfolioStats${filter} { concluded pending excluded restarts } }`,
        token,
      );
    const mine = (await q('')).data!.portfolioStats;
    expect(mine).toEqual((await q('(filter: { ownerNodeKey: "search" })', unlimited)).data!.portfolioStats);
    expect(mine).not.toEqual((await q('', unlimited)).data!.portfolioStats);
    expect((await q('(filter: { ownerNodeKey: "growth" })')).data!.portfolioStats).toMatchObject({
      concluded: 0,
      pending: 0,
      excluded: 0,
    });
  });

  it('Query.metricInsight and OrgNode.metricInsight: pool only the subtree; a node outside is FORBIDDEN', async () => {
    checks('Query.metricInsight');
    const q = (query: string, token = limited) => read<Record<string, unknown>>(query, token);
    const view = '{ experiments arms byRole { role arms } }';
    const mine = (await q(`{ metricInsight(metricKey: "conv") ${view} }`)).data;
    expect(mine).toEqual(
      (await q(`{ metricInsight(metricKey: "conv", filter: { ownerNodeKey: "search" }) ${view} }`, unlimited)).data,
    );
    const outside = await q(`{ orgNode(key: "onboarding") { metricInsight(metricKey: "conv") ${view} } }`);
    expect(refusal(outside)).toEqual({ code: 'FORBIDDEN', reason: 'OUTSIDE_KEY_SUBTREE' });
    const inside = `{ orgNode(key: "search") { metricInsight(metricKey: "conv") ${view} } }`;
    expect(await q(inside)).toEqual(await q(inside, unlimited));
  });

  it('Experiment.restartOf and restarts: runs outside the subtree are left out', async () => {
    const q =
      '{ a: experiment(key: "exp-in-restart") { restartOf { key } } b: experiment(key: "exp-in") { restarts { key } } }';
    expect((await read(q)).data).toEqual({ a: { restartOf: null }, b: { restarts: [] } });
    expect((await read(q, unlimited)).data).toEqual({
      a: { restartOf: { key: 'exp-out' } },
      b: { restarts: [{ key: 'exp-out-restart' }] },
    });
  });

  it('Query.apiKeys and the other admin fields: a limited key can never hold admin', async () => {
    checks(
      'Query.apiKeys',
      'Query.auditLog',
      'Mutation.createApiKey',
      'Mutation.revokeApiKey',
      'Mutation.reclassifyExperiments',
    );
    for (const q of [
      '{ apiKeys { id } }',
      '{ auditLog { edges { cursor } } }',
      'mutation { reclassifyExperiments { experiments } }',
      'mutation { revokeApiKey(input: { idOrPrefix: "ewl_0000000000000000" }) { id } }',
    ]) {
      expect(refusal(await read(q))).toEqual({ code: 'FORBIDDEN', reason: 'MISSING_SCOPE' });
    }
    const created = await t.exec(
      `mutation { createApiKey(input: { name: "x", scopes: [ADMIN], orgNodeKey: "search" }) { token } }`,
    );
    expect(refusal(created)).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE' });
    await expect(
      t.dataSource.query(
        `INSERT INTO api_key (name, lookup_id, secret_sha256, scopes, org_node_id, created_at) VALUES ('x', '0123456789abcdef', repeat('a', 64), '{admin}', $1, now())`,
        [ids['exp-in'] && (await t.dataSource.query(`SELECT id FROM org_node WHERE key = 'search'`))[0].id],
      ),
    ).rejects.toThrow(/api_key_admin_whole_org_check/);
  });
});

/** The errors of a result with `ref` replaced, so that answers about two references can be compared. */
const normalised = (result: GraphQLResult<unknown>, ref: string) =>
  JSON.parse(
    JSON.stringify(result.errors ?? [])
      .split(ref)
      .join('<REF>'),
  );

/**
 * Mutations on an experiment (or its hypothesis / learning) outside the subtree: the same errors as
 * for a missing reference (message, code, reason, field), nothing written; inside, accepted.
 */
const OUTSIDE_LIKE_MISSING: Array<
  [string, string, (ref: string) => Record<string, unknown>, () => [string, string], () => string]
> = [
  [
    'Mutation.recordResults',
    'mutation-record-results',
    (ref) => ({ experimentKey: ref, units: [] }),
    () => ['exp-out', 'no-such-key'],
    () => 'exp-in',
  ],
  [
    'Mutation.recordHealthChecks',
    'mutation-record-health-checks',
    (ref) => ({ experimentId: ref, checks: [] }),
    () => [ids['exp-out']!, MISSING],
    () => ids['exp-in']!,
  ],
  [
    'Mutation.recordDecision',
    'mutation-record-decision',
    (ref) => ({ experimentKey: ref, kind: 'ITERATE', decidedBy: 'ann' }),
    () => ['exp-out', 'no-such-key'],
    () => 'exp-in',
  ],
  [
    'Mutation.addHypothesis',
    'mutation-add-hypothesis',
    (ref) => ({ experimentId: ref, statement: 'More is better' }),
    () => [ids['exp-out']!, MISSING],
    () => ids['exp-in2']!,
  ],
  [
    'Mutation.updateHypothesis',
    'mutation-update-hypothesis',
    (ref) => ({ id: ref, statement: 'Edited' }),
    () => [ids['hyp-out']!, MISSING],
    () => ids['hyp-in-draft']!,
  ],
  [
    'Mutation.addLearning',
    'mutation-add-learning',
    (ref) => ({ summary: 's', kind: 'METHOD', author: 'a', experimentKeys: ['exp-in', ref] }),
    () => ['exp-out', 'no-such-key'],
    () => 'exp-in2',
  ],
  [
    'Mutation.updateLearning',
    'mutation-update-learning',
    (ref) => ({ id: ref, summary: 'Edited' }),
    () => [ids['l-out']!, MISSING],
    () => ids['l-in']!,
  ],
  [
    'Mutation.updateExperiment',
    'mutation-update-experiment',
    (ref) => ({ id: ref, title: 'Renamed' }),
    () => [ids['exp-out']!, MISSING],
    () => ids['exp-in']!,
  ],
  [
    'Mutation.amendExperimentDesign',
    'mutation-amend-experiment-design',
    (ref) => ({ experimentId: ref, reason: 'Planned power raised', power: 0.91 }),
    () => [ids['exp-out']!, MISSING],
    () => ids['exp-in']!,
  ],
  [
    'Mutation.transitionExperiment',
    'mutation-transition-experiment',
    (ref) => ({ id: ref, to: 'STOPPED', at: '2025-02-01T00:00:00.000Z' }),
    () => [ids['exp-out']!, MISSING],
    () => ids['exp-in']!,
  ],
];

describe('writes to experiments outside the subtree', () => {
  it.each(OUTSIDE_LIKE_MISSING)(
    '%s: refused exactly as for a missing reference, nothing written; accepted inside',
    async (name, op, input, refs, inside) => {
      checks(name);
      const [outside, missing] = refs();
      const before = await snapshotDatabase(t.dataSource);
      const refused = await t.post(operation(op), { input: input(outside) }, limited);
      expect(refusal(refused)).toEqual({ code: 'NOT_FOUND', reason: 'UNKNOWN_ID' });
      expect(normalised(refused, outside)).toEqual(
        normalised(await t.post(operation(op), { input: input(missing) }, limited), missing),
      );
      expect(await snapshotDatabase(t.dataSource)).toEqual(before);
      // A key without a limit finds the experiment (its answer may be another refusal, e.g. HYPOTHESIS_LOCKED on a RUNNING one).
      expect(refusal(await t.post(operation(op), { input: input(outside) }, unlimited))?.code).not.toBe('NOT_FOUND');
      expect((await t.post(operation(op), { input: input(inside()) }, limited)).errors).toBeUndefined();
    },
  );

  it('createExperiment: a restart of a run outside is refused as if that run did not exist', async () => {
    const input = (restartOfId: string) => ({
      key: 'exp-new-restart',
      title: 'Again',
      ownerNodeKey: 'ranking',
      restartOfId,
      variants: [{ key: 'c', name: 'C', isControl: true, plannedWeight: 1 }],
    });
    const refused = await t.post(operation('mutation-create-experiment'), { input: input(ids['exp-out']!) }, limited);
    expect(refusal(refused)).toEqual({ code: 'NOT_FOUND', reason: 'UNKNOWN_ID' });
    expect(normalised(refused, ids['exp-out']!)).toEqual(
      normalised(await t.post(operation('mutation-create-experiment'), { input: input(MISSING) }, limited), MISSING),
    );
  });

  it('updateLearning: a learning shared with experiments outside is FORBIDDEN (its hidden links must not be replaced)', async () => {
    const before = await snapshotDatabase(t.dataSource);
    const result = await t.post(
      operation('mutation-update-learning'),
      { input: { id: ids['l-mixed'], summary: 'Edited' } },
      limited,
    );
    expect(refusal(result)).toEqual({ code: 'FORBIDDEN', reason: 'OUTSIDE_KEY_SUBTREE' });
    expect(await snapshotDatabase(t.dataSource)).toEqual(before);
  });

  it('addLearning: a hypothesis of an experiment outside is refused as a missing one', async () => {
    const input = (hypothesisId: string) => ({
      summary: 's',
      kind: 'METHOD',
      author: 'a',
      experimentKeys: ['exp-in'],
      hypothesisIds: [hypothesisId],
    });
    const refused = await t.post(operation('mutation-add-learning'), { input: input(ids['hyp-out']!) }, limited);
    expect(refusal(refused)).toEqual({ code: 'NOT_FOUND', reason: 'UNKNOWN_ID' });
    expect(normalised(refused, ids['hyp-out']!)).toEqual(
      normalised(await t.post(operation('mutation-add-learning'), { input: input(MISSING) }, limited), MISSING),
    );
  });
});

describe('writes to org nodes and org-wide data', () => {
  const expectForbidden = async (op: string, input: Record<string, unknown>, reason = 'OUTSIDE_KEY_SUBTREE') => {
    const before = await snapshotDatabase(t.dataSource);
    const result = await t.post(operation(op), { input }, limited);
    expect(refusal(result)).toEqual({ code: 'FORBIDDEN', reason });
    expect(await snapshotDatabase(t.dataSource)).toEqual(before);
    return result;
  };
  const accepted = async (op: string, input: Record<string, unknown>) => {
    const result = await t.post<Record<string, { id: string }>>(operation(op), { input }, limited);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!;
  };

  it('Mutation.createOrgNode: only under a node of the subtree; never a new root', async () => {
    checks('Mutation.createOrgNode');
    const error = await expectForbidden('mutation-create-org-node', {
      key: 'x1',
      name: 'X',
      kind: 'team',
      parentKey: 'growth',
    });
    expect(error.errors![0]!.extensions).toMatchObject({ field: 'input.parentKey' });
    await expectForbidden('mutation-create-org-node', { key: 'x2', name: 'X', kind: 'company' });
    ids['search-new'] = (
      await accepted('mutation-create-org-node', { key: 'search-new', name: 'New', kind: 'team', parentKey: 'search' })
    ).id;
  });

  it('Mutation.updateOrgNode: nodes of the subtree only', async () => {
    checks('Mutation.updateOrgNode');
    const [acme] = await t.dataSource.query(`SELECT id FROM org_node WHERE key = 'acme'`);
    await expectForbidden('mutation-update-org-node', { id: acme.id, name: 'Renamed' });
    const [ranking] = await t.dataSource.query(`SELECT id FROM org_node WHERE key = 'ranking'`);
    await accepted('mutation-update-org-node', { id: ranking.id, name: 'Ranking team' });
  });

  it('Mutation.moveOrgNode: within the subtree only (not out of it, not into it, not to the top)', async () => {
    checks('Mutation.moveOrgNode');
    const node = async (key: string) =>
      ((await t.dataSource.query('SELECT id FROM org_node WHERE key = $1', [key])) as { id: string }[])[0]!.id;
    await expectForbidden('mutation-move-org-node', { id: await node('ranking'), newParentId: await node('growth') });
    await expectForbidden('mutation-move-org-node', {
      id: await node('onboarding'),
      newParentId: await node('search'),
    });
    await expectForbidden('mutation-move-org-node', { id: await node('ranking'), newParentId: null });
    await accepted('mutation-move-org-node', { id: await node('search-new'), newParentId: await node('ranking') });
  });

  it('Mutation.createExperiment and updateExperiment: the owner must be a node of the subtree', async () => {
    checks('Mutation.createExperiment');
    const variants = [
      { key: 'c', name: 'C', isControl: true, plannedWeight: 1 },
      { key: 't', name: 'T', isControl: false, plannedWeight: 1 },
    ];
    await expectForbidden('mutation-create-experiment', { key: 'exp-x', title: 'X', ownerNodeKey: 'growth', variants });
    await accepted('mutation-create-experiment', { key: 'exp-y', title: 'Y', ownerNodeKey: 'ranking', variants });
    const error = await expectForbidden('mutation-update-experiment', { id: ids['exp-in2'], ownerNodeKey: 'growth' });
    expect(error.errors![0]!.extensions).toMatchObject({ field: 'input.ownerNodeKey' });
  });

  it('Mutation.createMetric and updateMetric: the catalogue is org-wide, so a limited key may not change it', async () => {
    checks('Mutation.createMetric', 'Mutation.updateMetric');
    await expectForbidden('mutation-create-metric', {
      key: 'new-metric',
      name: 'N',
      type: 'BINARY',
      preferredDirection: 'INCREASE',
    });
    const [metric] = await t.dataSource.query(`SELECT id FROM metric WHERE key = 'conv'`);
    await expectForbidden('mutation-update-metric', { id: metric.id, name: 'Renamed' });
    expect(
      (await t.post(operation('mutation-update-metric'), { input: { id: metric.id, name: 'Conversion' } }, unlimited))
        .errors,
    ).toBeUndefined();
  });

  it('Mutation.importExperiments: an item owned outside the subtree writes nothing', async () => {
    checks('Mutation.importExperiments');
    const before = await snapshotDatabase(t.dataSource);
    const item = {
      source: 'jira',
      externalId: 'J-1',
      title: 'Imported',
      ownerNodeKey: 'growth',
      variants: [{ key: 'c', name: 'C', isControl: true, plannedWeight: 1 }],
    };
    const result = await t.post<{ importExperiments: { created: number; failed: number } }>(
      'mutation Import($input: ImportExperimentsInput!) { importExperiments(input: $input) { created failed } }',
      { input: { items: [item] } },
      limited,
    );
    expect(result.data?.importExperiments).toEqual({ created: 0, failed: 1 });
    expect(await snapshotDatabase(t.dataSource)).toEqual(before);
  });
});

describe('webhooks', () => {
  const subscribe = (orgNodeKey: string | null, token = unlimited) =>
    t.post<{ createWebhookSubscription: { subscription: { id: string } } }>(
      operation('mutation-create-webhook-subscription'),
      { input: { url: 'https://hooks.example.com/', eventTypes: ['EXPERIMENT_STATUS_CHANGED'], orgNodeKey } },
      token,
    );
  // A delivery of an event of the fixtures (whatever its owner: the subscription's subtree is what is checked).
  const deliveryOf = async (subscriptionId: string): Promise<string> => {
    await t.dataSource.query(
      `INSERT INTO webhook_delivery (id, subscription_id, event_id, next_attempt_at, created_at)
       SELECT gen_random_uuid(), $1, id, now(), now() FROM outbox_event ORDER BY seq LIMIT 1`,
      [subscriptionId],
    );
    const [row] = await t.dataSource.query('SELECT id FROM webhook_delivery WHERE subscription_id = $1', [
      subscriptionId,
    ]);
    return row.id;
  };

  it('Mutation.createWebhookSubscription: only to a node of the subtree, never to the whole organisation', async () => {
    checks('Mutation.createWebhookSubscription');
    for (const outside of ['growth', 'acme', null])
      expect(refusal(await subscribe(outside, limited))).toEqual({ code: 'FORBIDDEN', reason: 'OUTSIDE_KEY_SUBTREE' });
    expect((await subscribe('ranking', limited)).errors).toBeUndefined();
  });

  it('Query.webhookSubscriptions and webhookDeliveries: those of the subtree only', async () => {
    checks('Query.webhookSubscriptions', 'Query.webhookDeliveries');
    const outside = (await subscribe('growth')).data!.createWebhookSubscription.subscription.id;
    const whole = (await subscribe(null)).data!.createWebhookSubscription.subscription.id;
    const inside = (await subscribe('search')).data!.createWebhookSubscription.subscription.id;
    const listed = await read<{ webhookSubscriptions: Array<{ id: string }> }>('{ webhookSubscriptions { id } }');
    const seen = listed.data!.webhookSubscriptions.map((s) => s.id);
    expect(seen).toContain(inside);
    expect(seen).not.toContain(outside);
    expect(seen).not.toContain(whole);
    await deliveryOf(outside);
    const deliveries = (id: string, token = limited) =>
      read<{ webhookDeliveries: unknown[] }>(`{ webhookDeliveries(subscriptionId: "${id}") { id } }`, token);
    expect((await deliveries(outside)).data).toEqual({ webhookDeliveries: [] });
    expect((await deliveries(outside, unlimited)).data!.webhookDeliveries).toHaveLength(1);
  });

  it('Mutation.deleteWebhookSubscription and redeliverWebhookDelivery: outside is NOT_FOUND, exactly like missing', async () => {
    checks('Mutation.deleteWebhookSubscription', 'Mutation.redeliverWebhookDelivery');
    const outside = (await subscribe('onboarding')).data!.createWebhookSubscription.subscription.id;
    const delivery = await deliveryOf(outside);
    const del = (id: string) => t.post(operation('mutation-delete-webhook-subscription'), { input: { id } }, limited);
    const redeliver = (id: string) =>
      t.post(operation('mutation-redeliver-webhook-delivery'), { input: { id } }, limited);
    const strip = (r: GraphQLResult<unknown>, id: string) => JSON.stringify(r).replaceAll(id, 'ID');
    expect(strip(await del(outside), outside)).toEqual(strip(await del(MISSING), MISSING));
    expect(refusal(await del(outside))).toEqual({ code: 'NOT_FOUND', reason: 'UNKNOWN_ID' });
    expect(strip(await redeliver(delivery), delivery)).toEqual(strip(await redeliver(MISSING), MISSING));
    expect(refusal(await redeliver(delivery))).toEqual({ code: 'NOT_FOUND', reason: 'UNKNOWN_ID' });
  });
});

describe('Subscription.experimentEvents', () => {
  const EVENTS = 'subscription E($node: String) { experimentEvents(orgNodeKey: $node) { experimentKey type } }';

  it('refuses a node outside (FORBIDDEN OUTSIDE_KEY_SUBTREE) and delivers only the events of experiments inside', async () => {
    checks('Subscription.experimentEvents');
    const client = connectClient(await t.httpUrl(), limited);
    try {
      const outside = subscribe(client, EVENTS, { node: 'onboarding' });
      await outside.until((s) => s.ended !== undefined);
      expect(refusal(outside.results[0]!)).toEqual({ code: 'FORBIDDEN', reason: 'OUTSIDE_KEY_SUBTREE' });
      const before = t.app.eventFeed.size;
      const live = subscribe<{ experimentEvents: { experimentKey: string; type: string } }>(client, EVENTS);
      await eventually(() => t.app.eventFeed.size > before, 'the subscription');
      await buildExperiment(t, { key: 'live-out', ownerNodeKey: 'onboarding', hypothesis: null });
      await buildExperiment(t, { key: 'live-in', ownerNodeKey: 'ranking', hypothesis: null });
      await live.until((s) => s.results.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(new Set(live.results.map((r) => r.data!.experimentEvents.experimentKey))).toEqual(new Set(['live-in']));
    } finally {
      await client.dispose();
    }
  });
});

it('checks every registered root field and mutation', () => {
  const registered = Object.entries(ROOT_FIELD_ACCESS).flatMap(([op, fields]) =>
    Object.keys(fields).map((f) => `${op}.${f}`),
  );
  expect([...covered].sort()).toEqual(registered.sort());
});
