import { createKey } from '../fixtures/auth-fixtures';
import { buildExperiment, buildMetrics, buildOrgTree } from '../fixtures/write-fixtures';
import { EVENTS, useLiveClients } from '../fixtures/live-clients';
import { eventually, type LiveSubscription, subscribe } from '../fixtures/ws-client';
import { type GraphQLResult, useTestApp } from '../helpers';

// The WebSocket at /graphql (docs/events.md "Live subscriptions"): a subscription's document is
// checked as an HTTP operation is, with the same codes; it serves subscriptions only; connections
// per process, subscriptions per connection and browser origins are limited.

// A queue of one event: a transaction's two events in one batch overflow it.
const t = useTestApp({ allowAnonymousReads: false, subscriptionLimits: { maxConnections: 4, queueLimit: 1 } });
const { client, listen, refused } = useLiveClients(t);

let readToken = '';
beforeAll(async () => {
  await t.truncateAll();
  await buildOrgTree(t);
  await buildMetrics(t);
  readToken = (await createKey(t, { scopes: ['read'] })).token;
});

describe('the WebSocket at /graphql', () => {
  const errorsOf = (live: LiveSubscription) => (live.ended as { errors: GraphQLResult['errors'] }).errors!;

  it('refuses a document over the operation limits with QUERY_TOO_COMPLEX, as over HTTP', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(' ');
    const tooMany = await refused(readToken, {}, `subscription { experimentEvents { ${aliases} } }`);
    expect(errorsOf(tooMany)[0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: 30 });
    const http = await t.post(
      `query { metrics { ${Array.from({ length: 31 }, (_, i) => `a${i}: key`).join(' ')} } }`,
      {},
      readToken,
    );
    expect(http.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: 30 });
    const tokens = await refused(readToken, {}, `subscription { experimentEvents { ${'id '.repeat(5000)} } }`);
    expect(errorsOf(tokens)[0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: 5000 });
  });

  it('refuses invalid documents and other operations with coded errors', async () => {
    const invalid = await refused(readToken, {}, 'subscription { experimentEvents { nope } }');
    expect(errorsOf(invalid)[0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    const unparsable = await refused(readToken, {}, 'subscription {');
    expect(errorsOf(unparsable)[0]!.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
    const query = await refused(readToken, {}, '{ metrics { key } }');
    expect(errorsOf(query)[0]!.extensions).toEqual({ code: 'OPERATION_NOT_SUBSCRIPTION' });
    const badVariable = await refused(readToken, { types: ['NOPE'] });
    expect(errorsOf(badVariable)[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'types[0]' });
  });

  it('refuses a subscription sent over HTTP, pointing at the WebSocket', async () => {
    const result = await t.post(EVENTS, {}, readToken);
    expect(result.errors![0]!).toMatchObject({
      message: expect.stringContaining('WebSocket at /graphql'),
      extensions: { code: 'BAD_REQUEST' },
    });
  });

  it('ends a subscription that falls more events behind than its queue holds with SLOW_CONSUMER', async () => {
    const live = await listen(readToken);
    await buildExperiment(t, { key: 'burst' });
    await live.until((s) => s.ended !== undefined);
    expect(errorsOf(live)[0]!).toMatchObject({
      message: expect.stringContaining('More than 1 events (SUBSCRIBER_QUEUE_LIMIT) were waiting'),
      extensions: { code: 'SLOW_CONSUMER', max: 1 },
    });
    expect(t.app.eventFeed.size).toBe(0);
  });

  it('refuses an 11th subscription on one connection with TOO_MANY_SUBSCRIPTIONS', async () => {
    const c = await client(readToken);
    const open = Array.from({ length: 10 }, () => subscribe(c, EVENTS));
    await eventually(() => t.app.eventFeed.size === 10, 'ten subscriptions');
    const eleventh = subscribe(c, EVENTS);
    await eleventh.until((s) => s.ended !== undefined);
    expect(errorsOf(eleventh)[0]!.extensions).toEqual({ code: 'TOO_MANY_SUBSCRIPTIONS', max: 10 });
    expect(open.every((s) => s.ended === undefined)).toBe(true);
  });

  it('refuses a connection over the process limit with HTTP 503 before the upgrade', async () => {
    for (let i = 0; i < 4; i++) await listen(readToken);
    const fifth = subscribe(await client(readToken), EVENTS);
    await fifth.until((s) => s.ended !== undefined);
    expect((fifth.ended as { errors: { message: string } }).errors.message).toContain('503');
    expect(t.app.subscriptions.connections).toBe(4);
  });

  it('refuses a browser page of an origin that CORS does not allow (403), and accepts its own origin', async () => {
    const url = (await t.httpUrl()).replace(/^http/, 'ws');
    const { default: WebSocket } = await import('ws');
    const status = (origin: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, 'graphql-transport-ws', { origin });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
      });
    expect(await status('https://evil.example.com')).toBe(403);
    expect(await status(new URL(await t.httpUrl()).origin)).toBe(101);
  });
});
