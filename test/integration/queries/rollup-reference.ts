import { type DataSource } from 'typeorm';
import { isDecisionConsistent } from '../../../src/domain/learning-category';
import type { CategorySubReason, LearningCategory } from '../../../src/domain/analysis-types';
import type { DecisionKind } from '../../../src/domain/experiment';
import { STALE_STOPPED_DAYS } from '../../../src/domain/ruleset';

/**
 * Brute-force recomputation of the roll-up statistics in plain TypeScript, for the tests: rows
 * loaded with simple SELECTs, ancestry walked through `parent_id` (not the closure table), and
 * straightforward loops. It shares no SQL with src/db/queries/rollup-reads.ts.
 */

interface Row {
  id: string;
  owner: string;
  kind: string;
  tags: string[];
  startedAt: Date | null;
  restartOf: string | null;
  amendedAt: Date | null;
  status: string;
  counts: boolean;
  category: LearningCategory;
  subReason: CategorySubReason | null;
  reasons: string[];
  endedAt: Date | null;
  concludedAt: Date | null;
  decision: { kind: DecisionKind; decidedAt: Date } | null;
  plannedRuntimeDays: number | null;
  mdeRel: number[];
  poweredEffectRel: number[];
}

export interface ReferenceData {
  readonly rows: Row[];
  readonly parentOf: Map<string, string | null>;
  readonly keyOf: Map<string, string>;
}

/** The stored classification's columns the reference reads; `never` lets them flow into the typed row. */
type StoredRow = Readonly<
  Record<
    | 'status'
    | 'counts_toward_ewl'
    | 'category'
    | 'sub_reason'
    | 'validity_reasons'
    | 'ended_at'
    | 'concluded_at'
    | 'planned_runtime_days'
    | 'success_mde_rel'
    | 'success_powered_effect_rel',
    never
  >
>;

export async function loadReferenceData(dataSource: DataSource): Promise<ReferenceData> {
  const nodes: Array<{ id: string; key: string; parent_id: string | null }> = await dataSource.query(
    'SELECT id, key, parent_id FROM org_node',
  );
  const experiments = await dataSource.query(
    'SELECT id, owner_node_id, kind, tags, started_at, restart_of_id, design_amended_at FROM experiment',
  );
  const stored = await dataSource.query('SELECT * FROM experiment_classification');
  const decisions = await dataSource.query('SELECT experiment_id, kind, decided_at FROM decision WHERE is_current');
  const storedById = new Map(stored.map((s: { experiment_id: string }) => [s.experiment_id, s]));
  const decisionById = new Map(decisions.map((d: { experiment_id: string }) => [d.experiment_id, d]));
  const rows: Row[] = [];
  for (const e of experiments) {
    const s = storedById.get(e.id) as StoredRow | undefined;
    if (s === undefined) throw new Error(`Experiment ${e.id} has no stored classification`);
    const d = decisionById.get(e.id) as { kind: DecisionKind; decided_at: Date } | undefined;
    rows.push({
      id: e.id,
      owner: e.owner_node_id,
      kind: e.kind,
      tags: e.tags,
      startedAt: e.started_at ? new Date(e.started_at) : null,
      restartOf: e.restart_of_id,
      amendedAt: e.design_amended_at ? new Date(e.design_amended_at) : null,
      status: s.status,
      counts: s.counts_toward_ewl,
      category: s.category,
      subReason: s.sub_reason,
      reasons: s.validity_reasons,
      endedAt: s.ended_at ? new Date(s.ended_at) : null,
      concludedAt: s.concluded_at ? new Date(s.concluded_at) : null,
      decision: d ? { kind: d.kind, decidedAt: new Date(d.decided_at) } : null,
      plannedRuntimeDays: s.planned_runtime_days,
      mdeRel: s.success_mde_rel ?? [],
      poweredEffectRel: s.success_powered_effect_rel ?? [],
    });
  }
  return {
    rows,
    parentOf: new Map(nodes.map((n) => [n.id, n.parent_id])),
    keyOf: new Map(nodes.map((n) => [n.id, n.key])),
  };
}

