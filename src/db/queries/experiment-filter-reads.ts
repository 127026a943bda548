import {
  DATA_CATEGORIES,
  type LearningCategory,
  type Recommendation,
  type Validity,
} from '../../domain/analysis-types';
import type { DecisionKind, ExperimentKind, ExperimentStatus, MetricRole } from '../../domain/experiment';
import { type SqlParams } from './page-reads';
import { concludingStatusSql, effectiveCategoryInSql, learningCategories } from '../sql/ewl-rules.sql';

/**
 * Which experiments a list shows. Every given criterion must hold (AND); an absent, null or empty
 * list does not restrict. Date ranges are half-open: `from <= date < to`.
 */
export interface ExperimentFilter {
  /** Owner node; unknown ids match nothing (empty result, not an error). */
  readonly ownerNodeId?: string | null;
  /** Owner node by key, instead of `ownerNodeId`; unknown keys match nothing. */
  readonly ownerNodeKey?: string | null;
  /** With an owner (or an OrgNode scope): true (default) = the node and its whole subtree, false = the node only. */
  readonly includeDescendants?: boolean | null;
  readonly status?: readonly ExperimentStatus[] | null;
  readonly kind?: readonly ExperimentKind[] | null;
  /** The experiment has every one of these tags. */
  readonly tagsAll?: readonly string[] | null;
  /** The experiment has at least one of these tags. */
  readonly tagsAny?: readonly string[] | null;
  /** The experiment's product surface is one of these (compared normalised: trimmed, lower-cased). */
  readonly surface?: readonly string[] | null;
  /** The experiment measures at least one of these catalogue metrics (by key)... */
  readonly metricKeys?: readonly string[] | null;
  /** ...in this role (with metricKeys: one of them in this role; alone: any metric in this role). */
  readonly metricRole?: MetricRole | null;
  readonly startedFrom?: Date | null;
  readonly startedTo?: Date | null;
  readonly endedFrom?: Date | null;
  readonly endedTo?: Date | null;
  readonly concludedFrom?: Date | null;
  readonly concludedTo?: Date | null;
  /** Kind of the current (latest) decision; experiments without a decision never match. */
  readonly decisionKind?: readonly DecisionKind[] | null;
  /** PostgreSQL web-search syntax over title, key, description, hypotheses and linked learnings. */
  readonly search?: string | null;
  /** Stored EwL category at `asOf` (the 30-day rule for STOPPED experiments applied in SQL). */
  readonly category?: readonly LearningCategory[] | null;
  readonly validity?: readonly Validity[] | null;
  /** true: WIN, REGRESSION or POWERED_NEUTRAL at `asOf`; false: UNDERPOWERED or INVALID (PENDING and EXCLUDED match neither). */
  readonly isLearning?: boolean | null;
  readonly recommendation?: readonly Recommendation[] | null;
  /** Instant for the category rules (default: the database's now()). */
  readonly asOf?: Date | null;
  /**
   * Set by the server, never by clients: the org node an API key is limited to. Experiments owned
   * outside its subtree never match (README "Access"), whatever else the filter says.
   */
  readonly withinNodeId?: string | null;
}

/**
 * The criteria on an experiment's own attributes: what statistics can pool by (`stats`, `ranking`,
 * `statsSeries` filters) besides every `experiments` list.
 */
export const ATTRIBUTE_FILTER_FIELDS = ['kind', 'tagsAny', 'tagsAll', 'surface', 'metricKeys', 'metricRole'] as const;
export type AttributeFilterField = (typeof ATTRIBUTE_FILTER_FIELDS)[number];
export type AttributeFilter = Pick<ExperimentFilter, AttributeFilterField>;

/** The filter's date ranges: the `from` and `to` fields and the column they bound. */
export const DATE_RANGES = [
  ['startedFrom', 'startedTo', 'started_at'],
  ['endedFrom', 'endedTo', 'ended_at'],
  ['concludedFrom', 'concludedTo', 'concluded_at'],
] as const;

/** SQL condition: experiment `e` is owned by the node `nodeSql` (or, with descendants, by a node in its subtree). */
function ownedBy(nodeSql: string, includeDescendants: boolean): string {
  // One indexed semi-join on the closure table's primary key (ancestor_id, descendant_id).
  return includeDescendants
    ? `e.owner_node_id IN (SELECT oc.descendant_id FROM org_node_closure oc WHERE oc.ancestor_id = ${nodeSql})`
    : `e.owner_node_id = ${nodeSql}`;
}

/**
 * Text search: the experiment's own `search` vector, or any of its hypotheses', or any linked
 * learning's. Written as a UNION of three GIN-indexed lookups rather than `a OR EXISTS b OR EXISTS c`,
 * which PostgreSQL cannot answer from the indexes.
 */
