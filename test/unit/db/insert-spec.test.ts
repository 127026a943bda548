import 'reflect-metadata';
import { insertSpecOf } from '../../../src/db/bulk-insert';
import * as T from '../../../src/db/catalogue-tables';
import { DecisionEntity, LearningEntity } from '../../../src/db/entities';

describe('insertSpecOf', () => {
  it('maps every inserted column of the entity, with the unnest parameter type of its declared type', () => {
    expect(T.DECISION.table).toBe('decision');
    expect(T.DECISION.columns.map((c) => [c.column, c.arrayType])).toEqual([
      ['id', 'uuid[]'],
      ['experiment_id', 'uuid[]'],
      ['kind', 'text[]'],
      ['shipped_variant_id', 'uuid[]'],
      ['rationale', 'text[]'],
      ['decided_by', 'text[]'],
      ['decided_at', 'timestamptz[]'],
      ['is_current', 'bool[]'],
      ['created_at', 'timestamptz[]'],
    ]);
    expect(T.VARIANT.columns.find((c) => c.column === 'units')?.arrayType).toBe('int8[]');
    expect(T.VARIANT.columns.find((c) => c.column === 'planned_weight')?.arrayType).toBe('float8[]');
    expect(T.ORG_NODE_CLOSURE.columns.find((c) => c.column === 'depth')?.arrayType).toBe('int4[]');
  });

  it('reads each value from the property of the same name: timestamps as ISO strings, text[] as a cast literal', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const learning = {
      id: 'l1',
      summary: 'Shorter forms convert',
      kind: 'WHAT_WORKS' as const,
      tags: ['a "quoted" tag', 'back\\slash'],
      author: 'ana',
      createdAt: at,
      updatedAt: at,
      version: 3,
    };
    const values = Object.fromEntries(T.LEARNING.columns.map((c) => [c.column, c.value(learning)]));
    expect(values).toEqual({
      id: 'l1',
      summary: 'Shorter forms convert',
      kind: 'WHAT_WORKS',
      tags: '{"a \\"quoted\\" tag","back\\\\slash"}',
      author: 'ana',
      created_at: '2026-01-02T03:04:05.678Z',
      updated_at: '2026-01-02T03:04:05.678Z',
      version: 3,
    });
    expect(T.LEARNING.columns.find((c) => c.column === 'tags')?.cast).toBe('text[]');
  });

  it('insists that the generated properties named are exactly those declared insert: false', () => {
    expect(() => insertSpecOf(DecisionEntity)).toThrow('decision: generated properties are [seq], not []');
    expect(() => insertSpecOf(LearningEntity, ['version'])).toThrow(
      'learning: generated properties are [], not [version]',
    );
  });
});
