import { type ApolloServerPlugin, type GraphQLRequestContext, HeaderMap } from '@apollo/server';
import {
  type DocumentNode,
  type FormattedExecutionResult,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { type DataSource } from 'typeorm';
import { canonicalJson } from '../domain/idempotency';
import { type Principal } from '../domain/principal';
import { type CacheStamp, isFresh, type RollupDataState, stampOf } from '../db/queries/rollup-cache';
import { cacheablePolicy } from './cacheable';
import { type Context } from './context';

/**
 * Whether every field the document selects (in any operation or fragment) is declared `@Cacheable`
 * (and none passes the argument its declaration excludes); no mutation or subscription.
 */
export function isResponseCacheable(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let cacheable = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition(node) {
        if (node.operation !== 'query') cacheable = false;
      },
      Field(node) {
        if (node.name.value === '__typename') return;
        const field = typeInfo.getFieldDef();
        const policy = field ? cacheablePolicy(field) : undefined;
        if (!policy) cacheable = false;
        else if (policy.unlessArgument && node.arguments?.some((a) => a.name.value === policy.unlessArgument))
          cacheable = false;
      },
    }),
  );
  return (
    cacheable &&
    document.definitions.every((d) => d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION)
  );
}

/** Who the answer is for: everything of the principal that can change an answer (refused callers are never cached). */
function principalKey(principal: Principal): string | null {
  switch (principal.kind) {
    case 'API_KEY':
      return JSON.stringify(['key', principal.keyId, principal.scopes, principal.orgNodeId]);
    case 'ANONYMOUS':
      return 'anonymous';
    case 'INTERNAL':
      return JSON.stringify(['internal', principal.name]);
    case 'REFUSED':
      return null;
  }
}

interface Entry extends CacheStamp {
  /** Length of the answer's JSON text. */
  readonly bytes: number;
  /** Deep-frozen: every hit hands out this same object. */
  readonly result: FormattedExecutionResult;
}

/** Longest key kept: the document, operation name, used variables and caller (a dashboard's is well under 1 KB). */
export const RESPONSE_CACHE_MAX_KEY_LENGTH = 64 * 1024;

/**
 * The answers kept by {@link responseCachePlugin}. Keys and answers both count towards `maxBytes`
 * (measured as the length of the key and of the answer's JSON text, i.e. bytes for ASCII); beyond
 * it, or beyond `maxEntries`, the least recently used are dropped first. A key longer than
 * `maxKeyLength`, or an entry larger than `maxBytes` on its own, is not kept at all.
 */
export class ResponseCacheStore {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  /** Lookups that found an answer, and lookups that did not (metrics). */
  hits = 0;
  misses = 0;

  readonly maxBytes: number;
  readonly maxEntries: number;
  readonly maxKeyLength: number;

  constructor(options: { maxBytes: number; maxEntries?: number; maxKeyLength?: number }) {
    this.maxBytes = options.maxBytes;
    this.maxEntries = options.maxEntries ?? 200;
    this.maxKeyLength = options.maxKeyLength ?? RESPONSE_CACHE_MAX_KEY_LENGTH;
  }

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

  /** Keeps an answer; returns whether it was kept (false: key or answer too large). */
  set(key: string, entry: Entry): boolean {
    this.delete(key);
    if (key.length > this.maxKeyLength || key.length + entry.bytes > this.maxBytes) return false;
    this.entries.set(key, entry);
    this.bytes += key.length + entry.bytes;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes)
      this.delete(this.entries.keys().next().value!);
    return true;
  }

  private delete(key: string): void {
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= key.length + old.bytes;
      this.entries.delete(key);
    }
  }

  /** Number of answers kept. */
  get size(): number {
    return this.entries.size;
  }

  /** Total length of the keys and answers kept (never above `maxBytes`). */
  get byteSize(): number {
    return this.bytes;
  }
}

/**
 * The values of the variables the chosen operation declares, as canonical JSON (object keys
 * sorted at every level): variables it does not declare cannot change its answer, so they are
 * neither part of the key nor kept. Defaults are not applied: a variable left out and one sent
 * with its default value give two keys for one answer (both exact; applying defaults would mean
 * coercing every request's variables a second time).
 */
export function usedVariablesKey(
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): string {
  const used: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (variables !== undefined && Object.prototype.hasOwnProperty.call(variables, name)) used[name] = variables[name];
  }
  return canonicalJson(used);
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
 * same document, requested operation, values of the variables that operation declares (see
 * `usedVariablesKey`) and caller. Keys and answers are bounded in total bytes (see
 * `ResponseCacheStore`). A hit skips GraphQL execution
 * altogether (for the 1,055-node heat map, about 40,000 fields: most of its time; BENCHMARKS.md).
 * Only answers without errors are kept. The state is read before execution, so an
 * answer is never stored under a version newer than the data it read. Requests on another data
 * source (tests) are left alone. Off with the roll-up cache (STATS_CACHE=off).
 */
export function responseCachePlugin(
  schema: GraphQLSchema,
  dataSource: DataSource,
  store: ResponseCacheStore,
): ApolloServerPlugin<Context> {
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
    if (who === null || rc.source === undefined || rc.source.length > store.maxKeyLength) return null;
    const key = JSON.stringify([
      rc.source,
      rc.request.operationName ?? null,
      usedVariablesKey(operation, rc.request.variables),
      who,
    ]);
    return key.length > store.maxKeyLength ? null : key;
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
          if (!entry || !isFresh(entry, state)) return null;
          hit = true;
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: entry.result },
          };
        },
        async willSendResponse(rc) {
          if (hit || key === null || state === null || rc.response.body.kind !== 'single') return;
          const { singleResult } = rc.response.body;
          if (singleResult.errors?.length || singleResult.data == null) return;
          // Plain objects (graphql-js builds null-prototype ones, which JSON.stringify serialises about three times slower).
          const json = JSON.stringify(singleResult);
          store.set(key, {
            ...stampOf(state),
            bytes: json.length,
            result: deepFreeze(JSON.parse(json) as FormattedExecutionResult),
          });
        },
      };
    },
  };
}
