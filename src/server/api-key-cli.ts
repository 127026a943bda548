import { type DataSource } from 'typeorm';
import { apiKeyPrefix, apiKeyStatus, type StoredApiKey } from '../domain/api-key';
import { API_SCOPE_DESCRIPTIONS, API_SCOPES } from '../domain/api-scopes';
import { DomainError } from '../domain/errors';
import { findAllApiKeys } from '../db/queries/api-key-reads';
import { handleCreateApiKey, handleRevokeApiKey } from '../app/api-key/api-key-commands';
import { type CommandContext, createCliCommandContext } from '../app/command-context';

/**
 * `npm run apikey -- create|list|revoke ...` (README "Access"), separated from its script so that tests
 * run it against their own database. Returns the process exit code: 0 done, 1 refused (bad input,
 * unknown key), 2 usage error. create and revoke run the application layer's commands (the ones the
 * createApiKey / revokeApiKey mutations run), so each is audited: principal INTERNAL named
 * `npm run apikey`, actor the OS user.
 */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export const API_KEY_USAGE = [
  'Usage:',
  '  npm run apikey -- create --name NAME --scopes SCOPE[,SCOPE...] [--expires ISO-8601] [--org-node ORG_NODE_KEY]',
  '  npm run apikey -- list',
  '  npm run apikey -- revoke ID_OR_PREFIX',
  'Scopes:',
  ...API_SCOPES.map((s) => `  ${s.padEnd(16)} ${API_SCOPE_DESCRIPTIONS[s]}`),
].join('\n');

class UsageError extends Error {}

const CREATE_OPTIONS = ['--name', '--scopes', '--expires', '--org-node'] as const;
type CreateOption = (typeof CREATE_OPTIONS)[number];

/** Reads `--opt value` and `--opt=value` pairs; each option at most once. */
function parseOptions(args: readonly string[]): Map<CreateOption, string> {
  const options = new Map<CreateOption, string>();
  for (let i = 0; i < args.length; i += 1) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!(CREATE_OPTIONS as readonly string[]).includes(flag))
      throw new UsageError(`Unknown argument ${JSON.stringify(args[i])}`);
    const value = inline ?? args[(i += 1)];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    if (options.has(flag as CreateOption)) throw new UsageError(`${flag} given twice`);
    options.set(flag as CreateOption, value);
  }
  return options;
}

function parseExpiry(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime()))
    throw new UsageError(
      `--expires ${JSON.stringify(value)} is not an ISO-8601 date or date-time (e.g. 2027-01-31 or 2027-01-31T12:00:00Z)`,
    );
  return date;
}

/** Domain messages name GraphQL input fields; the CLI names its own flags. */
function cliMessage(error: DomainError): string {
  return error.message
    .replace(/input\.name/g, '--name')
    .replace(/input\.scopes/g, '--scopes')
    .replace(/input\.expiresAt/g, '--expires')
    .replace(/input\.orgNodeKey/g, '--org-node')
    .replace(/input\.idOrPrefix/g, 'ID_OR_PREFIX');
}

async function create(ctx: CommandContext, args: readonly string[], io: CliIo): Promise<number> {
  const options = parseOptions(args);
  const name = options.get('--name');
  const scopes = options.get('--scopes');
  if (name === undefined) throw new UsageError('create needs --name');
  if (scopes === undefined) throw new UsageError('create needs --scopes');
  const input = {
    name,
    scopes: scopes
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    expiresAt: parseExpiry(options.get('--expires')),
    orgNodeKey: options.get('--org-node') ?? null,
  };
  const { key, token } = await handleCreateApiKey(ctx, input);
  const limit = input.orgNodeKey === null ? 'the whole organisation' : `the subtree of org node ${input.orgNodeKey}`;
  io.out(`Created API key "${key.name}" (${apiKeyPrefix(key.lookupId)}, id ${key.id})`);
  io.out(
    `  scopes: ${key.scopes.join(', ')}; sees ${limit}; ${key.expiresAt ? `expires ${key.expiresAt.toISOString()}` : 'never expires'}`,
  );
  io.out('Token (shown only now; store it in your secret store):');
  // No idempotency key, so never a replay: the token is always there.
  io.out(token!);
  io.out('Send it as the header  Authorization: Bearer <token>');
  return 0;
}

async function list(dataSource: DataSource, now: Date, io: CliIo): Promise<number> {
  const keys = await findAllApiKeys(dataSource);
  if (keys.length === 0) {
    io.out('No API keys yet. Create one with: npm run apikey -- create --name NAME --scopes admin');
    return 0;
  }
  const nodeIds = [...new Set(keys.map((k) => k.orgNodeId).filter((id): id is string => id !== null))];
  const nodes: { id: string; key: string }[] =
    nodeIds.length === 0
      ? []
      : await dataSource.query('SELECT id, key FROM org_node WHERE id = ANY($1::uuid[])', [nodeIds]);
  const nodeKey = new Map(nodes.map((n) => [n.id, n.key]));
  const date = (d: Date | null) => (d === null ? '-' : d.toISOString());
  const rows = keys.map((k: StoredApiKey) => [
    apiKeyPrefix(k.lookupId),
    k.name,
    k.scopes.join(','),
    k.orgNodeId === null ? '(all)' : (nodeKey.get(k.orgNodeId) ?? k.orgNodeId),
    apiKeyStatus(k, now),
    date(k.expiresAt),
    date(k.lastUsedAt),
    k.id,
  ]);
  const header = ['PREFIX', 'NAME', 'SCOPES', 'ORG NODE', 'STATUS', 'EXPIRES', 'LAST USED', 'ID'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows])
    io.out(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
  return 0;
}

async function revoke(ctx: CommandContext, args: readonly string[], io: CliIo): Promise<number> {
  if (args.length !== 1) throw new UsageError('revoke needs exactly one ID_OR_PREFIX');
  const key = await handleRevokeApiKey(ctx, { idOrPrefix: args[0]! });
  io.out(
    `Revoked API key "${key.name}" (${apiKeyPrefix(key.lookupId)}) at ${key.revokedAt!.toISOString()}; requests with it are now refused.`,
  );
  return 0;
}

/** Runs one CLI command against `dataSource`. */
export async function runApiKeyCli(
  argv: readonly string[],
  dataSource: DataSource,
  io: CliIo,
  now: Date = new Date(),
): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'create':
        return await create(createCliCommandContext(dataSource, 'npm run apikey', now), args, io);
      case 'list':
        if (args.length > 0) throw new UsageError('list takes no arguments');
        return await list(dataSource, now, io);
      case 'revoke':
        return await revoke(createCliCommandContext(dataSource, 'npm run apikey', now), args, io);
      case undefined:
      case 'help':
      case '--help':
        io.out(API_KEY_USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command ${JSON.stringify(command)}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n${API_KEY_USAGE}`);
      return 2;
    }
    if (error instanceof DomainError) {
      io.err(cliMessage(error));
      return 1;
    }
    throw error;
  }
}