function searchCondition(query: string): string {
  const tsQuery = `websearch_to_tsquery('english', ${query})`;
  return `e.id IN (
    SELECT se.id FROM experiment se WHERE se.search @@ ${tsQuery}
    UNION SELECT sh.experiment_id FROM hypothesis sh WHERE sh.search @@ ${tsQuery}
    UNION SELECT sle.experiment_id FROM learning sl JOIN learning_experiment sle ON sle.learning_id = sl.id WHERE sl.search @@ ${tsQuery})`;
}

/**
 * Translates a (validated) filter into SQL conditions over the alias `e` (table `experiment`),
 * adding their parameters to `params`. `scopeNodeSql`, when given, is an SQL expression of an org
 * node id that the experiments must belong to (OrgNode.experiments).
 */
export function buildExperimentFilterConditions(
  filter: ExperimentFilter,
  params: SqlParams,
  scopeNodeSql?: string,
): string[] {
  const conditions: string[] = [];
  const descendants = filter.includeDescendants ?? true;
  if (scopeNodeSql) conditions.push(ownedBy(scopeNodeSql, descendants));
  if (filter.withinNodeId != null) conditions.push(ownedBy(`${params.add(filter.withinNodeId)}::uuid`, true));
  if (filter.ownerNodeId != null) conditions.push(ownedBy(`${params.add(filter.ownerNodeId)}::uuid`, descendants));
  if (filter.ownerNodeKey != null) {
    conditions.push(
      ownedBy(`(SELECT kn.id FROM org_node kn WHERE kn.key = ${params.add(filter.ownerNodeKey)})`, descendants),
    );
  }
  if (filter.status?.length) conditions.push(`e.status = ANY(${params.add(filter.status)}::text[])`);
  if (filter.kind?.length) conditions.push(`e.kind = ANY(${params.add(filter.kind)}::text[])`);
  if (filter.tagsAll?.length) conditions.push(`e.tags @> ${params.add(filter.tagsAll)}::text[]`);
  if (filter.tagsAny?.length) conditions.push(`e.tags && ${params.add(filter.tagsAny)}::text[]`);
  if (filter.surface?.length)
    conditions.push(`e.surface = ANY(${params.add(filter.surface.map((s) => s.trim().toLowerCase()))}::text[])`);
  if (filter.metricKeys?.length || filter.metricRole != null) {
    const byKey = filter.metricKeys?.length
      ? ` AND fm.metric_id IN (SELECT fk.id FROM metric fk WHERE fk.key = ANY(${params.add(filter.metricKeys)}::text[]))`
      : '';
    const byRole = filter.metricRole != null ? ` AND fm.role = ${params.add(filter.metricRole)}` : '';
    conditions.push(`EXISTS (SELECT 1 FROM experiment_metric fm WHERE fm.experiment_id = e.id${byKey}${byRole})`);
  }
  for (const [fromField, toField, column] of DATE_RANGES) {
    const from = filter[fromField];
    const to = filter[toField];
    if (from) conditions.push(`e.${column} >= ${params.add(from.toISOString())}::timestamptz`);
    if (to) conditions.push(`e.${column} < ${params.add(to.toISOString())}::timestamptz`);
  }
  if (filter.decisionKind?.length) {
    conditions.push(
      `EXISTS (SELECT 1 FROM decision cd WHERE cd.experiment_id = e.id AND cd.is_current AND cd.kind = ANY(${params.add(filter.decisionKind)}::text[]))`,
    );
  }
  const search = filter.search?.trim();
  if (search) conditions.push(searchCondition(params.add(search)));
  conditions.push(...classificationConditions(filter, params));
  return conditions;
}

/** Every category in `categories` is a data category (none PENDING or EXCLUDED). */
const onlyDataCategories = (categories: readonly LearningCategory[]) =>
  categories.every((category) => (DATA_CATEGORIES as readonly LearningCategory[]).includes(category));

function classificationConditions(filter: ExperimentFilter, params: SqlParams): string[] {
  const conditions: string[] = [];
  const asOf = () => `coalesce(${params.add(filter.asOf ? filter.asOf.toISOString() : null)}::timestamptz, now())`;
  const stored = (condition: string) =>
    `EXISTS (SELECT 1 FROM experiment_classification ec WHERE ec.experiment_id = e.id AND ${condition})`;
  if (filter.category?.length) conditions.push(stored(effectiveCategoryInSql('ec', asOf(), filter.category)));
  if (filter.validity?.length) conditions.push(stored(`ec.validity = ANY(${params.add(filter.validity)}::text[])`));
  if (filter.recommendation?.length)
    conditions.push(stored(`ec.recommendation = ANY(${params.add(filter.recommendation)}::text[])`));
  if (filter.isLearning != null)
    conditions.push(stored(effectiveCategoryInSql('ec', asOf(), learningCategories(filter.isLearning))));
  // Implied by a data category, and served by the partial index of concluding experiments
  // (experiment_concluding_created_at_idx): the scan skips the DRAFT and RUNNING ones, the newest.
  if (filter.isLearning != null || (filter.category?.length && onlyDataCategories(filter.category)))
    conditions.push(concludingStatusSql('e'));
  return conditions;
}
