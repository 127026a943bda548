import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects a field named `name` anywhere below it (through
 * nested fields, inline fragments and named fragments). Lets a resolver skip work whose result
 * nobody asked for, such as the median of the roll-up statistics. Directives (@skip/@include) are
 * not evaluated: a conditionally selected field counts as selected, which only costs work.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return selects(info, name, 'anywhere below');
}

/**
 * Whether the object the field being resolved returns has its field `name` selected (directly or
 * through fragments, not in nested objects), e.g. a connection's `totalCount`. Directives are not
 * evaluated, as in {@link selectsField}.
 */
export function selectsChildField(info: GraphQLResolveInfo, name: string): boolean {
  return selects(info, name, 'children only');
}

function selects(info: GraphQLResolveInfo, name: string, depth: 'anywhere below' | 'children only'): boolean {
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): boolean => {
    if (!set) return false;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) return true;
        if (depth === 'anywhere below' && visit(selection.selectionSet)) return true;
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
