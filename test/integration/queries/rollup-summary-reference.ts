import { type DataSource, type EntityManager } from 'typeorm';
import type { CategorySubReason, LearningCategory } from '../../../src/domain/analysis-types';
import { DECISION_KINDS, type DecisionKind } from '../../../src/domain/experiment';
import { expectedDecisions } from '../../../src/domain/learning-category';
import { CATEGORY_SUB_REASONS, CONCLUDED_CATEGORIES, VALIDITY_REASON_CODES } from '../../../src/domain/org-rollup';

/**
 * An independent recomputation of `org_rollup_month` for the tests, in plain TypeScript: the
 * classification's own columns (category, reasons, scope, status, conclusion, owner) plus the
 * start, the restart and amendment flags and the current decision read from the SOURCE tables `experiment` and
 * `decision` (the current decision re-derived as the latest by decided_at, then seq), never from
 * the denormalised copies on the classification row. It shares no SQL with the migration or the
 * write path. Months are UTC calendar months as 'YYYY-MM-01'.
 */

/** The DataSource, or a transaction's EntityManager (to read inside the writing transaction). */
export type Queryable = DataSource | EntityManager;

const lower = (value: string) => value.toLowerCase();

/** The count columns of the summary, named from the domain's lists. */
export const EXPECTED_COUNT_COLUMNS: readonly string[] = [
  'started',
  'restarts',
  'concluded',
  'excluded',
  ...CONCLUDED_CATEGORIES.map((c) => `cat_${lower(c)}`),
  ...VALIDITY_REASON_CODES.map((r) => `vr_${lower(r)}`),
  ...CATEGORY_SUB_REASONS.map((s) => `us_${lower(s)}`),
  ...DECISION_KINDS.map((k) => `dk_${lower(k)}`),
  'inconsistent',
  'undecided',
  'amended_after_launch',
];

/** The columns counting the conclusions of STOPPED experiments without a conclusion, by the month of their end. */
const STOPPED_COUNT_COLUMNS = EXPECTED_COUNT_COLUMNS.filter((c) => c !== 'started' && c !== 'restarts').map(
  (c) => `stopped_${c}`,
);

/** Every count column of the summary. */
export const EXPECTED_SUMMARY_COLUMNS: readonly string[] = [...EXPECTED_COUNT_COLUMNS, ...STOPPED_COUNT_COLUMNS];

interface ClassificationRow {
  experiment_id: string;
  owner_node_id: string;
  category: LearningCategory;
  sub_reason: CategorySubReason | null;
  validity_reasons: string[];
  counts_toward_ewl: boolean;
  status: string;
  ended_at: Date | null;
  concluded_at: Date | null;
  started_at: Date | null;
  is_restart: boolean;
  design_amended: boolean;
  decision_kind: DecisionKind | null;
  decided_at: Date | null;
  decision_consistent: boolean | null;
}

interface ExperimentRow {
  id: string;
  key: string;
  owner_node_id: string;
  status: string;
  counts_toward_ewl: boolean;
  started_at: Date | null;
  ended_at: Date | null;
  concluded_at: Date | null;
  restart_of_id: string | null;
  design_amended_at: Date | null;
}

interface DecisionRow {
  id: string;
  experiment_id: string;
  kind: DecisionKind;
  decided_at: Date;
  seq: string;
  is_current: boolean;
}

export interface SourceData {
  readonly classifications: ClassificationRow[];
  readonly experiments: Map<string, ExperimentRow>;
  /** The current decision per experiment: the latest by decided_at, then recording order. */
  readonly current: Map<string, DecisionRow>;
  readonly decisions: DecisionRow[];
  readonly nodeKey: Map<string, string>;
}

export async function loadSourceData(db: Queryable): Promise<SourceData> {
  const classifications: ClassificationRow[] = await db.query(
    `SELECT experiment_id, owner_node_id, category, sub_reason, validity_reasons, counts_toward_ewl, status, ended_at, concluded_at,
            started_at, is_restart, design_amended, decision_kind, decided_at, decision_consistent
       FROM experiment_classification`,
  );
  const experiments: ExperimentRow[] = await db.query(
    'SELECT id, key, owner_node_id, status, counts_toward_ewl, started_at, ended_at, concluded_at, restart_of_id, design_amended_at FROM experiment',
  );
  const decisions: DecisionRow[] = await db.query(
    'SELECT id, experiment_id, kind, decided_at, seq::text AS seq, is_current FROM decision',
  );
  const nodes: Array<{ id: string; key: string }> = await db.query('SELECT id, key FROM org_node');
  const current = new Map<string, DecisionRow>();
  for (const d of decisions) {
    const best = current.get(d.experiment_id);
    const later =
      !best ||
      d.decided_at.getTime() > best.decided_at.getTime() ||
      (d.decided_at.getTime() === best.decided_at.getTime() && BigInt(d.seq) > BigInt(best.seq));
    if (later) current.set(d.experiment_id, d);
  }
  return {
    classifications,
    experiments: new Map(experiments.map((e) => [e.id, e])),
    current,
    decisions,
    nodeKey: new Map(nodes.map((n) => [n.id, n.key])),
  };
}

