import { DomainError } from '../../../src/domain/errors';
import {
  buildExperimentFilterConditions,
  type ExperimentFilter,
} from '../../../src/db/queries/experiment-filter-reads';
import { validateExperimentFilter } from '../../../src/graphql/experiment-filter-args';
import { parseExperimentPageArgs } from '../../../src/graphql/page-args';
import { parseIdOrKey } from '../../../src/graphql/lookup-args';
import { encodeCursor, SqlParams } from '../../../src/db/queries/page-reads';

const ID = '0f1e2d3c-4b5a-4968-8776-655443322110';

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') return error.details.field;
    throw error;
  }
  return undefined;
}

describe('validateExperimentFilter', () => {
  it.each<[string, ExperimentFilter, string]>([
    ['both owner forms', { ownerNodeId: ID, ownerNodeKey: 'acme' }, 'filter.ownerNodeKey'],
    ['a malformed owner id', { ownerNodeId: 'acme' }, 'filter.ownerNodeId'],
    ['an over-long search', { search: 'x'.repeat(501) }, 'filter.search'],
    ['a NUL in a tag', { tagsAny: ['ok', 'b\u0000d'] }, 'filter.tagsAny[1]'],
    ['an inverted range', { endedFrom: new Date('2024-02-01'), endedTo: new Date('2024-01-01') }, 'filter.endedTo'],
    [
      'an empty range',
      { concludedFrom: new Date('2024-02-01'), concludedTo: new Date('2024-02-01') },
      'filter.concludedTo',
    ],
  ])('rejects %s', (_name, filter, field) => {
    expect(fieldOf(() => validateExperimentFilter(filter))).toBe(field);
  });

  it('accepts a filter using every criterion', () => {
    expect(() =>
      validateExperimentFilter({
        ownerNodeId: ID,
        includeDescendants: false,
        status: ['RUNNING'],
        kind: ['AB_TEST'],
        tagsAll: ['a'],
        tagsAny: ['b'],
        startedFrom: new Date('2024-01-01'),
        startedTo: new Date('2024-02-01'),
        decisionKind: ['SHIP'],
        search: 'signup',
      }),
    ).not.toThrow();
  });
});

describe('buildExperimentFilterConditions', () => {
  it('returns no condition for an empty filter or empty lists', () => {
    expect(buildExperimentFilterConditions({ status: [], tagsAny: [], search: '  ' }, new SqlParams())).toEqual([]);
  });

  it('uses the closure table for a subtree and equality for the node only', () => {
    const subtree = buildExperimentFilterConditions({ ownerNodeId: ID }, new SqlParams());
    expect(subtree).toEqual([
      'e.owner_node_id IN (SELECT oc.descendant_id FROM org_node_closure oc WHERE oc.ancestor_id = $1::uuid)',
    ]);
    expect(buildExperimentFilterConditions({ ownerNodeId: ID, includeDescendants: false }, new SqlParams())).toEqual([
      'e.owner_node_id = $1::uuid',
    ]);
  });

  it('passes every value as a parameter, never inline', () => {
    const params = new SqlParams();
    const sql = buildExperimentFilterConditions(
      {
        ownerNodeKey: "x'; DROP TABLE experiment; --",
        tagsAll: ["o'k"],
        startedFrom: new Date('2024-01-01T00:00:00Z'),
        search: "it's",
      },
      params,
    ).join(' AND ');
    expect(sql).not.toContain("'x");
    expect(sql).not.toContain("o'k");
    expect(params.values).toEqual(["x'; DROP TABLE experiment; --", ["o'k"], '2024-01-01T00:00:00.000Z', "it's"]);
  });

  it('matches the current decision only', () => {
    expect(buildExperimentFilterConditions({ decisionKind: ['SHIP'] }, new SqlParams())[0]).toContain('cd.is_current');
  });
});

describe('parseExperimentPageArgs', () => {
  it('applies the defaults: 20 items, newest first, no filter', () => {
    expect(parseExperimentPageArgs({})).toEqual({
      filter: {},
      order: { field: 'CREATED_AT', direction: 'DESC' },
      first: 20,
      after: null,
    });
  });

  it('rejects a timestamp cursor whose value is not an instant', () => {
    const after = encodeCursor('STARTED_AT:ASC', { value: 'soon', id: ID });
    expect(fieldOf(() => parseExperimentPageArgs({ orderBy: { field: 'STARTED_AT', direction: 'ASC' }, after }))).toBe(
      'after',
    );
  });

  it('accepts a NULL-key cursor (rows with no date)', () => {
    const after = encodeCursor('ENDED_AT:DESC', { value: null, id: ID });
    expect(parseExperimentPageArgs({ orderBy: { field: 'ENDED_AT', direction: 'DESC' }, after }).after).toEqual({
      value: null,
      id: ID,
    });
  });
});

describe('parseIdOrKey', () => {
  it('reads an id, a key, or a malformed id that matches nothing', () => {
    expect(parseIdOrKey({ id: ID.toUpperCase() })).toEqual({ by: 'ID', id: ID });
    expect(parseIdOrKey({ key: 'acme' })).toEqual({ by: 'KEY', key: 'acme' });
    expect(parseIdOrKey({ id: 'nope', key: null })).toEqual({ by: 'NONE' });
  });

  it.each([[{ id: ID, key: 'acme' }], [{}], [{ id: null, key: null }]])('rejects %p with BAD_USER_INPUT', (args) => {
    expect(() => parseIdOrKey(args)).toThrow('exactly one of id and key');
  });
});
