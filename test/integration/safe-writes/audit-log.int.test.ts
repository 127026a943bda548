import { Client } from 'pg';
import { expectError, useTestApp } from '../helpers';
import { createKey, secretOf } from '../fixtures/auth-fixtures';
import {
  buildExperiment,
  buildRunningExperiment,
  expectRefused,
  mutate,
  runMutation,
  transition,
} from '../fixtures/write-fixtures';
import { importItem, importPayload } from '../import/import-fixtures';

const t = useTestApp();

interface AuditRow {
  operation: string;
  entity_type: string;
  entity_id: string | null;
  experiment_id: string | null;
  principal_kind: string;
  api_key_name: string | null;
  actor: string | null;
}

const auditRows = async (): Promise<AuditRow[]> =>
  t.dataSource.query(
    'SELECT operation, entity_type, entity_id, experiment_id, principal_kind, api_key_name, actor FROM audit_log ORDER BY id',
  );

const HISTORY = `query ($key: String!, $first: Int!, $after: String) { experiment(key: $key) {
  history(first: $first, after: $after) { edges { cursor node { operation entityType principalKind apiKeyName actor before after } } pageInfo { hasNextPage endCursor } } } }`;

describe('audit log', () => {
  let experimentId: string;
  beforeEach(async () => {
    await t.truncateAll();
    experimentId = (await buildRunningExperiment(t)).experiment.id;
  });

  it('holds exactly one row per successful write, in order, and none for a failed one', async () => {
    // buildRunningExperiment: 5 org nodes, 4 metrics, 1 experiment, 1 transition.
    const setup = (await auditRows()).map((r) => r.operation);
    expect(setup).toEqual([
      ...Array(5).fill('createOrgNode'),
      ...Array(4).fill('createMetric'),
      'createExperiment',
      'transitionExperiment',
    ]);
    await mutate(t, 'mutation-record-results', {
      experimentId,
      results: [{ metricKey: 'conv', variantKey: 'control', n: 10, sum: 1 }],
    });
    await expectRefused(
      t,
      'mutation-record-results',
      { experimentId, results: [{ metricKey: 'conv', variantKey: 'treatment', n: 10, sum: 11 }] },
      'BAD_USER_INPUT',
    );
    await mutate(t, 'mutation-record-decision', { experimentId, kind: 'ITERATE', decidedBy: 'pm' });
    await expectRefused(t, 'mutation-transition-experiment', { id: experimentId, to: 'DRAFT' }, 'BAD_USER_INPUT');
    await transition(t, experimentId, 'STOPPED');
    const rows = await auditRows();
    expect(rows.slice(setup.length).map((r) => [r.operation, r.entity_type, r.experiment_id])).toEqual([
      ['recordResults', 'experiment', experimentId],
      ['recordDecision', 'experiment', experimentId],
      ['transitionExperiment', 'experiment', experimentId],
    ]);
    expect(rows.every((r) => r.principal_kind === 'INTERNAL')).toBe(true);
  });

  it('records the state before and after, and Experiment.history pages through it newest first', async () => {
    await mutate(t, 'mutation-update-experiment', { id: experimentId, title: 'Renamed' });
    await mutate(t, 'mutation-record-decision', { experimentId, kind: 'ABANDON', decidedBy: 'pm' });
    type Page = {
      experiment: {
        history: {
          edges: Array<{
            cursor: string;
            node: {
              operation: string;
              before: { experiment?: { title: string }; decisions?: unknown[] } | null;
              after: { experiment: { title: string }; decisions: Array<{ kind: string }> };
            };
          }>;
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    };
    const page1 = await t.exec<Page>(HISTORY, { key: 'exp-1', first: 2, after: null });
    expect(page1.errors).toBeUndefined();
    const edges = page1.data!.experiment.history.edges;
    expect(edges.map((e) => e.node.operation)).toEqual(['recordDecision', 'updateExperiment']);
    expect(edges[0]!.node.before!.decisions).toEqual([]);
    expect(edges[0]!.node.after.decisions.map((d) => d.kind)).toEqual(['ABANDON']);
    expect(edges[1]!.node.before!.experiment!.title).toBe('Bigger buy button');
    expect(edges[1]!.node.after.experiment.title).toBe('Renamed');
    expect(page1.data!.experiment.history.pageInfo.hasNextPage).toBe(true);
    const page2 = await t.exec<Page>(HISTORY, {
      key: 'exp-1',
      first: 10,
      after: page1.data!.experiment.history.pageInfo.endCursor,
    });
    expect(page2.data!.experiment.history.edges.map((e) => e.node.operation)).toEqual([
      'transitionExperiment',
      'createExperiment',
    ]);
    expect(page2.data!.experiment.history.edges[1]!.node.before).toBeNull();
  });

  it('records as "before" the state a concurrent write committed while it waited for the row', async () => {
    // Another session holds the experiment row (as a concurrent audited write does from its first
    // read), renames it and commits only after our update has started. Against PostgreSQL this
    // fails without the runner's row lock (the old title is recorded); the embedded database runs
    // one session at a time, so there the same outcome holds by construction.
    const other = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT id FROM experiment WHERE id = $1 FOR UPDATE', [experimentId]);
      const update = t.exec(
        `mutation ($id: ID!) { updateExperiment(input: { id: $id, description: "ours" }) { id } }`,
        { id: experimentId },
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await other.query(
        `UPDATE experiment SET title = 'Renamed by the other session', version = version + 1 WHERE id = $1`,
        [experimentId],
      );
      await other.query('COMMIT');
      expect((await update).errors).toBeUndefined();
    } finally {
      await other.end();
    }
    const [row] = await t.dataSource.query(
      `SELECT before -> 'experiment' ->> 'title' AS before_title, after -> 'experiment' ->> 'title' AS after_title
         FROM audit_log WHERE operation = 'updateExperiment' AND entity_id = $1`,
      [experimentId],
    );
    expect(row).toEqual({ before_title: 'Renamed by the other session', after_title: 'Renamed by the other session' });
  });

  it("takes its locks in the writes' order: a hypothesis edit waiting behind its experiment's start does not deadlock", async () => {
    const draft = await buildExperiment(t, { key: 'exp-draft' });
    const hypothesis = await mutate(t, 'mutation-add-hypothesis', {
      experimentId: draft.id,
      statement: 'Bigger buttons convert better',
    });
    // Another session does what transitionExperiment does when the experiment starts: lock the
    // experiment, then lock its hypotheses (UPDATE ... locked_at), then commit.
    const other = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT id FROM experiment WHERE id = $1 FOR UPDATE', [draft.id]);
      const edit = runMutation(t, 'mutation-update-hypothesis', { id: hypothesis.id, statement: 'ours' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await other.query('UPDATE hypothesis SET locked_at = now() WHERE experiment_id = $1', [draft.id]);
      await other.query('COMMIT');
      // Had the edit locked the hypothesis before the experiment, the two would deadlock here.
      expectError(await edit, 'CONFLICT', 'HYPOTHESIS_LOCKED');
    } finally {
      await other.end();
    }
  });

  it('reads the history of a whole page of experiments in one statement, each as when asked alone', async () => {
    for (const key of ['exp-2', 'exp-3']) {
      const created = await buildExperiment(t, { key });
      await mutate(t, 'mutation-update-experiment', { id: created.id, title: `Renamed ${key}` });
    }
    const PAGE = `query ($first: Int!) { experiments(first: $first, orderBy: { field: KEY }) { edges { node { key
      history(first: 1) { edges { cursor node { operation } } pageInfo { hasNextPage } } } } } }`;
    type Page = { experiments: { edges: Array<{ node: { key: string; history: unknown } }> } };
    const one = await t.execCounting<Page>(PAGE, { first: 1 });
    const three = await t.execCounting<Page>(PAGE, { first: 3 });
    expect(three.result.errors).toBeUndefined();
    expect(three.statements).toBe(one.statements);
    const edges = three.result.data!.experiments.edges;
    expect(edges.map((e) => e.node.key)).toEqual(['exp-1', 'exp-2', 'exp-3']);
    for (const { node } of edges) {
      const alone = await t.exec<{ experiment: { history: unknown } }>(
        `query ($key: String!) { experiment(key: $key) { history(first: 1) { edges { cursor node { operation } } pageInfo { hasNextPage } } } }`,
        { key: node.key },
      );
      expect(node.history).toEqual(alone.data!.experiment.history);
    }
  });

  it('names the API key and the person of the request (X-Actor)', async () => {
    const key = await createKey(t, { scopes: ['write:decisions'], name: 'decision bot' });
    const result = await t.post(
      `mutation ($id: ID!) { recordDecision(input: { experimentId: $id, kind: ITERATE, decidedBy: "bot" }) { id } }`,
      { id: experimentId },
      key.token,
      { 'x-actor': '  jane.doe@example.com ' },
    );
    expect(result.errors).toBeUndefined();
    const last = (
      await t.dataSource.query(
        'SELECT principal_kind, api_key_id, api_key_name, actor FROM audit_log ORDER BY id DESC LIMIT 1',
      )
    )[0];
    expect(last).toEqual({
      principal_kind: 'API_KEY',
      api_key_id: key.id,
      api_key_name: 'decision bot',
      actor: 'jane.doe@example.com',
    });
    // The key's creation is audited too, without its secret or hash.
    const [created] = await t.dataSource.query(
      `SELECT after::text AS after FROM audit_log WHERE operation = 'createApiKey' AND entity_id = $1`,
      [key.id],
    );
    expect(created.after).toContain('decision bot');
    expect(created.after).not.toContain(secretOf(key.token));
    expect(created.after).not.toContain('secret_sha256');
  });

  it('lists entries for admins with filters (auditLog) and is append-only', async () => {
    const log = await t.exec<{ auditLog: { edges: Array<{ node: { operation: string } }> } }>(
      `query ($f: AuditFilter) { auditLog(first: 100, filter: $f) { edges { node { operation } } } }`,
      { f: { entityType: 'metric' } },
    );
    expect(log.data!.auditLog.edges.map((e) => e.node.operation)).toEqual(Array(4).fill('createMetric'));
    const bad = await t.exec(`{ auditLog(after: "nope") { edges { cursor } } }`);
    expectError(bad, 'BAD_USER_INPUT');
    await expect(t.dataSource.query(`UPDATE audit_log SET operation = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  it('writes one audit row per experiment an import writes, none for refused or unchanged items', async () => {
    const before = (await auditRows()).length;
    const input = {
      source: 'growthbook',
      items: [importItem('a-1'), importItem('a-2', { ownerNodeKey: 'nope' }), importItem('a-3')],
    };
    const first = await importPayload(t, input);
    expect([first.created, first.failed]).toEqual([2, 1]);
    const rows = (await auditRows()).slice(before);
    expect(rows.map((r) => [r.operation, r.entity_type])).toEqual([
      ['importExperiments', 'experiment'],
      ['importExperiments', 'experiment'],
    ]);
    expect(new Set(rows.map((r) => r.entity_id))).toEqual(
      new Set(first.items.filter((i) => i.outcome === 'CREATED').map((i) => i.experiment!.id)),
    );
    const again = await importPayload(t, input);
    expect(again.unchanged).toBe(2);
    expect((await auditRows()).length).toBe(before + 2);
    const updated = await importPayload(t, { source: 'growthbook', items: [importItem('a-1', { title: 'Retitled' })] });
    expect(updated.updated).toBe(1);
    const [last] = await t.dataSource.query(
      `SELECT before->'experiment'->>'title' AS b, after->'experiment'->>'title' AS a FROM audit_log ORDER BY id DESC LIMIT 1`,
    );
    expect(last).toEqual({ b: 'Imported a-1', a: 'Retitled' });
  });

  it('writes no audit row for a replayed idempotent request', async () => {
    const count = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM audit_log'))[0].n as number;
    const before = await count();
    const q = `mutation ($id: ID!) { recordDecision(input: { experimentId: $id, kind: ITERATE, decidedBy: "a" }, idempotencyKey: "once") { id } }`;
    await t.exec(q, { id: experimentId });
    await t.exec(q, { id: experimentId });
    expect(await count()).toBe(before + 1);
  });
});