export interface ReferenceQuery {
  /** null: every experiment (portfolio). */
  readonly nodeId: string | null;
  readonly scope: 'OWN' | 'SUBTREE';
  readonly from: Date | null;
  readonly to: Date;
  readonly now: Date;
  readonly filter?: (row: { kind: string; tags: string[] }) => boolean;
}

const DAY = 86_400_000;
const Z = 1.959963984540054;

function isUnder(data: ReferenceData, owner: string, nodeId: string): boolean {
  for (let n: string | null | undefined = owner; n; n = data.parentOf.get(n)) if (n === nodeId) return true;
  return false;
}

/** Wilson score interval straight from docs/ewl-rules.md §8. */
function rate(x: number, n: number) {
  if (n === 0) return null;
  const p = x / n;
  const centre = (p + (Z * Z) / (2 * n)) / (1 + (Z * Z) / n);
  const half = (Z / (1 + (Z * Z) / n)) * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  return {
    value: p,
    lower: Math.max(0, centre - half),
    upper: Math.min(1, centre + half),
    smallSample: n < 10,
    successes: x,
    total: n,
  };
}

function listOf<K extends string>(counts: Map<K, number>, name: string) {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([key, count]) => ({ [name]: key, count }));
}

function bump<K>(map: Map<K, number>, key: K) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** The conclusion date seen at `asOf`: docs/ewl-rules.md §6.4 written out. */
function conclusionOn(r: Row, asOf: Date): Date | null {
  if (r.status === 'CONCLUDED' || r.status === 'ARCHIVED') return r.concludedAt;
  if (r.status === 'STOPPED')
    return r.concludedAt ?? (asOf.getTime() - r.endedAt!.getTime() > STALE_STOPPED_DAYS * DAY ? r.endedAt : null);
  return null;
}

/** The experiments behind the decision debt: in scope, concluded in the window, no decision; oldest first, then id. */
export function referenceDecisionDebt(
  data: ReferenceData,
  q: ReferenceQuery,
): Array<{ id: string; concludedOn: Date }> {
  const asOf = q.to.getTime() < q.now.getTime() ? q.to : q.now;
  const out: Array<{ id: string; concludedOn: Date }> = [];
  for (const r of data.rows) {
    if (q.nodeId !== null && (q.scope === 'OWN' ? r.owner !== q.nodeId : !isUnder(data, r.owner, q.nodeId))) continue;
    if (q.filter && !q.filter(r)) continue;
    const concludedOn = conclusionOn(r, asOf);
    if (concludedOn === null || concludedOn >= q.to || (q.from !== null && concludedOn < q.from)) continue;
    if (r.counts && r.decision === null) out.push({ id: r.id, concludedOn });
  }
  return out.sort((a, b) => a.concludedOn.getTime() - b.concludedOn.getTime() || (a.id < b.id ? -1 : 1));
}

