import { type ApolloServerPlugin, type GraphQLRequestContext, HeaderMap } from '@apollo/server';
import { type DocumentNode, type FormattedExecutionResult, type GraphQLSchema, Kind, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import { type DataSource } from 'typeorm';
import { type Principal } from '../domain/principal';
import { type RollupDataState } from '../db/queries/rollup-cache';
import { type Context } from './context';

/**
 * The fields whose value depends only on tables that bump the roll-up data version (org nodes, the
 * closure, stored classifications and their history, experiments, decisions) and on the clock only
 * through the roll-up validity horizon. Listed one by one, so that a new field is never cached
 * until someone has checked it. Left out on purpose (and `stats` / `ranking` with a `from`):
 * - `DecisionDebt.oldestAgeDays`: an age, it grows with every request's clock;
 * - `OrgNode.statsSeries`: the last period ends at the request's clock;
 * - `OrgNode.experiments`, `Query.portfolioStats` and everything else: they read tables (results,
 *   variants, learnings, ...) or clocks the version and horizon do not cover.
 */
export const RESPONSE_CACHEABLE_FIELDS: ReadonlySet<string> = new Set([
  'Query.orgNode', 'Query.orgNodes',
  ...['id', 'key', 'name', 'kind', 'parentId', 'parent', 'children', 'ancestors', 'createdAt', 'updatedAt', 'version', 'stats', 'ranking'].map((f) => `OrgNode.${f}`),
  ...['concluded', 'counts', 'pending', 'excluded', 'restarts', 'learningRate', 'winRate', 'regressionRate', 'neutralRate', 'underpoweredRate',
    'invalidRate', 'invalidByReason', 'underpoweredBySubReason', 'decisionsByKind', 'inconsistentDecisions', 'decisionDebt', 'medianDaysToDecision'].map((f) => `OrgStats.${f}`),
  ...['value', 'lower', 'upper', 'successes', 'total', 'smallSample'].map((f) => `RateWithInterval.${f}`),
  ...['win', 'regression', 'poweredNeutral', 'underpowered', 'invalid', 'pending', 'excluded'].map((f) => `CategoryCounts.${f}`),
  'DecisionDebt.count',
  'DecisionKindCount.kind', 'DecisionKindCount.count', 'SubReasonCount.subReason', 'SubReasonCount.count',
  'ValidityReasonCount.reason', 'ValidityReasonCount.count',
  'OrgNodeRank.rank', 'OrgNodeRank.node', 'OrgNodeRank.rate', 'OrgNodeRank.stats',
]);

/** Whether every field the document selects (in any operation or fragment) is response-cacheable; no mutation or subscription. */
export function isResponseCacheable(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let cacheable = true;
  visit(document, visitWithTypeInfo(typeInfo, {
    OperationDefinition(node) {
      if (node.operation !== 'query') cacheable = false;
    },
    Field(node) {
      if (node.name.value === '__typename') return;
      const parent = typeInfo.getParentType();
      if (!parent || !RESPONSE_CACHEABLE_FIELDS.has(`${parent.name}.${node.name.value}`)) cacheable = false;
      // A window start is checked against its end (at most 20 years before), which defaults to the
      // request's clock: the same `from` can turn invalid as time passes, so it is never kept.
      if (parent?.name === 'OrgNode' && node.arguments?.some((a) => a.name.value === 'from')) cacheable = false;
    },
  }));
  return cacheable && document.definitions.every((d) => d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION);
}

/** Who the answer is for: everything of the principal that can change an answer (refused callers are never cached). */
function principalKey(principal: Principal): string | null {
  switch (principal.kind) {
    case 'API_KEY': return JSON.stringify(['key', principal.keyId, principal.scopes, principal.orgNodeId]);
    case 'ANONYMOUS': return 'anonymous';
    case 'INTERNAL': return JSON.stringify(['internal', principal.name]);
    case 'REFUSED': return null;
  }
}

interface Entry {
  readonly version: string;
  /** The request clock it was computed at, and the validity horizon then (epoch ms). */
  readonly from: number;
  readonly until: number;
  readonly bytes: number;
  /** Deep-frozen: every hit hands out this same object. */
  readonly result: FormattedExecutionResult;
}

/** The answers kept by {@link responseCachePlugin}, least recently used dropped first beyond either bound. */
export class ResponseCacheStore {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  /** Lookups that found an answer, and lookups that did not (metrics). */
  hits = 0;
  misses = 0;

  constructor(readonly maxEntries = 200, readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.hits += 1;
    } else {
      this.misses += 1;
    }
    return entry;
  }

  set(key: string, entry: Entry): void {
    this.delete(key);
    if (entry.bytes > this.maxBytes) return;
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) this.delete(this.entries.keys().next().value!);
  }

  private delete(key: string): void {
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.bytes;
      this.entries.delete(key);
    }
  }

  /** Number of answers kept (tests). */
  get size(): number {
    return this.entries.size;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Whole answers of roll-up-only queries (the org tree heat map, a leader's dashboard), kept in
 * memory and reused exactly like the roll-up cache's rows: only under the same data version, for a
 * request clock between the one it was computed at and the validity horizon then, and only for the
 * same document, requested operation, variables and caller. A hit skips GraphQL execution
 * altogether (for the 1,055-node heat map, about 40,000 fields: most of its time; BENCHMARKS.md,
 * issue #4). Only answers without errors are kept. The state is read before execution, so an
 * answer is never stored under a version newer than the data it read. Requests on another data
 * source (tests) are left alone. Off with the roll-up cache (STATS_CACHE=off).
 */
export function responseCachePlugin(schema: GraphQLSchema, dataSource: DataSource, store: ResponseCacheStore): ApolloServerPlugin<Context> {
  const eligible = new WeakMap<DocumentNode, boolean>();

  const keyOf = (rc: GraphQLRequestContext<Context>): string | null => {
    const { document, operation } = rc;
    if (!document || !operation) return null;
    let ok = eligible.get(document);
    if (ok === undefined) {
      ok = isResponseCacheable(schema, document);
      eligible.set(document, ok);
    }
    const ctx = rc.contextValue as Partial<Context> | undefined;
    if (!ok || ctx?.dataSource !== dataSource || !ctx.principal || !ctx.loaders?.rollupCache) return null;
    const who = principalKey(ctx.principal);
    return who === null ? null : JSON.stringify([rc.source, rc.request.operationName ?? null, rc.request.variables ?? {}, who]);
  };

  return {
    async requestDidStart() {
      let key: string | null = null;
      let state: RollupDataState | null = null;
      let hit = false;
      return {
        async responseForOperation(rc) {
          key = keyOf(rc);
          if (key === null) return null;
          state = await rc.contextValue.loaders.rollupCache!.state();
          const entry = store.get(key);
          if (!entry || entry.version !== state.version || state.readAt < entry.from || state.readAt >= entry.until) return null;
          hit = true;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: entry.result } };
        },
        async willSendResponse(rc) {
          if (hit || key === null || state === null || rc.response.body.kind !== 'single') return;
          const { singleResult } = rc.response.body;
          if (singleResult.errors?.length || singleResult.data == null) return;
          // Plain objects (graphql-js builds null-prototype ones, which JSON.stringify serialises about three times slower).
          const json = JSON.stringify(singleResult);
          store.set(key, { version: state.version, from: state.readAt, until: state.validUntil, bytes: json.length, result: deepFreeze(JSON.parse(json) as FormattedExecutionResult) });
        },
      };
    },
  };
}
