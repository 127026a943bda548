import 'reflect-metadata';
import { ApiKeyEntity, DecisionEntity, ExperimentEntity } from '../../../src/db/entities';
import {
  declaredColumns,
  defineTableRows,
  type Queryable,
  queryRowById,
  queryWrittenRow,
  queryWrittenRows,
} from '../../../src/db/rows/table-rows';
import { experimentRows, orgNodeRows, variantRows } from '../../../src/db/rows/tables';

describe('defineTableRows', () => {
  it('selects every column in declaration order, timestamps as epoch milliseconds', () => {
    expect(variantRows.table).toBe('variant');
    expect(variantRows.columns('v')).toBe(
      'v.id, v.experiment_id, v.key, v.name, v.is_control, v.planned_weight, v.units, v.multi_exposed_units, v.position',
    );
    expect(defineTableRows(DecisionEntity).pick('id', 'decidedAt').columns()).toBe(
      'id, floor(extract(epoch FROM decided_at) * 1000)::float8 AS decided_at_ms',
    );
  });

  it('selects a record as one JSON array of the same values, decoded by position', () => {
    const picked = defineTableRows(DecisionEntity).pick('id', 'decidedAt');
    expect(picked.jsonArray('d')).toBe(
      'json_build_array(d.id, floor(extract(epoch FROM d.decided_at) * 1000)::float8)',
    );
    expect(picked.decodeArray(['d1', 1_700_000_000_000])).toEqual({ id: 'd1', decidedAt: new Date(1_700_000_000_000) });
    expect(variantRows.decodeArray(['v1', 'e1', 'control', 'Control', true, 0.5, 3_000_000_000, 0, 0])).toEqual(
      variantRows.decode({
        id: 'v1',
        experiment_id: 'e1',
        key: 'control',
        name: 'Control',
        is_control: true,
        planned_weight: 0.5,
        units: 3_000_000_000,
        multi_exposed_units: 0,
        position: 0,
      }),
    );
  });

  it('decodes a row into the record: dates from milliseconds, bigints as numbers, other values as they are', () => {
    const row = {
      id: 'e1',
      key: 'checkout-cta',
      title: 'T',
      description: '',
      owner_node_id: 'n1',
      kind: 'AB_TEST',
      counts_toward_ewl: true,
      status: 'RUNNING',
      started_at_ms: 1_700_000_000_000,
      ended_at_ms: null,
      concluded_at_ms: null,
      alpha: 0.05,
      power: 0.8,
      power_budget_mode: 'SIMPLE',
      deterioration_alpha_mode: 'PER_TEST',
      analysis_mode: 'FIXED_HORIZON',
      planned_sample_size: '12000',
      planned_runtime_days: null,
      randomization_unit: 'user',
      tags: ['a'],
      restart_of_id: null,
      external_source: null,
      external_id: null,
      created_at_ms: 1_600_000_000_000,
      updated_at_ms: 1_650_000_000_000,
      version: 3,
    };
    const experiment: ExperimentEntity = experimentRows.decode(row);
    expect(experiment).toEqual({
      id: 'e1',
      key: 'checkout-cta',
      title: 'T',
      description: '',
      ownerNodeId: 'n1',
      kind: 'AB_TEST',
      countsTowardEwl: true,
      status: 'RUNNING',
      startedAt: new Date(1_700_000_000_000),
      endedAt: null,
      concludedAt: null,
      alpha: 0.05,
      power: 0.8,
      powerBudgetMode: 'SIMPLE',
      deteriorationAlphaMode: 'PER_TEST',
      analysisMode: 'FIXED_HORIZON',
      plannedSampleSize: 12000,
      plannedRuntimeDays: null,
      randomizationUnit: 'user',
      tags: ['a'],
      restartOfId: null,
      externalSource: null,
      externalId: null,
      createdAt: new Date(1_600_000_000_000),
      updatedAt: new Date(1_650_000_000_000),
      version: 3,
    });
    expect(experimentRows.pick('id', 'plannedSampleSize').decode(row)).toEqual({ id: 'e1', plannedSampleSize: 12000 });
  });

  it('rejects a class that is not an entity and a property that is not mapped', () => {
    class NotAnEntity {}
    expect(() => defineTableRows(NotAnEntity)).toThrow('NotAnEntity is not a declared entity');
    expect(() => experimentRows.pick('nope' as 'id')).toThrow('experiment maps no property nope');
  });
});

