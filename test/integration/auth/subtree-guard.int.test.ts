import { handleCreateApiKey, handleRevokeApiKey } from '../../../src/app/api-key/api-key-commands';
import { handleSeedCatalogue } from '../../../src/app/catalogue/seed-commands';
import { createCommandContext } from '../../../src/app/command-context';
import { handleRecordDecision } from '../../../src/app/decision/decision-commands';
import { handleCreateMetric, handleUpdateMetric } from '../../../src/app/metric/metric-commands';
import { handleCreateOrgNode } from '../../../src/app/org-node/org-node-commands';
import { handleReclassifyExperiments } from '../../../src/app/reclassify/reclassify-commands';
import { ROOT_FIELD_ACCESS } from '../../../src/domain/api-scopes';
import { notFound } from '../../../src/domain/errors';
import { type Principal } from '../../../src/domain/principal';
import { snapshotDatabase, useTestApp } from '../helpers';
import { createKey } from '../fixtures/auth-fixtures';
import { buildExperiment, buildMetrics, buildOrgTree } from '../fixtures/write-fixtures';

/**
 * The subtree rules hold for every entry point of the application layer, not only for GraphQL:
 * a command handler called directly (as the CLIs call them) with a principal limited to org node
 * `search` (tree: acme > (search > ranking, growth > onboarding)) gets the errors a GraphQL
 * request gets, and a refused command writes nothing.
 */
const t = useTestApp();
const SCOPES = ['write:results', 'write:decisions', 'write:catalogue'] as const;
let limited: Extract<Principal, { kind: 'API_KEY' }>;
let nodes: Record<string, string>;
const experiments: Record<string, string> = {};

beforeAll(async () => {
  await t.truncateAll();
  nodes = await buildOrgTree(t);
  await buildMetrics(t);
  experiments.inside = (await buildExperiment(t, { key: 'exp-in', ownerNodeKey: 'ranking' })).id;
  experiments.outside = (await buildExperiment(t, { key: 'exp-out', ownerNodeKey: 'onboarding' })).id;
  const key = await createKey(t, { scopes: SCOPES, orgNodeKey: 'search', name: 'search team' });
  limited = {
    kind: 'API_KEY',
    keyId: key.id,
    name: 'search team',
    prefix: key.prefix,
    scopes: [...SCOPES],
    orgNodeId: nodes.search!,
  };
});

const ctx = () => createCommandContext(t.dataSource, limited, new Date(), 'ann');

/** Runs a direct handler call that must be refused, and asserts that it wrote nothing. */
async function refused(run: () => Promise<unknown>): Promise<unknown> {
  const before = await snapshotDatabase(t.dataSource);
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  expect(await snapshotDatabase(t.dataSource)).toEqual(before);
  return error;
}

describe('SubtreeGuard through the command handlers', () => {
  const wholeOrg = Object.entries(ROOT_FIELD_ACCESS.Mutation)
    .filter(([, access]) => access.subtree === 'WHOLE_ORG')
    .map(([name]) => name);

  const log = jest.fn();
  const calls: Record<string, () => Promise<unknown>> = {
    createMetric: () =>
      handleCreateMetric(ctx(), { key: 'm-new', name: 'New', type: 'BINARY', preferredDirection: 'INCREASE' }),
    updateMetric: () => handleUpdateMetric(ctx(), { id: '00000000-0000-4000-8000-000000000000', name: 'Renamed' }),
    createApiKey: () => handleCreateApiKey(ctx(), { name: 'sneaky', scopes: ['read'] }),
    revokeApiKey: () => handleRevokeApiKey(ctx(), { idOrPrefix: limited.prefix }),
    reclassifyExperiments: () => handleReclassifyExperiments(ctx(), { log }),
  };

  it('covers every WHOLE_ORG mutation of the registry', () => {
    expect(Object.keys(calls).sort()).toEqual([...wholeOrg].sort());
  });

  it.each(wholeOrg)('refuses %s (WHOLE_ORG) to a limited principal up front, writing nothing', async (name) => {
    const error = await refused(calls[name]!);
    expect(error).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'OUTSIDE_KEY_SUBTREE',
      message: `Mutation.${name} acts on the whole organisation, and this API key is limited to an org subtree`,
      details: { field: `Mutation.${name}` },
    });
  });

  it('refuses the reclassification before its batches run', async () => {
    await refused(calls.reclassifyExperiments!);
    expect(log).not.toHaveBeenCalled();
  });

  it('refuses the seed (a command-only WHOLE_ORG entry) to a limited principal without running it', async () => {
    const write = jest.fn(async () => ({ rows: 1 }));
    const error = await refused(() => handleSeedCatalogue(ctx(), { replaces: true, write }));
    expect(error).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'OUTSIDE_KEY_SUBTREE',
      message: 'seedDemoData acts on the whole organisation, and this API key is limited to an org subtree',
    });
    expect(write).not.toHaveBeenCalled();
  });

  it('answers NOT_FOUND for an experiment outside, with the error a missing one gets', async () => {
    const error = await refused(() =>
      handleRecordDecision(ctx(), { experimentId: experiments.outside, kind: 'ABANDON', decidedBy: 'ann' }),
    );
    expect(error).toEqual(notFound('experiment', 'input.experimentId', experiments.outside));
  });

  it('refuses a new root org node (no parent) as FORBIDDEN OUTSIDE_KEY_SUBTREE', async () => {
    const error = await refused(() => handleCreateOrgNode(ctx(), { key: 'new-root', name: 'New root', kind: 'team' }));
    expect(error).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'OUTSIDE_KEY_SUBTREE',
      details: { field: 'input.parentId' },
    });
  });

  it('lets the limited principal write inside, audited under its key', async () => {
    const decision = await handleRecordDecision(ctx(), {
      experimentId: experiments.inside,
      kind: 'ABANDON',
      decidedBy: 'ann',
    });
    expect(decision.experimentId).toBe(experiments.inside);
    const rows = await t.dataSource.query(
      `SELECT principal_kind, api_key_id, actor FROM audit_log WHERE operation = 'recordDecision'`,
    );
    expect(rows).toEqual([{ principal_kind: 'API_KEY', api_key_id: limited.keyId, actor: 'ann' }]);
  });
});
