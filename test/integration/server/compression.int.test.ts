import http from 'node:http';
import zlib from 'node:zlib';
import pino from 'pino';
import { COMPRESS_MIN_BYTES } from '../../../src/server/compression';
import { useTestApp } from '../helpers';

const lines: Array<Record<string, unknown>> = [];
const log = pino(
  { level: 'info' },
  { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
);

/** Every type's name and its fields' names: an answer of several KiB that needs no data. */
const LARGE = 'query Types { __schema { types { name fields { name } } } }';

interface RawAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The body as it came over the wire (not decoded). */
  readonly raw: Buffer;
}

/**
 * POSTs `query` with exactly the headers given (node:http, since fetch asks for and decodes compressed answers by
 * itself) and returns the answer's bytes as sent.
 */
function post(url: string, query: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, raw: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(JSON.stringify({ query }));
  });
}

describe('compressed GraphQL answers', () => {
  const t = useTestApp({ allowAnonymousReads: true, log });

  it('sends a large answer gzip-compressed to a client that accepts gzip, decoding to the plain answer', async () => {
    const url = await t.httpUrl();
    const plain = await post(url, LARGE);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toContain('Accept-Encoding');
    expect(plain.raw.length).toBeGreaterThanOrEqual(COMPRESS_MIN_BYTES);
    const answer = JSON.parse(plain.raw.toString('utf8')) as { data?: unknown; errors?: unknown };
    expect(answer.errors).toBeUndefined();

    const gzipped = await post(url, LARGE, { 'accept-encoding': 'gzip' });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['content-type']).toBe(plain.headers['content-type']);
    expect(gzipped.headers.vary).toContain('Accept-Encoding');
    expect(gzipped.raw.length).toBeLessThan(plain.raw.length / 2);
    expect(JSON.parse(zlib.gunzipSync(gzipped.raw).toString('utf8'))).toEqual(answer);
  });

  it('prefers brotli when the client accepts it too, as browsers do', async () => {
    const url = await t.httpUrl();
    const answer = JSON.parse((await post(url, LARGE)).raw.toString('utf8')) as unknown;
    const compressed = await post(url, LARGE, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(compressed.raw).toString('utf8'))).toEqual(answer);
  });

  it('sends an answer below the bound, or to a client that accepts neither coding, as it is', async () => {
    const url = await t.httpUrl();
    const small = await post(url, '{ __typename }', { 'accept-encoding': 'gzip, br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.raw.toString('utf8'))).toEqual({ data: { __typename: 'Query' } });
    const refused = await post(url, LARGE, { 'accept-encoding': 'deflate, gzip;q=0, br;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(refused.raw.toString('utf8'))).toMatchObject({ data: { __schema: expect.any(Object) } });
  });

  it('compresses errors alike and logs a compressed answer as it logs any other', async () => {
    const url = await t.httpUrl();
    lines.length = 0;
    const answer = await post(url, LARGE, { 'accept-encoding': 'gzip', 'x-request-id': 'compressed-1' });
    expect(answer.headers['x-request-id']).toBe('compressed-1');
    await new Promise((r) => setTimeout(r, 50));
    expect(lines.filter((line) => line.requestId === 'compressed-1')).toEqual([
      expect.objectContaining({
        msg: 'request',
        method: 'POST',
        path: '/graphql',
        operationName: 'Types',
        status: 200,
      }),
    ]);
    // A validation failure with a long message: the GraphQL-over-HTTP status and the coded error are unchanged.
    const bad = `{ ${'nope '.repeat(300)}}`;
    const plain = await post(url, bad);
    const gzipped = await post(url, bad, { 'accept-encoding': 'gzip' });
    expect(plain.raw.length).toBeGreaterThanOrEqual(COMPRESS_MIN_BYTES);
    expect(gzipped.status).toBe(plain.status);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    const errors = (JSON.parse(zlib.gunzipSync(gzipped.raw).toString('utf8')) as { errors: unknown[] }).errors;
    expect(errors).toHaveLength((JSON.parse(plain.raw.toString('utf8')) as { errors: unknown[] }).errors.length);
    expect(errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });
});
