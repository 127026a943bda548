import pino from 'pino';
import { useTestApp } from '../helpers';

const lines: Array<Record<string, unknown>> = [];
const log = pino(
  { level: 'info' },
  { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
);

describe('request ids, the access log and request-level errors', () => {
  const t = useTestApp({ allowAnonymousReads: true, log });
  const json = { 'content-type': 'application/json' };

  async function send(init: RequestInit, search = '') {
    const response = await fetch((await t.httpUrl()) + search, init);
    return {
      response,
      body: (await response.json()) as { errors?: Array<{ message: string; extensions: Record<string, unknown> }> },
    };
  }

  it('echoes a sane x-request-id and replaces another with a new id, in the header and in every error', async () => {
    const kept = await send({
      method: 'POST',
      headers: { ...json, 'x-request-id': 'abc.DEF_123-4' },
      body: JSON.stringify({ query: '{ nope }' }),
    });
    expect(kept.response.headers.get('x-request-id')).toBe('abc.DEF_123-4');
    expect(kept.body.errors?.[0]?.extensions.requestId).toBe('abc.DEF_123-4');
    for (const bad of ['has space', 'x'.repeat(129), 'ünï']) {
      const replaced = await send({
        method: 'POST',
        headers: { ...json, 'x-request-id': bad },
        body: JSON.stringify({ query: '{ nope }' }),
      });
      const id = replaced.response.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(replaced.body.errors?.[0]?.extensions.requestId).toBe(id);
    }
  });

  it('logs one JSON line per request with its id, operation, status, duration and SQL statement count', async () => {
    lines.length = 0;
    const { response } = await send({
      method: 'POST',
      headers: { ...json, 'x-request-id': 'log-line-1' },
      body: JSON.stringify({ query: 'query Catalogue { metrics { key } }' }),
    });
    expect(response.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    const mine = lines.filter((line) => line.requestId === 'log-line-1');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      msg: 'request',
      method: 'POST',
      path: '/graphql',
      operationName: 'Catalogue',
      status: 200,
    });
    expect(mine[0]!.durationMs).toEqual(expect.any(Number));
    expect(mine[0]!.statements).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(mine[0])).not.toContain('metrics { key }');
  });

  it.each([
    ['application/xml', '<query/>'],
    ['text/plain', JSON.stringify({ query: '{ metrics { key } }' })],
    ['application/x-www-form-urlencoded', 'query=x'],
  ])('refuses a POST sent as %s with 415 and a coded error, executing nothing', async (type, payload) => {
    const { response, body } = await send({ method: 'POST', headers: { 'content-type': type }, body: payload });
    expect(response.status).toBe(415);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      requestId: response.headers.get('x-request-id'),
    });
    expect(body.errors?.[0]?.message).toContain(type);
  });

  it.each([
    [
      'a subscription',
      { method: 'POST', headers: json, body: JSON.stringify({ query: 'subscription { experimentEvents { id } }' }) },
      '',
      400,
    ],
    [
      'persisted-query version 2',
      {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ extensions: { persistedQuery: { version: 2, sha256Hash: 'ab' } } }),
      },
      '',
      400,
    ],
    [
      'a mutation over GET',
      { method: 'GET', headers: { 'apollo-require-preflight': '1' } },
      `?query=${encodeURIComponent('mutation { createMetric(input: { key: "a", name: "a", type: BINARY, preferredDirection: INCREASE }) { id } }')}`,
      405,
    ],
    ['a batch', { method: 'POST', headers: json, body: JSON.stringify([{ query: '{ metrics { key } }' }]) }, '', 400],
  ])("keeps Apollo's client error for %s: 4xx, a client code, nothing logged", async (_label, init, search, status) => {
    t.takeLogged();
    const { response, body } = await send(init as RequestInit, search);
    expect(response.status).toBe(status);
    expect(body.errors?.[0]?.extensions.code).toBe('BAD_REQUEST');
    expect(t.takeLogged()).toEqual([]);
  });
});
