import {
  type FieldNode,
  type GraphQLField,
  getArgumentValues,
  getNamedType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  isLeafType,
  isObjectType,
} from 'graphql';
import type * as d from '../domain/experiment';
import {
  type ExperimentByKeyPlan,
  type ExperimentRelations,
  type ExperimentRelationsPlan,
  type ExperimentWithRelations,
  type RelationShapes,
} from '../db/queries/experiment-relations-reads';
import { experimentMetricRows, metricResultRows, metricRows, variantRows } from '../db/rows/tables';
import { type Connection } from '../db/queries/page-reads';
import { asOfOf } from './as-of';
import { type Context } from './context';
import { type Loaders } from './loaders';
import { recordShape } from './record-shapes';
import { childFieldNodes, fieldNodesAt } from './selection';

// Look-ahead reads: a field that yields experiments (experiment(key), experiments, OrgNode.experiments)
// reads, in one statement for all of them, the relations its selection asks of them, and primes the
// relations' DataLoaders with what those loaders would have read; the field resolvers of
// Experiment then answer from memory. Each Experiment field below reads exactly that loader.

/** Experiment fields answered from the stored classification (classificationByExperimentId). */
const CLASSIFICATION_FIELDS: ReadonlySet<string> = new Set(['ewlCategory', 'classification', 'validity']);

/** The object type at `path` below the field being resolved (null when a step is not an object field). */
function objectTypeAt(info: GraphQLResolveInfo, path: readonly string[]): GraphQLObjectType | null {
  let type: GraphQLNamedType = getNamedType(info.returnType);
  for (const step of path) {
    const field: GraphQLField<unknown, unknown> | undefined = isObjectType(type) ? type.getFields()[step] : undefined;
    if (field === undefined) return null;
    type = getNamedType(field.type);
  }
  return isObjectType(type) ? type : null;
}

/**
 * The periods the selected `ExperimentMetric.results` fields ask for (EXPOSURE when absent or
 * null, as the field resolver reads it); none when an argument does not coerce, which the field
 * itself then reports.
 */
function resultPeriods(info: GraphQLResolveInfo, experiment: GraphQLObjectType, nodes: FieldNode[]): d.ResultPeriod[] {
  const metricType = getNamedType(experiment.getFields().metrics?.type);
  const results = isObjectType(metricType) ? metricType.getFields().results : undefined;
  if (results === undefined) return [];
  const periods = new Set<d.ResultPeriod>();
  try {
    for (const node of nodes) {
      const args = getArgumentValues(results, node, info.variableValues) as { period?: d.ResultPeriod | null };
      periods.add(args.period ?? 'EXPOSURE');
    }
  } catch {
    return [];
  }
  return [...periods].sort();
}

/** What the selection at `path` (the experiments' own fields) asks of the experiments there; null for nothing. */
export function planExperimentRelations(
  info: GraphQLResolveInfo,
  path: readonly string[],
): ExperimentRelationsPlan | null {
  const type = objectTypeAt(info, path);
  if (type === null) return null;
  const fields = fieldNodesAt(info, path);
  const selected = (names: ReadonlySet<string>) => fields.some((field) => names.has(field.name.value));
  const metrics = fields.filter((field) => field.name.value === 'metrics');
  const metricFields = childFieldNodes(info, metrics);
  const shapes = relationShapes(info, type, fields);
  const plan: ExperimentRelationsPlan = {
    variants: selected(new Set(['variants'])),
    metrics:
      metrics.length === 0
        ? null
        : {
            metric: metricFields.some((field) => field.name.value === 'metric'),
            resultPeriods: resultPeriods(
              info,
              type,
              metricFields.filter((field) => field.name.value === 'results'),
            ),
          },
    decisions: selected(new Set(['decision', 'decisions'])),
    classification: selected(CLASSIFICATION_FIELDS),
    learnings: selected(new Set(['learnings'])),
    ...(Object.keys(shapes).length > 0 ? { shapes } : {}),
  };
  return isEmpty(plan) ? null : plan;
}

/** The field of `type` named `name`, as the object type it yields (null when it yields no object). */
function fieldObjectType(type: GraphQLObjectType | null, name: string): GraphQLObjectType | null {
  const yielded = type === null ? undefined : getNamedType(type.getFields()[name]?.type);
  return yielded !== undefined && isObjectType(yielded) ? yielded : null;
}

