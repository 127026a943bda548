import { buildSchema, execute, type GraphQLResolveInfo, parse } from 'graphql';
import { type ExperimentRelationsPlan } from '../../../src/db/queries/experiment-relations-reads';
import { planExperimentRelations } from '../../../src/graphql/experiment-relations';

const schema = buildSchema(`
  enum ResultPeriod { EXPOSURE PRE_EXPOSURE }
  type Variant {
    id: ID, experimentId: ID, key: String, name: String, isControl: Boolean, plannedWeight: Float, units: Int,
    multiExposedUnits: Int, position: Int
  }
  type Metric { key: String, name: String }
  type MetricResult { n: Int }
  type ExperimentMetric { role: String, metric: Metric, results(period: ResultPeriod = EXPOSURE): [MetricResult] }
  type Decision { kind: String }
  type Classification { category: String }
  type Learning { summary: String }
  type Experiment {
    key: String, variants: [Variant], metrics: [ExperimentMetric], decision: Decision, decisions: [Decision],
    ewlCategory: String, validity: String, classification: Classification, learnings: [Learning], restartOf: Experiment
  }
  type ExperimentEdge { node: Experiment }
  type ExperimentConnection { edges: [ExperimentEdge], totalCount: Int }
  type Query { experiment: Experiment, experiments: ExperimentConnection }
`);

/** Runs `document` and returns the plan of each root field (`experiment` at [], `experiments` at its nodes). */
async function plans(document: string, variableValues?: Record<string, unknown>) {
  const seen: Record<string, ExperimentRelationsPlan | null> = {};
  const record = (name: string, path: string[]) => (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
    seen[name] = planExperimentRelations(info, path);
    return null;
  };
  const result = await execute({
    schema,
    document: parse(document),
    variableValues,
    rootValue: { experiment: record('experiment', []), experiments: record('experiments', ['edges', 'node']) },
  });
  expect(result.errors).toBeUndefined();
  return seen;
}

const NOTHING: ExperimentRelationsPlan = {
  variants: false,
  metrics: null,
  decisions: false,
  classification: false,
  learnings: false,
};

describe('planExperimentRelations', () => {
  it('asks for the relations the experiment selects, and results in the default period', async () => {
    expect(await plans('{ experiment { key variants { key } metrics { metric { key } results { n } } } }')).toEqual({
      experiment: {
        ...NOTHING,
        variants: true,
        metrics: { metric: true, resultPeriods: ['EXPOSURE'] },
        shapes: { variants: ['id', 'key'], metric: ['id', 'key'], results: ['id', 'n', 'period'] },
      },
    });
  });

  it('reads the nodes of a connection through aliases, fragments and the periods of every results field', async () => {
    const document = `query($p: ResultPeriod) {
      experiments { edges { node { ...F m: metrics { r: results(period: $p) { n } } } } } }
      fragment F on Experiment { metrics { role results(period: null) { n } } ... on Experiment { decision { kind } ewlCategory } }`;
    expect(await plans(document, { p: 'PRE_EXPOSURE' })).toEqual({
      experiments: {
        ...NOTHING,
        metrics: { metric: false, resultPeriods: ['EXPOSURE', 'PRE_EXPOSURE'] },
        decisions: true,
        classification: true,
        shapes: { results: ['id', 'n', 'period'] },
      },
    });
  });

  it('asks for decisions, the stored classification and learnings by each field that reads them', async () => {
    expect(await plans('{ experiment { decisions { kind } validity learnings { summary } } }')).toEqual({
      experiment: { ...NOTHING, decisions: true, classification: true, learnings: true },
    });
    expect(await plans('{ experiment { classification { category } metrics { role } } }')).toEqual({
      experiment: {
        ...NOTHING,
        classification: true,
        metrics: { metric: false, resultPeriods: [] },
        shapes: { experimentMetrics: ['id', 'role'] },
      },
    });
  });

  it('reads records narrow only when every selected field is a property of them', async () => {
    // metrics { metric } reads the property `metric`, which no column maps here: whole experiment metrics.
    const plan = await plans(
      '{ experiment { variants { key __typename isControl } metrics { metric { key name } } } }',
    );
    expect(plan.experiment?.shapes).toEqual({ variants: ['id', 'isControl', 'key'], metric: ['id', 'key', 'name'] });
    // Every property selected: whole records, read as the loaders read them.
    const every = 'id experimentId key name isControl plannedWeight units multiExposedUnits position';
    const whole = await plans(`{ experiment { variants { ${every} } } }`);
    expect(whole.experiment?.shapes).toBeUndefined();
  });

  it('is null when the experiments themselves select no relation (nested experiments read through loaders)', async () => {
    expect(await plans('{ experiment { key restartOf { variants { key } } } experiments { totalCount } }')).toEqual({
      experiment: null,
      experiments: null,
    });
  });
});
