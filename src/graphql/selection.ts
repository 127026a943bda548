import {
  type FieldNode,
  getArgumentValues,
  getNamedType,
  type GraphQLResolveInfo,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';

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

/**
 * The fields selected directly under `parents` (every alias, through inline and named fragments,
 * not in nested objects). Directives are not evaluated, as in {@link selectsField}.
 */
export function childFieldNodes(
  info: Pick<GraphQLResolveInfo, 'fragments'>,
  parents: readonly FieldNode[],
): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const parent of parents) {
    const seen = new Set<string>();
    const visit = (set: SelectionSetNode | undefined): void => {
      for (const selection of set?.selections ?? []) {
        if (selection.kind === Kind.FIELD) fields.push(selection);
        else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
        else if (!seen.has(selection.name.value)) {
          seen.add(selection.name.value);
          visit(info.fragments[selection.name.value]?.selectionSet);
        }
      }
    };
    visit(parent.selectionSet);
  }
  return fields;
}

/**
 * The fields selected on the object at `path` below the field being resolved: `[]` for the object
 * it returns, `['edges', 'node']` for the nodes of a connection (each step over every alias of
 * that field name).
 */
export function fieldNodesAt(info: GraphQLResolveInfo, path: readonly string[]): FieldNode[] {
  let nodes: readonly FieldNode[] = info.fieldNodes;
  for (const step of path) nodes = childFieldNodes(info, nodes).filter((node) => node.name.value === step);
  return childFieldNodes(info, nodes);
}

/**
 * The arguments (coerced, defaults applied, variables substituted) of every selection of the
 * returned object's field `name` (one entry per alias): lets a resolver answer its children's
 * arguments in the same statement, e.g. the pages of MetricInsight.effects. Directives are not
 * evaluated, as in {@link selectsField}: a skipped selection only costs work.
 */
export function childFieldArguments(info: GraphQLResolveInfo, name: string): Array<Record<string, unknown>> {
  const type = getNamedType(info.returnType);
  const definition = isObjectType(type) ? type.getFields()[name] : undefined;
  if (!definition) return [];
  return childFieldNodes(info, info.fieldNodes)
    .filter((node) => node.name.value === name)
    .map((node) => getArgumentValues(definition, node, info.variableValues));
}
