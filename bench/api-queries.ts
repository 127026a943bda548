import { type DataSource } from 'typeorm';

/**
 * The five operations of the issue #4 load test (GraphQL documents with variables, so every
 * request of one query has the same document and only the key changes).
 */
const ARM_METRIC_FIELDS = `metricKey role dataStatus meanC meanT diffAbs diffRel ciAbs { lower upper }
  pValueSuperiority pValueNonInferiority pValueDeterioration achievedPower isPowered superior nonInferior deteriorated`;

/** Q1: one experiment with its analysis (computed on read from the stored sufficient statistics). */
export const Q1 = `query Q1($key: String!) {
  experiment(key: $key) {
    key title status
    analysis {
      category provisionalCategory validity recommendation subReason provisional isLearning isWin
      validityReasons { code }
      arms { variantKey category subReason recommendation powered metrics { ${ARM_METRIC_FIELDS} } }
    }
  }
}`;

/**
 * Q1d: one experiment by key with its variants, metrics and their (exposure) results, without the
 * analysis: the by-key shape of issue #11, asked of PostGraphile too (bench/postgraphile/documents.ts).
 */
export const Q1D = `query Q1d($key: String!) {
  experiment(key: $key) {
    key title status
    variants { key isControl units }
    metrics { metric { key } results { n sum } }
  }
}`;

/** Q2: one team page: 50 experiments with variants, metrics and their results, current decision and category. */
export const Q2 = `query Q2($key: String!, $first: Int!) {
  orgNode(key: $key) {
    experiments(first: $first) {
      edges { node {
        key title status
        variants { key isControl units }
        metrics { metric { key } results { n sum } }
        decision { kind }
        ewlCategory
      } }
    }
  }
}`;

const RATE = '{ value lower upper smallSample }';
const FULL_STATS = `concluded pending excluded restarts inconsistentDecisions medianDaysToDecision
  counts { win regression poweredNeutral underpowered invalid pending excluded }
  learningRate ${RATE} winRate ${RATE} regressionRate ${RATE} neutralRate ${RATE} underpoweredRate ${RATE} invalidRate ${RATE}
  invalidByReason { reason count } underpoweredBySubReason { subReason count } decisionsByKind { kind count }
  decisionDebt { count oldestAgeDays }`;
/** What a whole-tree heat map shows per node. */
const TREE_STATS = `concluded pending excluded inconsistentDecisions decisionDebt { count }
  learningRate ${RATE} winRate ${RATE} regressionRate ${RATE} neutralRate ${RATE} underpoweredRate ${RATE} invalidRate ${RATE}`;

/** Q3: one company's SUBTREE stats, every field (a leader's dashboard). */
export const Q3 = `query Q3($key: String!) { orgNode(key: $key) { key stats(scope: SUBTREE) { ${FULL_STATS} } } }`;

/** Q4: stats of every org node at once (the tree heat map). */
export const Q4 = `query Q4 { orgNodes { key parentId stats { ${TREE_STATS} } } }`;

/** Q4 with a small selection (rate and interval of learning only): how much of Q4 is the size of the answer. */
export const Q4_SMALL = `query Q4s { orgNodes { key stats { concluded learningRate { value lower upper } } } }`;

/** Q4 restricted to one node's children: the statement count must be the same as for the whole tree. */
export const Q4_CHILDREN = `query Q4c($key: String!) { orgNode(key: $key) { children { key parentId stats { ${TREE_STATS} } } } }`;

/** Q5: an analyst query: what did we learn in an area (experiments with decisions and learnings). */
export const Q5 = `query Q5($tags: [String!], $first: Int!) {
  experiments(first: $first, filter: { tagsAny: $tags, isLearning: true }) {
    edges { node { key decision { kind rationale } learnings { summary } } }
  }
}`;

export type QueryName = 'Q1' | 'Q1d' | 'Q2' | 'Q3' | 'Q4' | 'Q4s' | 'Q5';

export interface GraphQLRequest {
  readonly operationName: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

/** Keys the requests cycle through, picked from the loaded data (deterministic: ordered by md5). */
export interface KeyPools {
  readonly experimentKeys: string[];
  readonly teamKeys: string[];
  readonly companyKeys: string[];
  readonly tags: string[];
}

export async function readKeyPools(dataSource: DataSource): Promise<KeyPools> {
  const keys = async (sql: string): Promise<string[]> =>
    ((await dataSource.query(sql)) as Array<{ k: string }>).map((r) => r.k);
  return {
    experimentKeys: await keys(`SELECT key AS k FROM experiment ORDER BY md5(key) LIMIT 1000`),
    // Teams with a full page first, so Q2 requests return 50 experiments (all of them do at 100,000).
    teamKeys: await keys(`SELECT n.key AS k FROM org_node n JOIN experiment e ON e.owner_node_id = n.id
      WHERE n.kind = 'team' GROUP BY n.key ORDER BY count(*) >= 50 DESC, md5(n.key) LIMIT 200`),
    companyKeys: await keys(`SELECT key AS k FROM org_node WHERE parent_id IS NULL ORDER BY key`),
    tags: await keys(
      `SELECT tag AS k FROM (SELECT unnest(tags) AS tag FROM experiment) t GROUP BY tag ORDER BY count(*) DESC, tag LIMIT 20`,
    ),
  };
}

/** The requests one query's load cycles through. */
export function requestsFor(name: QueryName, pools: KeyPools, pageSize?: number): GraphQLRequest[] {
  switch (name) {
    case 'Q1':
      return pools.experimentKeys.map((key) => ({ operationName: 'Q1', query: Q1, variables: { key } }));
    case 'Q1d':
      return pools.experimentKeys.map((key) => ({ operationName: 'Q1d', query: Q1D, variables: { key } }));
    case 'Q2':
      return pools.teamKeys.map((key) => ({
        operationName: 'Q2',
        query: Q2,
        variables: { key, first: pageSize ?? 50 },
      }));
    case 'Q3':
      return pools.companyKeys.map((key) => ({ operationName: 'Q3', query: Q3, variables: { key } }));
    case 'Q4':
      return [{ operationName: 'Q4', query: Q4, variables: {} }];
    case 'Q4s':
      return [{ operationName: 'Q4s', query: Q4_SMALL, variables: {} }];
    case 'Q5':
      return pools.tags.map((tag) => ({
        operationName: 'Q5',
        query: Q5,
        variables: { tags: [tag], first: pageSize ?? 100 },
      }));
  }
}