describe('declaredColumns', () => {
  it('lists the table and each column with its SQL name, declared type, nullability, arrayness and whether it is inserted', () => {
    const { table, columns } = declaredColumns(ApiKeyEntity);
    expect(table).toBe('api_key');
    expect(columns.find((c) => c.property === 'scopes')).toEqual({
      property: 'scopes',
      name: 'scopes',
      type: 'text',
      nullable: false,
      array: true,
      inserted: true,
    });
    expect(columns.find((c) => c.property === 'expiresAt')).toEqual({
      property: 'expiresAt',
      name: 'expires_at',
      type: 'timestamptz',
      nullable: true,
      array: false,
      inserted: true,
    });
    expect(declaredColumns(DecisionEntity).columns.find((c) => c.property === 'seq')?.inserted).toBe(false);
  });
});

/** A Queryable that answers every statement with `rows` and records what it was asked. */
function fakeQueryable(rows: Record<string, unknown>[]) {
  const calls: Array<{ sql: string; parameters: unknown[] | undefined }> = [];
  const queryable: Queryable = {
    query(sql, parameters) {
      calls.push({ sql, parameters });
      return Promise.resolve(rows);
    },
  };
  return { queryable, calls };
}

const nodeRow = (id: string) => ({
  id,
  key: `k-${id}`,
  name: 'N',
  kind: 'team',
  parent_id: null,
  created_at_ms: 1_600_000_000_000,
  updated_at_ms: 1_650_000_000_000,
  version: 1,
});

describe('queryRowById', () => {
  it('selects the mapped columns of one row by id, FOR UPDATE when locking, and decodes it', async () => {
    const { queryable, calls } = fakeQueryable([nodeRow('n1')]);
    const node = await queryRowById(queryable, orgNodeRows, 'n1', true);
    expect(calls).toEqual([
      { sql: `SELECT ${orgNodeRows.columns()} FROM org_node WHERE id = $1 FOR UPDATE`, parameters: ['n1'] },
    ]);
    expect(node).toEqual({
      id: 'n1',
      key: 'k-n1',
      name: 'N',
      kind: 'team',
      parentId: null,
      createdAt: new Date(1_600_000_000_000),
      updatedAt: new Date(1_650_000_000_000),
      version: 1,
    });
  });

  it('is null when there is no such row', async () => {
    const { queryable, calls } = fakeQueryable([]);
    expect(await queryRowById(queryable, orgNodeRows, 'n1')).toBeNull();
    expect(calls[0]!.sql).toBe(`SELECT ${orgNodeRows.columns()} FROM org_node WHERE id = $1`);
  });
});

describe('queryWrittenRow', () => {
  it('throws when the row is missing', async () => {
    await expect(queryWrittenRow(fakeQueryable([]).queryable, orgNodeRows, 'n1')).rejects.toThrow(
      'org_node has no row n1',
    );
  });
});

describe('queryWrittenRows', () => {
  it('returns the rows in the order of the ids, with one statement', async () => {
    const { queryable, calls } = fakeQueryable([nodeRow('n2'), nodeRow('n1')]);
    const nodes = await queryWrittenRows(queryable, orgNodeRows, ['n1', 'n2']);
    expect(nodes.map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(calls).toEqual([
      { sql: `SELECT ${orgNodeRows.columns()} FROM org_node WHERE id = ANY($1::uuid[])`, parameters: [['n1', 'n2']] },
    ]);
  });

  it('runs no statement for no ids and throws when an id names no row', async () => {
    const { queryable, calls } = fakeQueryable([nodeRow('n1')]);
    expect(await queryWrittenRows(queryable, orgNodeRows, [])).toEqual([]);
    expect(calls).toHaveLength(0);
    await expect(queryWrittenRows(queryable, orgNodeRows, ['n1', 'n3'])).rejects.toThrow('org_node has no row n3');
  });
});
