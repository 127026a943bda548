import { useTestApp } from '../helpers';
import { buildExperiment, buildRunningExperiment, expectRefused, mutate } from '../fixtures/write-fixtures';

const t = useTestApp();
let experimentId: string;
beforeEach(async () => {
  await t.truncateAll();
  experimentId = (await buildRunningExperiment(t)).experiment.id;
});

interface DecisionPayload {
  id: string;
  kind: string;
  isCurrent: boolean;
  shippedVariantId: string | null;
  decidedAt: Date;
}

const decide = (input: Record<string, unknown>) =>
  mutate<DecisionPayload>(t, 'mutation-record-decision', { experimentId, decidedBy: 'ann', ...input });
const currentMarkers = () => t.dataSource.query('SELECT kind, is_current FROM decision ORDER BY seq');

describe('recordDecision', () => {
  it('appends decisions and marks only the latest as current', async () => {
    const first = await decide({ kind: 'ITERATE', decidedAt: '2025-02-01T00:00:00Z' });
    expect(first).toMatchObject({ kind: 'ITERATE', isCurrent: true, decidedAt: new Date('2025-02-01T00:00:00Z') });
    const second = await decide({
      kind: 'SHIP',
      shippedVariantKey: 'treatment',
      rationale: 'won',
      decidedAt: '2025-03-01T00:00:00Z',
    });
    const [treatment] = await t.dataSource.query(`SELECT id FROM variant WHERE key = 'treatment'`);
    expect(second).toMatchObject({ kind: 'SHIP', isCurrent: true, shippedVariantId: treatment.id, rationale: 'won' });
    expect(await currentMarkers()).toEqual([
      { kind: 'ITERATE', is_current: false },
      { kind: 'SHIP', is_current: true },
    ]);
  });

  it('keeps a back-dated decision in the history without making it current', async () => {
    await decide({ kind: 'SHIP', decidedAt: '2025-03-01T00:00:00Z' });
    const late = await decide({ kind: 'ABORT', decidedAt: '2025-02-01T00:00:00Z' });
    expect(late.isCurrent).toBe(false);
    expect(await currentMarkers()).toEqual([
      { kind: 'SHIP', is_current: true },
      { kind: 'ABORT', is_current: false },
    ]);
  });

  it('breaks ties on decidedAt by recording order', async () => {
    await decide({ kind: 'ITERATE', decidedAt: '2025-03-01T00:00:00Z' });
    await decide({ kind: 'RERUN', decidedAt: '2025-03-01T00:00:00Z' });
    expect(await currentMarkers()).toEqual([
      { kind: 'ITERATE', is_current: false },
      { kind: 'RERUN', is_current: true },
    ]);
  });

  it('keeps one current decision per experiment', async () => {
    const other = await buildExperiment(t, { key: 'exp-2' });
    await decide({ kind: 'NONE' });
    await mutate(t, 'mutation-record-decision', { experimentId: other.id, kind: 'ABANDON', decidedBy: 'bob' });
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM decision WHERE is_current')).toEqual([{ n: 2 }]);
  });

  it('accepts the experiment by key', async () => {
    const decision = await mutate<DecisionPayload>(t, 'mutation-record-decision', {
      experimentKey: 'exp-1',
      kind: 'NONE',
      decidedBy: 'ann',
    });
    expect(decision.isCurrent).toBe(true);
  });

  it.each([
    ['a shipped variant on an ABORT', { kind: 'ABORT', shippedVariantKey: 'treatment' }, 'BAD_USER_INPUT'],
    ['a shipped variant of no such key', { kind: 'SHIP', shippedVariantKey: 'nope' }, 'NOT_FOUND'],
    [
      'a shipped variant of another experiment',
      { kind: 'SHIP', shippedVariantId: '00000000-0000-4000-8000-000000000000' },
      'NOT_FOUND',
    ],
    ['a blank decidedBy', { kind: 'NONE', decidedBy: '  ' }, 'BAD_USER_INPUT'],
    ['a decision date in the future', { kind: 'NONE', decidedAt: '2999-01-01T00:00:00Z' }, 'BAD_USER_INPUT'],
    ['a malformed decision date', { kind: 'NONE', decidedAt: 'last tuesday' }, 'BAD_USER_INPUT'],
    ['an unknown kind', { kind: 'MAYBE' }, 'BAD_USER_INPUT'],
  ])('refuses %s and changes nothing', async (_label, input, code) => {
    await decide({ kind: 'ITERATE', decidedAt: '2025-02-01T00:00:00Z' });
    await expectRefused(t, 'mutation-record-decision', { experimentId, decidedBy: 'ann', ...input }, code);
  });

  it('refuses an unknown experiment with NOT_FOUND', async () => {
    await expectRefused(
      t,
      'mutation-record-decision',
      { experimentId: '00000000-0000-4000-8000-000000000000', kind: 'NONE', decidedBy: 'ann' },
      'NOT_FOUND',
    );
  });

  it('serialises concurrent decisions so exactly one stays current', async () => {
    await Promise.all(['ITERATE', 'RERUN', 'NONE', 'ABANDON'].map((kind) => decide({ kind })));
    expect(
      await t.dataSource.query(
        'SELECT count(*)::int AS n, count(*) FILTER (WHERE is_current)::int AS current FROM decision',
      ),
    ).toEqual([{ n: 4, current: 1 }]);
  });
});
