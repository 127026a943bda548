import { parse } from 'graphql';
import { Q1D, Q2 } from '../../../bench/api-queries';
import {
  PG_Q1D,
  PG_Q2,
  POSTGRAPHILE_OPERATIONS,
  toOurShape,
  toPostGraphileRequest,
} from '../../../bench/postgraphile/documents';

const variant = (rowId: string, key: string, isControl: boolean, units: string | null) => ({
  rowId,
  key,
  isControl,
  units,
});

/** An experiment as PostGraphile answers it: results in id order, not in the variants' order. */
const pgExperiment = {
  key: 'exp-1',
  title: 'One',
  status: 'STOPPED',
  variantsByExperimentId: {
    nodes: [variant('v-control', 'control', true, '1000'), variant('v-treat', 'treatment', false, null)],
  },
  experimentMetricsByExperimentId: {
    nodes: [
      {
        metricByMetricId: { key: 'conversion' },
        metricResultsByExperimentMetricId: {
          nodes: [
            { variantId: 'v-treat', n: '510', sum: 55 },
            { variantId: 'v-control', n: '490', sum: 50.5 },
          ],
        },
      },
    ],
  },
};

const ourExperiment = {
  key: 'exp-1',
  title: 'One',
  status: 'STOPPED',
  variants: [
    { key: 'control', isControl: true, units: 1000 },
    { key: 'treatment', isControl: false, units: null },
  ],
  metrics: [
    {
      metric: { key: 'conversion' },
      results: [
        { n: 490, sum: 50.5 },
        { n: 510, sum: 55 },
      ],
    },
  ],
};

const classification = (endedAt: string) => ({
  category: 'WIN',
  provisionalCategory: 'WIN',
  status: 'STOPPED',
  countsTowardEwl: true,
  endedAt,
  concludedAt: null,
});

describe('PostGraphile documents (bench/postgraphile/documents.ts)', () => {
  it.each([
    ['Q1d', Q1D, PG_Q1D],
    ['Q2', Q2, PG_Q2],
  ])('%s is one operation of the same name and variables as ours', (name, ours, theirs) => {
    const variablesOf = (source: string) => {
      const [definition] = parse(source).definitions;
      if (definition?.kind !== 'OperationDefinition') throw new Error('not an operation');
      return {
        name: definition.name?.value,
        variables: definition.variableDefinitions?.map((v) => v.variable.name.value),
      };
    };
    expect(variablesOf(theirs)).toEqual(variablesOf(ours));
    expect(variablesOf(theirs).name).toBe(name);
  });

  it('swaps the document and keeps the variables', () => {
    expect(toPostGraphileRequest({ operationName: 'Q2', query: Q2, variables: { key: 't', first: 50 } })).toEqual({
      operationName: 'Q2',
      query: PG_Q2,
      variables: { key: 't', first: 50 },
    });
    expect(() => toPostGraphileRequest({ operationName: 'Q3', query: '', variables: {} })).toThrow(/no document/);
    expect(POSTGRAPHILE_OPERATIONS).toEqual(['Q1d', 'Q2']);
  });

  it('answers Q1d in our shape: results in variant order, BigInt strings as numbers', () => {
    expect(toOurShape('Q1d', { experimentByKey: pgExperiment }, new Date())).toEqual({ experiment: ourExperiment });
    expect(toOurShape('Q1d', { experimentByKey: null }, new Date())).toEqual({ experiment: null });
  });

  it('fails on a result of a variant the experiment does not list', () => {
    const stray = {
      ...pgExperiment,
      variantsByExperimentId: { nodes: [pgExperiment.variantsByExperimentId.nodes[0]!] },
    };
    expect(() => toOurShape('Q1d', { experimentByKey: stray }, new Date())).toThrow(/unknown variant v-treat/);
  });

  it('answers Q2 in our shape: current decision or null, category with the 30-day rule at `now`', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const team = (endedAt: string, decisions: Array<{ kind: string }>) => ({
      ...pgExperiment,
      decisionsByExperimentId: { nodes: decisions },
      experimentClassificationByExperimentId: classification(endedAt),
    });
    const data = {
      orgNodeByKey: {
        experimentsByOwnerNodeId: {
          edges: [
            { node: team('2026-11-20T00:00:00Z', []) },
            { node: team('2026-10-01T00:00:00Z', [{ kind: 'SHIP' }]) },
            { node: { ...team('2026-10-01T00:00:00Z', []), experimentClassificationByExperimentId: null } },
          ],
        },
      },
    };
    expect(toOurShape('Q2', data, now)).toEqual({
      orgNode: {
        experiments: {
          edges: [
            // Stopped 11 days before now, not concluded: still PENDING.
            { node: { ...ourExperiment, decision: null, ewlCategory: 'PENDING' } },
            // Stopped 61 days before: its data category.
            { node: { ...ourExperiment, decision: { kind: 'SHIP' }, ewlCategory: 'WIN' } },
            { node: { ...ourExperiment, decision: null, ewlCategory: null } },
          ],
        },
      },
    });
    expect(toOurShape('Q2', { orgNodeByKey: null }, now)).toEqual({ orgNode: null });
  });

  it('fails on more than one current decision', () => {
    const data = {
      orgNodeByKey: {
        experimentsByOwnerNodeId: {
          edges: [
            {
              node: {
                ...pgExperiment,
                decisionsByExperimentId: { nodes: [{ kind: 'SHIP' }, { kind: 'ABORT' }] },
                experimentClassificationByExperimentId: null,
              },
            },
          ],
        },
      },
    };
    expect(() => toOurShape('Q2', data, new Date())).toThrow(/2 current decisions of exp-1/);
  });
});