/** The expected `OrgStats` response for one node (or the portfolio), scope and window. */
export function referenceStats(data: ReferenceData, q: ReferenceQuery) {
  const asOf = q.to.getTime() < q.now.getTime() ? q.to : q.now;
  const cat = new Map<string, number>();
  const reasons = new Map<string, number>();
  const subReasons = new Map<string, number>();
  const kinds = new Map<string, number>();
  let concluded = 0,
    pending = 0,
    excluded = 0,
    restarts = 0,
    inconsistent = 0,
    undecided = 0,
    amended = 0,
    started = 0,
    withPlan = 0,
    longer = 0;
  let oldest: Date | null = null;
  const delays: number[] = [];
  const daysRun: number[] = [];
  const mdes: number[] = [];
  const powered: number[] = [];
  for (const r of data.rows) {
    if (q.nodeId !== null && (q.scope === 'OWN' ? r.owner !== q.nodeId : !isUnder(data, r.owner, q.nodeId))) continue;
    if (q.filter && !q.filter(r)) continue;
    const concludedOn = conclusionOn(r, asOf);
    const inWindow = concludedOn !== null && concludedOn < q.to && (q.from === null || concludedOn >= q.from);
    if (r.counts && r.startedAt && r.startedAt < q.to && (concludedOn === null || concludedOn >= q.to)) pending += 1;
    if (r.counts && r.restartOf && r.startedAt && r.startedAt < q.to && (q.from === null || r.startedAt >= q.from))
      restarts += 1;
    if (r.counts && r.startedAt && r.startedAt < q.to && (q.from === null || r.startedAt >= q.from)) started += 1;
    if (!inWindow) continue;
    if (!r.counts) {
      excluded += 1;
      continue;
    }
    concluded += 1;
    if (r.amendedAt !== null) amended += 1;
    const days = (r.endedAt!.getTime() - r.startedAt!.getTime()) / DAY;
    daysRun.push(days);
    if (r.plannedRuntimeDays !== null) {
      withPlan += 1;
      if (days > r.plannedRuntimeDays) longer += 1;
    }
    mdes.push(...r.mdeRel);
    powered.push(...r.poweredEffectRel);
    bump(cat, r.category);
    if (r.category === 'INVALID') for (const reason of r.reasons) bump(reasons, reason);
    if (r.category === 'UNDERPOWERED') bump(subReasons, r.subReason);
    if (r.decision) {
      bump(kinds, r.decision.kind);
      if (isDecisionConsistent(r.decision.kind, r.category, r.subReason) === false) inconsistent += 1;
      delays.push((r.decision.decidedAt.getTime() - r.endedAt!.getTime()) / DAY);
    } else {
      undecided += 1;
      if (oldest === null || concludedOn! < oldest) oldest = concludedOn;
    }
  }
  const median = medianOf(delays);
  const n = (c: string) => cat.get(c) ?? 0;
  return {
    concluded,
    counts: {
      win: n('WIN'),
      regression: n('REGRESSION'),
      poweredNeutral: n('POWERED_NEUTRAL'),
      underpowered: n('UNDERPOWERED'),
      invalid: n('INVALID'),
      pending,
      excluded,
    },
    learningRate: rate(n('WIN') + n('REGRESSION') + n('POWERED_NEUTRAL'), concluded),
    winRate: rate(n('WIN'), concluded),
    regressionRate: rate(n('REGRESSION'), concluded),
    neutralRate: rate(n('POWERED_NEUTRAL'), concluded),
    underpoweredRate: rate(n('UNDERPOWERED'), concluded),
    invalidRate: rate(n('INVALID'), concluded),
    pending,
    excluded,
    restarts,
    invalidByReason: listOf(reasons, 'reason'),
    underpoweredBySubReason: listOf(subReasons, 'subReason'),
    decisionsByKind: listOf(kinds, 'kind'),
    inconsistentDecisions: inconsistent,
    amendedAfterLaunch: amended,
    decisionDebt: {
      count: undecided,
      oldestAgeDays: oldest === null ? null : (asOf.getTime() - (oldest as Date).getTime()) / DAY,
    },
    medianDaysToDecision: median,
    shippingRate: rate((kinds.get('SHIP') ?? 0) + (kinds.get('SHIP_INFRA') ?? 0), concluded),
    volume: { started, concluded },
    precision: {
      mdeRelative: { median: medianOf(mdes), count: mdes.length },
      poweredEffectRelative: { median: medianOf(powered), count: powered.length },
    },
    runtime: {
      daysRun: { median: medianOf(daysRun), count: daysRun.length },
      longerThanPlanned: rate(longer, withPlan),
    },
  };
}

/** The middle value, or the mean of the two middle ones; null for none. */
function medianOf(values: number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return null;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounds every number (floats from SQL and from JS differ in the last bits). */
export function rounded<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_k, v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v));
}

/** Fragments selecting every field of OrgStats. */
export const STATS_FRAGMENT = `
fragment Rate on RateWithInterval { value lower upper smallSample successes total }
fragment Stats on OrgStats {
  concluded counts { win regression poweredNeutral underpowered invalid pending excluded }
  learningRate { ...Rate } winRate { ...Rate } regressionRate { ...Rate } neutralRate { ...Rate } underpoweredRate { ...Rate } invalidRate { ...Rate }
  pending excluded restarts invalidByReason { reason count } underpoweredBySubReason { subReason count } decisionsByKind { kind count }
  inconsistentDecisions amendedAfterLaunch decisionDebt { count oldestAgeDays } medianDaysToDecision shippingRate { ...Rate }
  volume { started concluded }
  precision { mdeRelative { median count } poweredEffectRelative { median count } }
  runtime { daysRun { median count } longerThanPlanned { ...Rate } }
}`;
