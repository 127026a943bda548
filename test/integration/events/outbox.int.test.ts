import { handleTransitionExperiment } from '../../../src/app/experiment/experiment-commands';
import { createCommandContext } from '../../../src/app/command-context';
import { INTERNAL_PRINCIPAL } from '../../../src/domain/principal';
import { handleReclassifyExperiments } from '../../../src/app/reclassify/reclassify-commands';
import { runImportCommand } from '../../../scripts/import-command';
import { outboxTypes, readOutbox } from '../fixtures/event-fixtures';
import { buildExperiment, buildMetrics, buildOrgTree, mutate, transition } from '../fixtures/write-fixtures';
import { importItem, importPayload } from '../import/import-fixtures';
import { useTestApp } from '../helpers';

// Events are appended to the outbox by the application layer in the write's own transaction
// (docs/events.md), whatever the entry point.

const t = useTestApp();

beforeEach(async () => {
  await t.truncateAll();
  await buildOrgTree(t);
  await buildMetrics(t);
});

describe('the transactional outbox', () => {
  it('records a new experiment: its status and category from null, with its key and owner node', async () => {
    await buildExperiment(t);
    expect(await readOutbox(t.dataSource)).toEqual([
      {
        type: 'experiment.status_changed',
        experimentKey: 'exp-1',
        ownerNodeKey: 'ranking',
        payload: { from: null, to: 'DRAFT', cause: 'CREATED' },
      },
      {
        type: 'experiment.category_changed',
        experimentKey: 'exp-1',
        ownerNodeKey: 'ranking',
        payload: { from: null, to: 'PENDING', fromSubReason: null, subReason: null, cause: 'CREATED' },
      },
    ]);
  });

  it('records transitions, results that change the category, decisions and learnings', async () => {
    const experiment = await buildExperiment(t);
    await t.dataSource.query('DELETE FROM outbox_event');
    await transition(t, experiment.id, 'RUNNING', '2025-01-01T00:00:00.000Z');
    await transition(t, experiment.id, 'STOPPED', '2025-01-15T00:00:00.000Z');
    // Stopped, the stored category is the data's (no longer PENDING; docs/ewl-rules.md §14).
    expect(await outboxTypes(t.dataSource)).toEqual([
      'experiment.status_changed',
      'experiment.status_changed',
      'experiment.category_changed',
    ]);

    await t.dataSource.query('DELETE FROM outbox_event');
    await transition(t, experiment.id, 'CONCLUDED', '2025-01-20T00:00:00.000Z');
    const concluded = await readOutbox(t.dataSource);
    expect(concluded[0]).toMatchObject({
      type: 'experiment.status_changed',
      payload: { from: 'STOPPED', to: 'CONCLUDED', cause: 'STATUS_CHANGED' },
    });

    await t.dataSource.query('DELETE FROM outbox_event');
    await mutate(t, 'mutation-record-decision', { experimentId: experiment.id, kind: 'ABANDON', decidedBy: 'Ada' });
    const [recorded] = await readOutbox(t.dataSource);
    expect(recorded).toMatchObject({
      type: 'decision.recorded',
      payload: { kind: 'ABANDON', decidedBy: 'Ada', current: true },
    });

    await t.dataSource.query('DELETE FROM outbox_event');
    const other = await buildExperiment(t, { key: 'exp-2', ownerNodeKey: 'onboarding' });
    await t.dataSource.query('DELETE FROM outbox_event');
    const learning = await mutate(t, 'mutation-add-learning', {
      summary: 'Bigger buttons do not help',
      kind: 'WHAT_DOES_NOT',
      author: 'Ada',
      experimentIds: [experiment.id, other.id],
    });
    expect(await readOutbox(t.dataSource)).toEqual([
      expect.objectContaining({ type: 'learning.added', experimentKey: 'exp-1', ownerNodeKey: 'ranking' }),
      expect.objectContaining({ type: 'learning.added', experimentKey: 'exp-2', ownerNodeKey: 'onboarding' }),
    ]);
    expect((await readOutbox(t.dataSource))[0]!.payload).toEqual({
      learningId: learning.id,
      kind: 'WHAT_DOES_NOT',
      summary: 'Bigger buttons do not help',
      tags: [],
      author: 'Ada',
    });
  });

  it('records decision.inconsistent for a decision that does not fit the category', async () => {
    await importPayload(t, { source: 'gb', items: [importItem('a', { decisions: [] })] });
    const [{ id, category }] = await t.dataSource.query(
      `SELECT e.id, c.category FROM experiment e JOIN experiment_classification c ON c.experiment_id = e.id`,
    );
    const wrong = category === 'WIN' ? 'ABORT' : 'SHIP';
    await t.dataSource.query('DELETE FROM outbox_event');
    await mutate(t, 'mutation-record-decision', {
      experimentId: id,
      kind: wrong,
      decidedBy: 'Ada',
      ...(wrong === 'SHIP' ? { shippedVariantKey: 'treatment' } : {}),
    });
    const events = await readOutbox(t.dataSource);
    expect(events.map((e) => e.type)).toEqual(['decision.recorded', 'decision.inconsistent']);
    expect(events[0]!.payload).toMatchObject({ kind: wrong, category, consistentWithAnalysis: false });
  });

  it('appends nothing when a write rolls back after its events', async () => {
    const experiment = await buildExperiment(t);
    await t.dataSource.query('DELETE FROM outbox_event');
    // The audit row is the runner's last step, after the write and its events: make it fail.
    await t.dataSource.query(`CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit refused'; END $$`);
    await t.dataSource.query(
      `CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_audit()`,
    );
    try {
      await expect(
        handleTransitionExperiment(createCommandContext(t.dataSource, INTERNAL_PRINCIPAL), {
          id: experiment.id,
          to: 'RUNNING',
        }),
      ).rejects.toThrow('audit refused');
    } finally {
      await t.dataSource.query('DROP TRIGGER fail_audit ON audit_log; DROP FUNCTION fail_audit()');
    }
    expect(await outboxTypes(t.dataSource)).toEqual([]);
    const [{ status }] = await t.dataSource.query('SELECT status FROM experiment WHERE id = $1', [experiment.id]);
    expect(status).toBe('DRAFT');
  });

  it('appends nothing for an idempotent replay', async () => {
    const experiment = await buildExperiment(t);
    await t.dataSource.query('DELETE FROM outbox_event');
    const ctx = createCommandContext(t.dataSource, INTERNAL_PRINCIPAL);
    await handleTransitionExperiment(ctx, { id: experiment.id, to: 'RUNNING' }, 'start-once');
    await handleTransitionExperiment(ctx, { id: experiment.id, to: 'RUNNING' }, 'start-once');
    expect(await outboxTypes(t.dataSource)).toEqual(['experiment.status_changed']);
  });

  it('records the events of an import, for the items written only', async () => {
    const payload = await importPayload(t, {
      source: 'gb',
      items: [
        importItem('a'),
        importItem('b', { results: [{ metricKey: 'conv', variantKey: 'control', n: 10, sum: 11 }] }),
      ],
    });
    expect(payload.items.map((i) => i.outcome)).toEqual(['CREATED', 'FAILED']);
    const events = await readOutbox(t.dataSource);
    expect(new Set(events.map((e) => e.experimentKey)).size).toBe(1);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['experiment.status_changed', 'experiment.category_changed', 'decision.recorded']),
    );
    expect(events.find((e) => e.type === 'experiment.status_changed')!.payload).toEqual({
      from: null,
      to: 'CONCLUDED',
      cause: 'IMPORTED',
    });
  });

  it('records the events of `npm run import` and of a reclassification that moves nothing', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ewl-events-'));
    try {
      const file = path.join(dir, 'items.ndjson');
      fs.writeFileSync(file, `${JSON.stringify(importItem('cli-1'))}\n`);
      const code = await runImportCommand([file, '--source', 'gb'], {
        stdout: { write: () => true },
        stderr: { write: () => true, isTTY: false },
        dataSource: t.dataSource,
      });
      expect(code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const types = await outboxTypes(t.dataSource);
    expect(types).toContain('experiment.status_changed');
    expect(types).toContain('decision.recorded');

    await t.dataSource.query('DELETE FROM outbox_event');
    await handleReclassifyExperiments(createCommandContext(t.dataSource, INTERNAL_PRINCIPAL), {});
    expect(await outboxTypes(t.dataSource)).toEqual([]);
  });
});