const monthOf = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-01`;
const SETTLED_STATUSES = ['STOPPED', 'CONCLUDED', 'ARCHIVED'];

/** Expected summary rows by `owner|month`, only the non-zero counts. */
export function expectedSummary(data: SourceData): Map<string, Record<string, number>> {
  const rows = new Map<string, Record<string, number>>();
  const add = (owner: string, month: string, column: string) => {
    const key = `${owner}|${month}`;
    const row = rows.get(key) ?? {};
    row[column] = (row[column] ?? 0) + 1;
    rows.set(key, row);
  };
  for (const c of data.classifications) {
    const e = data.experiments.get(c.experiment_id)!;
    const d = data.current.get(c.experiment_id);
    const inScope = c.counts_toward_ewl;
    if (e.started_at && inScope) {
      add(c.owner_node_id, monthOf(e.started_at), 'started');
      if (e.restart_of_id !== null) add(c.owner_node_id, monthOf(e.started_at), 'restarts');
    }
    // Settled: by the month of its conclusion. STOPPED without a conclusion: by the month of its end, in the stopped_ columns.
    const settled = SETTLED_STATUSES.includes(c.status) && c.concluded_at !== null;
    const awaiting = c.status === 'STOPPED' && c.concluded_at === null && c.ended_at !== null;
    if (!settled && !awaiting) continue;
    const month = monthOf(settled ? c.concluded_at! : c.ended_at!);
    const prefix = settled ? '' : 'stopped_';
    const fact = (column: string) => add(c.owner_node_id, month, `${prefix}${column}`);
    if (!inScope) {
      fact('excluded');
      continue;
    }
    fact('concluded');
    if ((CONCLUDED_CATEGORIES as readonly string[]).includes(c.category)) fact(`cat_${lower(c.category)}`);
    if (e.design_amended_at !== null) fact('amended_after_launch');
    if (c.category === 'INVALID') for (const reason of c.validity_reasons) fact(`vr_${lower(reason)}`);
    if (c.category === 'UNDERPOWERED') fact(`us_${lower(c.sub_reason ?? 'NULL')}`);
    if (d) {
      fact(`dk_${lower(d.kind)}`);
      if (!expectedDecisions(c.category, c.sub_reason).includes(d.kind)) fact('inconsistent');
    } else {
      fact('undecided');
    }
  }
  return rows;
}

/**
 * Differences between `org_decision_delay` and its recomputation from the source rows: per node
 * and every ancestor (by `parent_id`, not the closure table), per whole hour from end to decision
 * (the current decision), the in-scope experiments with a decision and an end, settled or STOPPED
 * without a conclusion. One readable line per count; zero counts are left out on both sides.
 */
export async function staleDecisionDelays(db: Queryable, data: SourceData): Promise<string[]> {
  const nodes: Array<{ id: string; parent_id: string | null }> = await db.query('SELECT id, parent_id FROM org_node');
  const parentOf = new Map(nodes.map((n) => [n.id, n.parent_id]));
  const expected = new Map<string, { settled: number; awaiting: number }>();
  for (const c of data.classifications) {
    const e = data.experiments.get(c.experiment_id)!;
    const d = data.current.get(c.experiment_id);
    if (!c.counts_toward_ewl || !d || e.ended_at === null) continue;
    const settled = SETTLED_STATUSES.includes(c.status) && c.concluded_at !== null;
    const awaiting = c.status === 'STOPPED' && c.concluded_at === null;
    if (!settled && !awaiting) continue;
    const hour = Math.floor((d.decided_at.getTime() - e.ended_at.getTime()) / 3_600_000);
    for (let n: string | null | undefined = c.owner_node_id; n; n = parentOf.get(n)) {
      const counts = expected.get(`${n}|${hour}`) ?? { settled: 0, awaiting: 0 };
      counts[settled ? 'settled' : 'awaiting'] += 1;
      expected.set(`${n}|${hour}`, counts);
    }
  }
  const rows: Array<{ node_id: string; hour: string; settled: number; awaiting: number }> = await db.query(
    'SELECT node_id, hour::text AS hour, settled, awaiting FROM org_decision_delay WHERE settled <> 0 OR awaiting <> 0',
  );
  const actual = new Map(rows.map((r) => [`${r.node_id}|${r.hour}`, { settled: r.settled, awaiting: r.awaiting }]));
  const lines: string[] = [];
  for (const key of [...new Set([...actual.keys(), ...expected.keys()])].sort()) {
    const [a, x] = [actual.get(key), expected.get(key)];
    if (a?.settled !== x?.settled || a?.awaiting !== x?.awaiting)
      lines.push(
        `${data.nodeKey.get(key.split('|')[0]!)} hour ${key.split('|')[1]}: table ${JSON.stringify(a)}, expected ${JSON.stringify(x)}`,
      );
  }
  return lines;
}

/** The table's rows by `owner|month`, only the non-zero counts (rows whose counts are all zero are left out). */
export async function actualSummary(db: Queryable): Promise<Map<string, Record<string, number>>> {
  const rows: Array<Record<string, unknown>> = await db.query('SELECT *, month::text AS month FROM org_rollup_month');
  const result = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const counts: Record<string, number> = {};
    for (const [column, value] of Object.entries(row)) {
      if (column !== 'owner_node_id' && column !== 'month' && Number(value) !== 0) counts[column] = Number(value);
    }
    if (Object.keys(counts).length > 0) result.set(`${row.owner_node_id}|${row.month}`, counts);
  }
  return result;
}

/**
 * Differences between `org_rollup_total` and the sums of `org_rollup_month` per owner node (its
 * triggers' invariant), one readable line per count; zero counts are left out on both sides.
 */
export async function staleTotals(db: Queryable): Promise<string[]> {
  const expected = new Map<string, Record<string, number>>();
  for (const [key, counts] of await actualSummary(db)) {
    const owner = key.split('|')[0]!;
    const sums = expected.get(owner) ?? {};
    for (const [column, value] of Object.entries(counts)) sums[column] = (sums[column] ?? 0) + value;
    expected.set(owner, sums);
  }
  const rows: Array<Record<string, unknown>> = await db.query('SELECT * FROM org_rollup_total');
  const actual = new Map(rows.map((row) => [String(row.owner_node_id), row]));
  const lines: string[] = [];
  for (const owner of [...new Set([...actual.keys(), ...expected.keys()])].sort()) {
    const a = actual.get(owner) ?? {};
    const e = expected.get(owner) ?? {};
    for (const column of new Set([...Object.keys(a), ...Object.keys(e)])) {
      if (column === 'owner_node_id') continue;
      if (Number(a[column] ?? 0) !== (e[column] ?? 0))
        lines.push(`${owner} ${column}: total ${Number(a[column] ?? 0)}, months ${e[column] ?? 0}`);
    }
  }
  return lines;
}

/** Differences between the table and the recomputation, one readable line per count. */
export function diffSummary(
  data: SourceData,
  actual: Map<string, Record<string, number>>,
  expected: Map<string, Record<string, number>>,
): string[] {
  const lines: string[] = [];
  for (const key of [...new Set([...actual.keys(), ...expected.keys()])].sort()) {
    const [owner, month] = key.split('|') as [string, string];
    const a = actual.get(key) ?? {};
    const e = expected.get(key) ?? {};
    for (const column of [...new Set([...Object.keys(a), ...Object.keys(e)])].sort()) {
      if ((a[column] ?? 0) !== (e[column] ?? 0))
        lines.push(
          `${data.nodeKey.get(owner) ?? owner} ${month} ${column}: table ${a[column] ?? 0}, expected ${e[column] ?? 0}`,
        );
    }
  }
  return lines;
}

const time = (d: Date | null | undefined) => (d ? d.getTime() : null);

/**
 * Stored rows that disagree with their sources: the classification's copies of experiment columns
 * (owner, status, scope, dates, restart and amendment flags), its copy of the current decision (kind, instant,
 * consistency with `expectedDecisions`), the `is_current` marker of the decisions, and (unless
 * `allClassified` is false) experiments without a stored classification.
 */
export function staleCopies(data: SourceData, allClassified = true): string[] {
  const lines: string[] = [];
  const classified = new Set<string>();
  for (const c of data.classifications) {
    classified.add(c.experiment_id);
    const e = data.experiments.get(c.experiment_id)!;
    const d = data.current.get(c.experiment_id);
    const pairs: Array<[string, unknown, unknown]> = [
      ['owner_node_id', c.owner_node_id, e.owner_node_id],
      ['status', c.status, e.status],
      ['counts_toward_ewl', c.counts_toward_ewl, e.counts_toward_ewl],
      ['started_at', time(c.started_at), time(e.started_at)],
      ['ended_at', time(c.ended_at), time(e.ended_at)],
      ['concluded_at', time(c.concluded_at), time(e.concluded_at)],
      ['is_restart', c.is_restart, e.restart_of_id !== null],
      ['design_amended', c.design_amended, e.design_amended_at !== null],
      ['decision_kind', c.decision_kind, d?.kind ?? null],
      ['decided_at', time(c.decided_at), time(d?.decided_at)],
      [
        'decision_consistent',
        c.decision_consistent,
        d ? expectedDecisions(c.category, c.sub_reason).includes(d.kind) : null,
      ],
    ];
    for (const [column, stored, source] of pairs) {
      if (stored !== source)
        lines.push(`${e.key} ${column}: stored ${JSON.stringify(stored)}, source ${JSON.stringify(source)}`);
    }
  }
  for (const d of data.decisions) {
    if (d.is_current !== (data.current.get(d.experiment_id)?.id === d.id))
      lines.push(`decision ${d.id} is_current ${d.is_current}`);
  }
  if (allClassified)
    for (const e of data.experiments.values())
      if (!classified.has(e.id)) lines.push(`${e.key}: no stored classification`);
  return lines;
}
