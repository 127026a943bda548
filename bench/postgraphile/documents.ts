import { type DataCategory, type LearningCategory } from '../../src/domain/analysis-types';
import { type ExperimentStatus } from '../../src/domain/experiment';
import { effectiveCategory } from '../../src/domain/stored-classification';
import { type GraphQLRequest } from '../api-queries';

/**
 * Q1d and Q2 (bench/api-queries.ts) written for the schema PostGraphile 5 generates from our tables
 * (bench/postgraphile/server.mjs; `--print-schema` prints it), and the answers turned into the shape
 * of ours, so that the two can be compared value for value.
 *
 * Where PostGraphile cannot say what ours says, the document asks for what it takes to derive it
 * and `toOurShape` derives it, as a client of PostGraphile would:
 * - Metric results: ours lists them in variant order (the variant's position). PostGraphile orders a
 *   collection by its own columns only, so its results come with `variantId` and are sorted by the
 *   variants' order (asked in the same document, with their `rowId`).
 * - `ewlCategory`: ours is the stored category with the 30-day rule applied at the time of the
 *   request (effectiveCategory). PostGraphile returns the stored classification's columns that rule
 *   reads (the floor reads the same), and `toOurShape` applies the same function.
 * - The team page: ours lists the experiments of the node's subtree; PostGraphile has no closure
 *   relation, so it lists those the node owns (`experimentsByOwnerNodeId`). For a team, a leaf of the
 *   org tree, both are the same experiments; the parity check proves it on the sampled teams.
 * - `decision`: ours is the current decision; PostGraphile's is the decisions with `isCurrent: true`
 *   (at most one: the partial unique index decision_current_uq).
 * - BigInt columns (`units`, `n`) come as strings from PostGraphile, as Int from ours.
 * Ordering is otherwise the same: variants and experiment metrics by position then id, experiments
 * newest first by created_at then id.
 */

/** Q1d for PostGraphile. */
export const PG_Q1D = `query Q1d($key: String!) {
  experimentByKey(key: $key) {
    key title status
    variantsByExperimentId(orderBy: [POSITION_ASC, PRIMARY_KEY_ASC]) { nodes { rowId key isControl units } }
    experimentMetricsByExperimentId(orderBy: [POSITION_ASC, PRIMARY_KEY_ASC]) {
      nodes {
        metricByMetricId { key }
        metricResultsByExperimentMetricId(condition: { period: "EXPOSURE" }) { nodes { variantId n sum } }
      }
    }
  }
}`;

/** Q2 for PostGraphile. */
export const PG_Q2 = `query Q2($key: String!, $first: Int!) {
  orgNodeByKey(key: $key) {
    experimentsByOwnerNodeId(first: $first, orderBy: [CREATED_AT_DESC, PRIMARY_KEY_DESC]) {
      edges { node {
        key title status
        variantsByExperimentId(orderBy: [POSITION_ASC, PRIMARY_KEY_ASC]) { nodes { rowId key isControl units } }
        experimentMetricsByExperimentId(orderBy: [POSITION_ASC, PRIMARY_KEY_ASC]) {
          nodes {
            metricByMetricId { key }
            metricResultsByExperimentMetricId(condition: { period: "EXPOSURE" }) { nodes { variantId n sum } }
          }
        }
        decisionsByExperimentId(condition: { isCurrent: true }) { nodes { kind } }
        experimentClassificationByExperimentId { category provisionalCategory status countsTowardEwl endedAt concludedAt }
      } }
    }
  }
}`;

const DOCUMENTS: Readonly<Record<string, string>> = { Q1d: PG_Q1D, Q2: PG_Q2 };

/** The operations PostGraphile answers in the benchmark. */
export const POSTGRAPHILE_OPERATIONS = Object.keys(DOCUMENTS);

/** Our request for Q1d or Q2 as PostGraphile's: its document, the same variables. */
export function toPostGraphileRequest(request: GraphQLRequest): GraphQLRequest {
  const query = DOCUMENTS[request.operationName];
  if (!query) throw new Error(`PostGraphile has no document for ${request.operationName}`);
  return { operationName: request.operationName, query, variables: request.variables };
}

