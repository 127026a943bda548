import 'reflect-metadata';
import { ApiKeyEntity, DecisionEntity, ExperimentEntity } from '../../../src/db/entities';
import { declaredColumns, defineTableRows } from '../../../src/db/rows/table-rows';
import { experimentRows, variantRows } from '../../../src/db/rows/tables';

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
