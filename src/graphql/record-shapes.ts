import { type FieldNode, getNamedType, type GraphQLObjectType, type GraphQLResolveInfo, isObjectType } from 'graphql';
import { type Context } from './context';
import { childFieldNodes } from './selection';

// Column pruning of the look-ahead (src/graphql/experiment-relations.ts): a relation whose
// selection reads only some properties of its records is read with only those columns, and kept
// here, apart from the relation loaders (whose records are whole: any field of the request may
// read them). A field resolver of such a relation answers from here when what is kept has every
// property its own selection reads, and through its loader otherwise.

/**
 * What each field resolver of a record type that is read narrow reads of its record (its root).
 * A selected field of these types that is neither a plain property (graphql-js's default
 * resolver) nor listed here makes the records whole.
 */
const RESOLVER_READS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  ExperimentMetric: { metric: ['metricId'], results: ['id'], externalResults: ['id'] },
  MetricResult: { variant: ['variantId'] },
};

/**
 * The properties of the records of `type` that the fields `fields` (selected on them) read,
 * sorted, with `id`; null when that is every property of `properties` (the record's mapped
 * columns) or when a field may read any (a field resolver not in RESOLVER_READS, or a field
 * that is not a mapped property). Directives are not evaluated: a conditional field counts.
 */
export function recordShape(
  type: GraphQLObjectType,
  fields: readonly FieldNode[],
  properties: readonly string[],
): readonly string[] | null {
  const mapped = new Set(properties);
  const read = new Set<string>(['id']);
  const definitions = type.getFields();
  for (const field of fields) {
    const name = field.name.value;
    if (name === '__typename') continue;
    const definition = definitions[name];
    if (definition === undefined) return null;
    const reads = definition.resolve === undefined ? [name] : RESOLVER_READS[type.name]?.[name];
    if (reads === undefined) return null;
    for (const property of reads) {
      if (!mapped.has(property)) return null;
      read.add(property);
    }
  }
  return read.size === mapped.size ? null : [...read].sort();
}

/** The shape of the records the field being resolved returns, for its own selection (once per field of an operation). */
const fieldShapes = new WeakMap<readonly FieldNode[], readonly string[] | null>();

function fieldShape(info: GraphQLResolveInfo, properties: readonly string[]): readonly string[] | null {
  let shape = fieldShapes.get(info.fieldNodes);
  if (shape === undefined) {
    const type = getNamedType(info.returnType);
    shape = isObjectType(type) ? recordShape(type, childFieldNodes(info, info.fieldNodes), properties) : null;
    fieldShapes.set(info.fieldNodes, shape);
  }
  return shape;
}

/** The relations kept narrow, each by the key its loader uses. */
export type NarrowRelation = 'variants' | 'experimentMetrics' | 'metric' | 'results';

interface Kept {
  readonly properties: ReadonlySet<string>;
  readonly value: unknown;
}

/** The narrow records of one request (one per request, as its loaders). */
export class NarrowRecords {
  private readonly kept = new Map<string, Kept[]>();

  /** Keeps `value` (the records of `relation` under `key`) read with the properties `shape`. */
  keep(relation: NarrowRelation, key: string, shape: readonly string[], value: unknown): void {
    const id = `${relation}|${key}`;
    const entry = { properties: new Set(shape), value };
    const list = this.kept.get(id);
    if (list === undefined) this.kept.set(id, [entry]);
    else list.push(entry);
  }

  /**
   * The records of `relation` under `key` kept with at least the properties the field being
   * resolved reads of them (`properties`: the record's mapped columns); undefined when none are.
   */
  find<T>(
    info: GraphQLResolveInfo,
    relation: NarrowRelation,
    key: string,
    properties: readonly string[],
  ): T | undefined {
    if (this.kept.size === 0) return undefined;
    const list = this.kept.get(`${relation}|${key}`);
    if (list === undefined) return undefined;
    const shape = fieldShape(info, properties);
    if (shape === null) return undefined;
    const found = list.find((entry) => shape.every((property) => entry.properties.has(property)));
    return found?.value as T | undefined;
  }
}

/** The records of `relation` under `key` kept narrow for this field, else `load()` (through the relation's loader). */
export function narrowOr<T>(
  ctx: Context,
  info: GraphQLResolveInfo,
  relation: NarrowRelation,
  key: string,
  properties: readonly string[],
  load: () => T | Promise<T>,
): T | Promise<T> {
  const kept = ctx.loaders.narrowRecords.find<T>(info, relation, key, properties);
  return kept !== undefined ? kept : load();
}