interface Nodes<T> {
  readonly nodes: readonly T[];
}
interface PgVariant {
  readonly rowId: string;
  readonly key: string;
  readonly isControl: boolean;
  readonly units: string | null;
}
interface PgExperimentMetric {
  readonly metricByMetricId: { readonly key: string };
  readonly metricResultsByExperimentMetricId: Nodes<{ variantId: string; n: string; sum: number }>;
}
interface PgExperiment {
  readonly key: string;
  readonly title: string;
  readonly status: string;
  readonly variantsByExperimentId: Nodes<PgVariant>;
  readonly experimentMetricsByExperimentId: Nodes<PgExperimentMetric>;
}
interface PgTeamExperiment extends PgExperiment {
  readonly decisionsByExperimentId: Nodes<{ kind: string }>;
  readonly experimentClassificationByExperimentId: {
    readonly category: LearningCategory;
    readonly provisionalCategory: DataCategory;
    readonly status: ExperimentStatus;
    readonly countsTowardEwl: boolean;
    readonly endedAt: string | null;
    readonly concludedAt: string | null;
  } | null;
}

const numberOrNull = (value: string | null) => (value === null ? null : Number(value));
const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));

/** Key, title, status, variants and metrics with results, as ours selects them. */
function experimentFields(e: PgExperiment) {
  const variants = e.variantsByExperimentId.nodes;
  const variantOrder = new Map(variants.map((v, i) => [v.rowId, i]));
  const orderOf = (variantId: string) => {
    const index = variantOrder.get(variantId);
    if (index === undefined) throw new Error(`PostGraphile: result of unknown variant ${variantId} in ${e.key}`);
    return index;
  };
  return {
    key: e.key,
    title: e.title,
    status: e.status,
    variants: variants.map((v) => ({ key: v.key, isControl: v.isControl, units: numberOrNull(v.units) })),
    metrics: e.experimentMetricsByExperimentId.nodes.map((m) => ({
      metric: { key: m.metricByMetricId.key },
      results: [...m.metricResultsByExperimentMetricId.nodes]
        .sort((a, b) => orderOf(a.variantId) - orderOf(b.variantId))
        .map((r) => ({ n: Number(r.n), sum: r.sum })),
    })),
  };
}

/**
 * PostGraphile's `data` for Q1d or Q2 in the shape of ours (see the notes at the top), with the
 * 30-day rule applied at `now`.
 */
export function toOurShape(operationName: string, data: unknown, now: Date): unknown {
  if (operationName === 'Q1d') {
    const e = (data as { experimentByKey: PgExperiment | null }).experimentByKey;
    return { experiment: e && experimentFields(e) };
  }
  if (operationName === 'Q2') {
    const node = (
      data as { orgNodeByKey: { experimentsByOwnerNodeId: { edges: Array<{ node: PgTeamExperiment }> } } | null }
    ).orgNodeByKey;
    if (!node) return { orgNode: null };
    const edges = node.experimentsByOwnerNodeId.edges.map(({ node: e }) => {
      const decisions = e.decisionsByExperimentId.nodes;
      if (decisions.length > 1) throw new Error(`PostGraphile: ${decisions.length} current decisions of ${e.key}`);
      const cls = e.experimentClassificationByExperimentId;
      return {
        node: {
          ...experimentFields(e),
          decision: decisions[0] ? { kind: decisions[0].kind } : null,
          ewlCategory: cls
            ? effectiveCategory(
                {
                  category: cls.category,
                  provisionalCategory: cls.provisionalCategory,
                  status: cls.status,
                  countsTowardEwl: cls.countsTowardEwl,
                  endedAt: dateOrNull(cls.endedAt),
                  concludedAt: dateOrNull(cls.concludedAt),
                },
                now,
              )
            : null,
        },
      };
    });
    return { orgNode: { experiments: { edges } } };
  }
  throw new Error(`PostGraphile has no document for ${operationName}`);
}
