import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { runApiKeyCli } from '../../../src/server/api-key-cli';
import { sqlCounter } from '../../../src/db/data-source';
import { useTestApp } from '../helpers';
import { createKey, refusal, scopeEnum } from '../fixtures/auth-fixtures';
import { buildOrgTree } from '../fixtures/write-fixtures';

/** Keys end to end: tokens, hashes, revocation, expiry, the admin API and the CLI (issue #5 §1). */
const t = useTestApp({ allowAnonymousReads: false });
const TOKEN = /^ewl_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const READ = '{ metrics { key } }';

beforeEach(async () => {
  await t.truncateAll();
  await buildOrgTree(t);
});

const reason = async (token: string) => refusal(await t.post(READ, undefined, token))?.reason;

describe('API key tokens', () => {
  it('are ewl_ + public id + 256-bit secret; only the SHA-256 of the secret is stored', async () => {
    const { token, prefix } = await createKey(t, { scopes: ['read'] });
    const [, lookupId, secret] = TOKEN.exec(token)!;
    expect(prefix).toBe(`ewl_${lookupId}`);
    const [row] = await t.dataSource.query('SELECT * FROM api_key');
    expect(row.lookup_id).toBe(lookupId);
    expect(row.secret_sha256).toBe(createHash('sha256').update(secret!).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(JSON.stringify((await t.exec('{ apiKeys { id name prefix scopes status } }')).data)).not.toContain(secret);
  });

  it('authenticate requests and record when they were last used', async () => {
    const { token } = await createKey(t, { scopes: ['read'] });
    expect((await t.post(READ, undefined, token)).errors).toBeUndefined();
    const listed = await t.exec<{ apiKeys: Array<{ lastUsedAt: string | null; status: string }> }>(
      '{ apiKeys { lastUsedAt status } }',
    );
    expect(listed.data!.apiKeys[0]!.status).toBe('ACTIVE');
    expect(listed.data!.apiKeys[0]!.lastUsedAt).not.toBeNull();
  });

  it('cost one indexed lookup per request, plus a last-used write at most once a minute per key', async () => {
    const { token } = await createKey(t, { scopes: ['read'] });
    const counter = sqlCounter(t.dataSource);
    const statements = async (run: () => Promise<unknown>) => {
      const before = counter.count;
      await run();
      return counter.count - before;
    };
    const plain = await statements(() => t.exec(READ));
    expect(await statements(() => t.post(READ, undefined, token))).toBe(plain + 2);
    expect(await statements(() => t.post(READ, undefined, token))).toBe(plain + 1);
  });

  it.each([
    ['an unknown key', 'ewl_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a token that is not in the ewl_ format', 'not-a-key'],
  ])('refuse %s with UNAUTHENTICATED INVALID_API_KEY', async (_label, token) => {
    expect(await reason(token)).toBe('INVALID_API_KEY');
  });

  it('refuse a known public id with a wrong secret exactly like an unknown key', async () => {
    const { prefix } = await createKey(t, { scopes: ['read'] });
    const wrong = await t.post(READ, undefined, `${prefix}_${'B'.repeat(43)}`);
    const unknown = await t.post(READ, undefined, `ewl_${'0'.repeat(16)}_${'B'.repeat(43)}`);
    expect(wrong.errors).toEqual(unknown.errors);
    expect(refusal(wrong)).toEqual({ code: 'UNAUTHENTICATED', reason: 'INVALID_API_KEY' });
  });

  it('refuse another Authorization scheme', async () => {
    const response = await fetch(`http://127.0.0.1:${(t.app.httpServer.address() as { port: number }).port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' },
      body: JSON.stringify({ query: READ }),
    });
    expect(
      ((await response.json()) as { errors: Array<{ extensions: { reason: string } }> }).errors[0]!.extensions.reason,
    ).toBe('INVALID_API_KEY');
  });

  it('stop working from the request after revocation (by prefix or id); revoking again changes nothing', async () => {
    const first = await createKey(t, { scopes: ['read'] });
    const second = await createKey(t, { scopes: ['read'] });
    expect(await reason(first.token)).toBeUndefined();
    const revoke = (idOrPrefix: string) =>
      t.exec<{ revokeApiKey: { revokedAt: string; status: string } }>(
        'mutation Revoke($idOrPrefix: String!) { revokeApiKey(input: { idOrPrefix: $idOrPrefix }) { revokedAt status } }',
        { idOrPrefix },
      );
    const revoked = (await revoke(first.prefix)).data!.revokeApiKey;
    expect(revoked.status).toBe('REVOKED');
    expect(await reason(first.token)).toBe('REVOKED_API_KEY');
    expect((await revoke(first.id)).data!.revokeApiKey.revokedAt).toEqual(revoked.revokedAt);
    expect(await reason(second.token)).toBeUndefined();
    expect(refusal(await revoke('ewl_ffffffffffffffff'))).toEqual({ code: 'NOT_FOUND', reason: 'UNKNOWN_ID' });
    expect(refusal(await revoke('nonsense'))?.code).toBe('BAD_USER_INPUT');
  });

  it('stop working once expired', async () => {
    const { token, id } = await createKey(t, {
      scopes: ['read'],
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(await reason(token)).toBeUndefined();
    await t.dataSource.query(
      `UPDATE api_key SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    expect(await reason(token)).toBe('EXPIRED_API_KEY');
    const listed = await t.exec<{ apiKeys: Array<{ status: string }> }>('{ apiKeys { status } }');
    expect(listed.data!.apiKeys[0]!.status).toBe('EXPIRED');
  });
});

describe('createApiKey', () => {
  it('lets an admin key create a limited key over HTTP; the token is returned once, the listing never shows it', async () => {
    const admin = await createKey(t, { scopes: ['admin'], name: 'first admin' });
    const created = await t.post<{
      createApiKey: { token: string; apiKey: { orgNode: { key: string }; scopes: string[] } };
    }>(
      'mutation { createApiKey(input: { name: "results bot", scopes: [WRITE_RESULTS, READ], orgNodeKey: "search" }) { token apiKey { scopes orgNode { key } } } }',
      undefined,
      admin.token,
    );
    expect(created.data!.createApiKey.apiKey).toEqual({
      scopes: ['READ', 'WRITE_RESULTS'],
      orgNode: { key: 'search' },
    });
    expect(created.data!.createApiKey.token).toMatch(TOKEN);
    expect(await reason(created.data!.createApiKey.token)).toBeUndefined();
  });

  it.each([
    ['no scope', { scopes: [] }, 'BAD_USER_INPUT'],
    ['a blank name', { name: '  ' }, 'BAD_USER_INPUT'],
    ['an expiry in the past', { expiresAt: '2020-01-01T00:00:00Z' }, 'BAD_USER_INPUT'],
    ['admin limited to an org node', { scopes: [scopeEnum('admin')], orgNodeKey: 'search' }, 'BAD_USER_INPUT'],
    ['an unknown org node', { orgNodeKey: 'nope' }, 'NOT_FOUND'],
  ])('refuses %s and writes nothing', async (_label, overrides, code) => {
    const result = await t.exec(
      `mutation Create($input: CreateApiKeyInput!) { createApiKey(input: $input) { token } }`,
      {
        input: { name: 'k', scopes: ['READ'], ...overrides },
      },
    );
    expect(refusal(result)?.code).toBe(code);
    expect(await t.dataSource.query('SELECT id FROM api_key')).toEqual([]);
  });
});

describe('npm run apikey (runApiKeyCli)', () => {
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runApiKeyCli(argv, t.dataSource, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('creates a key and prints its token once; list shows it without the secret; revoke stops it', async () => {
    const created = await run(
      'create',
      '--name',
      'importer',
      '--scopes',
      'read,write:results',
      '--org-node',
      'search',
      '--expires',
      '2099-01-01',
    );
    expect(created.code).toBe(0);
    const token = /^ewl_\S+$/m.exec(created.out)![0];
    const [, lookupId, secret] = TOKEN.exec(token)!;
    expect(await reason(token)).toBeUndefined();
    const listed = await run('list');
    expect(listed.out).toMatch(
      new RegExp(`ewl_${lookupId}\\s+importer\\s+read,write:results\\s+search\\s+ACTIVE\\s+2099-01-01T00:00:00.000Z`),
    );
    expect(listed.out).not.toContain(secret);
    expect((await run('revoke', `ewl_${lookupId}`)).code).toBe(0);
    expect(await run('list')).toMatchObject({ out: expect.stringContaining('REVOKED') });
    expect(await reason(token)).toBe('REVOKED_API_KEY');
  });

  it('audits create and revoke like the mutations: principal INTERNAL "npm run apikey", the OS user as actor', async () => {
    const now = new Date('2030-01-02T03:04:05.000Z');
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await runApiKeyCli(['create', '--name', 'ci bot', '--scopes', 'read'], t.dataSource, io, now)).toBe(0);
    const [key] = await t.dataSource.query('SELECT id, lookup_id FROM api_key');
    expect(await runApiKeyCli(['revoke', `ewl_${key.lookup_id}`], t.dataSource, io, now)).toBe(0);
    const rows = await t.dataSource.query(
      `SELECT operation, entity_type, entity_id, principal_kind, api_key_id, api_key_name, actor, at,
              before->>'revoked_at' IS NULL AS active_before, after->>'revoked_at' IS NOT NULL AS revoked_after,
              after ? 'secret_sha256' AS stores_secret
         FROM audit_log WHERE entity_type = 'api_key' ORDER BY id`,
    );
    const who = {
      principal_kind: 'INTERNAL',
      api_key_id: null,
      api_key_name: 'npm run apikey',
      actor: process.env.USER ?? null,
    };
    expect(rows).toEqual([
      expect.objectContaining({
        operation: 'createApiKey',
        entity_type: 'api_key',
        entity_id: key.id,
        ...who,
        at: now,
        stores_secret: false,
      }),
      expect.objectContaining({
        operation: 'revokeApiKey',
        entity_type: 'api_key',
        entity_id: key.id,
        ...who,
        at: now,
        active_before: true,
        revoked_after: true,
        stores_secret: false,
      }),
    ]);
  });

  it.each([
    [['create', '--scopes', 'read'], 2, 'create needs --name'],
    [['create', '--name', 'x'], 2, 'create needs --scopes'],
    [['create', '--name', 'x', '--scopes', 'read', '--colour', 'red'], 2, 'Unknown argument "--colour"'],
    [
      ['create', '--name', 'x', '--scopes', 'read', '--expires', 'tomorrow'],
      2,
      '--expires "tomorrow" is not an ISO-8601 date',
    ],
    [['create', '--name', 'x', '--scopes', 'read,superuser'], 1, 'Invalid --scopes[1]: got "superuser"'],
    [
      ['create', '--name', 'x', '--scopes', 'admin', '--org-node', 'search'],
      1,
      'no admin scope on a key limited to an org node',
    ],
    [['create', '--name', 'x', '--scopes', 'read', '--org-node', 'nope'], 1, 'No org node with --org-node "nope"'],
    [['create', '--name', 'x', '--scopes', 'read', '--expires', '2001-01-01'], 1, 'Invalid --expires'],
    [['revoke', 'ewl_0123456789abcdef'], 1, 'No API key with ID_OR_PREFIX "ewl_0123456789abcdef"'],
    [['revoke'], 2, 'revoke needs exactly one ID_OR_PREFIX'],
    [['rotate'], 2, 'Unknown command "rotate"'],
  ])('refuses %j with exit code %i: %s', async (argv, code, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(code);
    expect(result.err).toContain(message);
    expect(await t.dataSource.query('SELECT id FROM api_key')).toEqual([]);
    expect(await t.dataSource.query(`SELECT id FROM audit_log WHERE entity_type = 'api_key'`)).toEqual([]);
  });

  it('runs as a script against DATABASE_URL, like npm run seed', async () => {
    const root = path.resolve(__dirname, '../../..');
    const script = (...argv: string[]) =>
      new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          ['-r', 'ts-node/register/transpile-only', 'scripts/apikey.ts', ...argv],
          { cwd: root, env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL } },
          (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
        );
      });
    const token = /^ewl_\S+$/m.exec(await script('create', '--name', 'first admin', '--scopes', 'admin'))![0];
    expect((await t.post('{ apiKeys { name } }', undefined, token)).data).toEqual({
      apiKeys: [{ name: 'first admin' }],
    });
  }, 60_000);
});
