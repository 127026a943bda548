import { SubtreeGuard } from '../../../src/app/subtree-guard';
import { COMMAND_ONLY_ACCESS, ROOT_FIELD_ACCESS } from '../../../src/domain/api-scopes';
import { DomainError } from '../../../src/domain/errors';
import { authorizeRootField, INTERNAL_PRINCIPAL, type Principal } from '../../../src/domain/principal';

const NODE = '00000000-0000-4000-8000-00000000000a';

const key = (orgNodeId: string | null): Principal => ({
  kind: 'API_KEY',
  keyId: 'k',
  name: 'bot',
  prefix: 'ewl_0123456789abcdef',
  scopes: orgNodeId === null ? ['admin'] : ['write:results', 'write:decisions', 'write:catalogue'],
  orgNodeId,
});

const mutations = Object.entries(ROOT_FIELD_ACCESS.Mutation).map(([name, access]) => [name, access.subtree] as const);

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
};

describe('SubtreeGuard.for', () => {
  it.each(mutations)('yields the guard of Mutation.%s (%s) with its registry rule', (name, rule) => {
    for (const principal of [INTERNAL_PRINCIPAL, key(null)]) {
      const guard = SubtreeGuard.for(name, principal);
      expect({ operation: guard.operation, rule: guard.rule, rootId: guard.rootId }).toEqual({
        operation: name,
        rule,
        rootId: null,
      });
    }
  });

  it.each(mutations.filter(([, rule]) => rule !== 'WHOLE_ORG'))(
    'bounds Mutation.%s (%s) to the subtree of a limited key',
    (name) => {
      expect(SubtreeGuard.for(name, key(NODE)).rootId).toBe(NODE);
    },
  );

  it.each(mutations.filter(([, rule]) => rule === 'WHOLE_ORG'))(
    'refuses Mutation.%s (WHOLE_ORG) to a limited key with the error the GraphQL guard gives',
    (name) => {
      const error = thrown(() => SubtreeGuard.for(name, key(NODE)));
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'OUTSIDE_KEY_SUBTREE',
        details: { field: `Mutation.${name}` },
      });
      // A limited key holding every scope it may hold fails the registry's scope check first for
      // admin mutations; the subtree error itself is the same one authorizeRootField builds.
      const graphql = thrown(() =>
        authorizeRootField(
          { ...(key(NODE) as Extract<Principal, { kind: 'API_KEY' }>), scopes: ['admin'] },
          'Mutation',
          name,
        ),
      );
      expect((error as DomainError).message).toBe((graphql as DomainError).message);
    },
  );

  it.each(Object.entries(COMMAND_ONLY_ACCESS))(
    'yields the guard of the command-only %s, which is no GraphQL root field',
    (name, access) => {
      expect(ROOT_FIELD_ACCESS.Mutation).not.toHaveProperty(name);
      expect(ROOT_FIELD_ACCESS.Query).not.toHaveProperty(name);
      expect(SubtreeGuard.for(name, INTERNAL_PRINCIPAL).rule).toBe(access.subtree);
      if (access.subtree === 'WHOLE_ORG')
        expect(() => SubtreeGuard.for(name, key(NODE))).toThrow(
          `${name} acts on the whole organisation, and this API key is limited to an org subtree`,
        );
    },
  );

  it('fails loudly for an operation that is not a Mutation of the registry', () => {
    expect(() => SubtreeGuard.for('dropEverything', INTERNAL_PRINCIPAL)).toThrow(
      'dropEverything is not a Mutation of the scope registry',
    );
    expect(() => SubtreeGuard.for('experiments', INTERNAL_PRINCIPAL)).toThrow('not a Mutation');
    expect(() => SubtreeGuard.for('constructor', INTERNAL_PRINCIPAL)).toThrow('not a Mutation');
  });

  it('leaves every org node inside for an unbounded principal, without reading the database', async () => {
    const guard = SubtreeGuard.for('createOrgNode', INTERNAL_PRINCIPAL);
    const m = { query: jest.fn() } as never;
    await expect(guard.assertNodeInside(m, null, 'input.parentId')).resolves.toBeUndefined();
    await expect(guard.assertNodeInside(m, { id: NODE, key: 'search' }, 'input.parentId')).resolves.toBeUndefined();
    await expect(guard.assertLearningEditable(m, NODE, 'input.id', NODE)).resolves.toBeUndefined();
    expect((m as { query: jest.Mock }).query).not.toHaveBeenCalled();
  });

  it('refuses a new root (no parent) to a limited key: FORBIDDEN OUTSIDE_KEY_SUBTREE naming the field', async () => {
    const guard = SubtreeGuard.for('createOrgNode', key(NODE));
    await expect(guard.assertNodeInside({ query: jest.fn() } as never, null, 'input.parentId')).rejects.toMatchObject({
      code: 'FORBIDDEN',
      reason: 'OUTSIDE_KEY_SUBTREE',
      details: { field: 'input.parentId' },
    });
  });
});
