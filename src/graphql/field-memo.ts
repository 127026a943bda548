import { type FieldNode, type GraphQLResolveInfo } from 'graphql';

interface Memo {
  readonly variableValues: unknown;
  readonly now: Date;
  readonly value: unknown;
}

/** What each field of an execution has computed from its arguments, by the field's nodes (see perField). */
const memos = new WeakMap<readonly FieldNode[], Memo>();

/**
 * `compute()` once per field of an operation, not once per object it is resolved on: the parsed
 * arguments of `OrgNode.stats` are the same for each of the 1,055 nodes of `orgNodes { stats }`.
 * What `compute` reads must follow from the field's nodes (its arguments and selection), the
 * variables and the request's clock `now`: graphql-js passes one `fieldNodes` array for a field
 * on every object of a list, and a new one to each execution, and a memo is reused only under the
 * same variables and clock. A `compute` that throws is not remembered (each call throws again).
 */
export function perField<T>(info: GraphQLResolveInfo, now: Date, compute: () => T): T {
  const memo = memos.get(info.fieldNodes);
  if (memo !== undefined && memo.variableValues === info.variableValues && memo.now === now) return memo.value as T;
  const value = compute();
  memos.set(info.fieldNodes, { variableValues: info.variableValues, now, value });
  return value;
}