/**
 * Whether `fields` (selected on an object of `type`) or any field below them yields a variant other
 * than `Experiment.variants` (which reads variantById); true also below an abstract type.
 */
function readsVariantById(info: GraphQLResolveInfo, type: GraphQLObjectType, fields: readonly FieldNode[]): boolean {
  const definitions = type.getFields();
  return fields.some((field) => {
    const definition = definitions[field.name.value];
    if (definition === undefined) return false;
    const yielded = getNamedType(definition.type);
    if (isLeafType(yielded)) return false;
    if (!isObjectType(yielded)) return true;
    if (yielded.name === 'Variant') return !(type.name === 'Experiment' && field.name.value === 'variants');
    return readsVariantById(info, yielded, childFieldNodes(info, [field]));
  });
}

/**
 * The narrow records (record-shapes.ts) of the relations selected on experiments (`fields`, of
 * `experiment`): for each relation that can be read narrow, the properties every selection of it
 * reads, when those are not all of them.
 */
function relationShapes(info: GraphQLResolveInfo, experiment: GraphQLObjectType, fields: FieldNode[]): RelationShapes {
  const shapes: { -readonly [R in keyof RelationShapes]: RelationShapes[R] } = {};
  const shapeOf = (type: GraphQLObjectType | null, nodes: FieldNode[], properties: readonly string[]) =>
    type === null || nodes.length === 0 ? null : recordShape(type, childFieldNodes(info, nodes), properties);
  const named = (nodes: FieldNode[], name: string) => nodes.filter((node) => node.name.value === name);
  // Variants are also read one by one (variantById: a result's or a decision's variant), from the
  // look-ahead's whole records only.
  const variants = shapeOf(fieldObjectType(experiment, 'variants'), named(fields, 'variants'), variantRows.properties);
  if (variants !== null && !readsVariantById(info, experiment, fields)) shapes.variants = variants;
  const metrics = named(fields, 'metrics');
  const metricType = fieldObjectType(experiment, 'metrics');
  const experimentMetrics = shapeOf(metricType, metrics, experimentMetricRows.properties);
  if (experimentMetrics !== null) shapes.experimentMetrics = experimentMetrics;
  const metricFields = childFieldNodes(info, metrics);
  const metric = shapeOf(fieldObjectType(metricType, 'metric'), named(metricFields, 'metric'), metricRows.properties);
  if (metric !== null) shapes.metric = metric;
  const results = shapeOf(
    fieldObjectType(metricType, 'results'),
    named(metricFields, 'results'),
    metricResultRows.properties,
  );
  // The look-ahead sorts results by period (primeRelations), so it reads their period.
  if (results !== null) shapes.results = [...new Set([...results, 'period'])].sort();
  return shapes;
}

const isEmpty = (plan: ExperimentRelationsPlan) =>
  !plan.variants && plan.metrics === null && !plan.decisions && !plan.classification && !plan.learnings;

/**
 * Primes each relation loader with one experiment's relations, under the keys its field resolvers
 * load; a relation read narrow (the plan's shapes) is kept apart, under the same keys.
 */
function primeRelations(loaders: Loaders, relations: ExperimentRelations, plan: ExperimentRelationsPlan): void {
  const id = relations.experimentId;
  const shapes = plan.shapes ?? {};
  const narrow = loaders.narrowRecords;
  if (relations.variants) {
    if (shapes.variants !== undefined) narrow.keep('variants', id, shapes.variants, relations.variants);
    else {
      loaders.variantsByExperimentId.prime(id, relations.variants);
      for (const variant of relations.variants) loaders.variantById.prime(variant.id, variant);
    }
  }
  if (relations.metrics) {
    const experimentMetrics = relations.metrics.map((m) => m.experimentMetric);
    if (shapes.experimentMetrics !== undefined)
      narrow.keep('experimentMetrics', id, shapes.experimentMetrics, experimentMetrics);
    else loaders.experimentMetricsByExperimentId.prime(id, experimentMetrics);
    for (const { experimentMetric, metric, results } of relations.metrics) {
      if (metric !== undefined) {
        if (shapes.metric !== undefined) narrow.keep('metric', experimentMetric.metricId, shapes.metric, metric);
        else loaders.metricById.prime(experimentMetric.metricId, metric);
      }
      for (const period of results ? plan.metrics!.resultPeriods : []) {
        const inPeriod = results!.filter((result) => result.period === period);
        if (shapes.results !== undefined)
          narrow.keep('results', `${experimentMetric.id}|${period}`, shapes.results, inPeriod);
        else
          loaders.metricResultsByExperimentMetricId.prime(
            { experimentMetricId: experimentMetric.id, period },
            inPeriod,
          );
      }
    }
  }
  if (relations.decisions) loaders.decisionsByExperimentId.prime(id, relations.decisions);
  if (relations.classification !== undefined) loaders.classificationByExperimentId.prime(id, relations.classification);
  if (relations.learnings) loaders.learningsByExperimentId.prime(id, relations.learnings);
}

