import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import { type Context } from './context';

/**
 * Whether the field being resolved selects a field named `name` anywhere below it (through
 * nested fields, inline fragments and named fragments). Lets a resolver skip work whose result
 * nobody asked for, such as the median of the roll-up statistics. Directives (@skip/@include) are
 * not evaluated: a conditionally selected field counts as selected, which only costs work.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): boolean => {
    if (!set) return false;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name || visit(selection.selectionSet)) return true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (visit(selection.selectionSet)) return true;
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        if (visit(info.fragments[selection.name.value]?.selectionSet)) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((node: FieldNode) => visit(node.selectionSet));
}

/**
 * `compute()` once per request and field of the document, for values that depend only on the
 * field's arguments, its selection and the request (clock, variables): a field under a list
 * (`orgNodes { stats(...) }`) resolves once per item with the same arguments, and graphql-js hands
 * every item the same `info.fieldNodes` array, which is the key here. Sharing one parsed argument
 * object also lets DataLoader keys of all items serialise it once.
 */
export function oncePerField<T>(ctx: Context, info: GraphQLResolveInfo, compute: () => T): T {
  if (ctx.perField.has(info.fieldNodes)) return ctx.perField.get(info.fieldNodes) as T;
  const value = compute();
  ctx.perField.set(info.fieldNodes, value);
  return value;
}