/**
 * Reads ahead the relations the selection at `path` asks of `experiments` (one statement, batched
 * with the other fields of the request that ask the same) and primes their loaders. Costs nothing
 * when the selection asks for none of them. A failed read primes nothing: the field resolvers then
 * read through their loaders as they would without it, and report what fails there.
 */
export async function preloadExperimentRelations(
  ctx: Context,
  info: GraphQLResolveInfo,
  path: readonly string[],
  experiments: readonly d.Experiment[],
): Promise<void> {
  const selection = experiments.length === 0 ? null : planExperimentRelations(info, path);
  if (selection === null) return;
  // On experiment(asOf) the classification fields read the version in force then, through another loader.
  const asOf = experiments.some((experiment) => asOfOf(experiment) !== null);
  const plan = asOf ? { ...selection, classification: false } : selection;
  if (isEmpty(plan)) return;
  const read = await ctx.loaders.experimentRelationsByExperimentId.loadMany(
    experiments.map((experiment) => ({ nodeId: experiment.id, query: plan })),
  );
  for (const relations of read)
    if (relations !== null && !(relations instanceof Error)) primeRelations(ctx.loaders, relations, plan);
}

/** `experiment(key)` read ahead: the experiment (null: no such key), and its relations, primed by `prime`. */
export interface ExperimentReadAhead {
  readonly experiment: d.Experiment | null;
  /** Primes the relation loaders with the relations read with it (once the experiment is known to be visible). */
  prime(): void;
}

/** Relations read under an `ExperimentByKeyPlan`, which carry their experiment. */
const isReadByKey = (relations: ExperimentRelations): relations is ExperimentWithRelations => 'experiment' in relations;

/**
 * Reads the experiment whose key is `key` together with the relations the selection of the field
 * being resolved asks of it, in one statement (an `ExperimentByKeyPlan` of the relations loader,
 * batched with the other by-key fields of the request that ask the same), where
 * `preloadExperimentRelations` would take a second one after the by-key read. Undefined when the
 * selection asks for no relation, or when that read fails: the caller then reads the experiment
 * and its relations as it would without it (and reports what fails there). `asOf`: the lookup's
 * instant, under which the classification fields read another loader, so the classification is
 * not read ahead (as in `preloadExperimentRelations`).
 */
export async function readExperimentByKeyAhead(
  ctx: Context,
  info: GraphQLResolveInfo,
  key: string,
  asOf: Date | null,
): Promise<ExperimentReadAhead | undefined> {
  const selection = planExperimentRelations(info, []);
  if (selection === null) return undefined;
  const plan = asOf === null ? selection : { ...selection, classification: false };
  if (isEmpty(plan)) return undefined;
  const query: ExperimentByKeyPlan = { ...plan, byKey: true };
  const read = await ctx.loaders.experimentRelationsByExperimentId.load({ nodeId: key, query }).catch(() => undefined);
  if (read === undefined || (read !== null && !isReadByKey(read))) return undefined;
  return {
    experiment: read?.experiment ?? null,
    prime: () => {
      if (read !== null) primeRelations(ctx.loaders, read, plan);
    },
  };
}

/** `preloadExperimentRelations` for the nodes of a connection of experiments; returns the connection. */
export async function withExperimentRelations(
  ctx: Context,
  info: GraphQLResolveInfo,
  connection: Connection<d.Experiment>,
): Promise<Connection<d.Experiment>> {
  await preloadExperimentRelations(
    ctx,
    info,
    ['edges', 'node'],
    connection.edges.map((edge) => edge.node),
  );
  return connection;
}
