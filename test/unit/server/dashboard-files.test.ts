import fs from 'node:fs';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createDashboardFiles } from '../../../src/server/dashboard-files';

/** A build folder like Vite's, beside a secret file that must never be served. */
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-files-'));
const dir = path.join(base, 'dashboard');
const INDEX = '<!doctype html><title>dashboard</title>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))});`;

let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(dir, 'assets', 'app-abc123.js'), SCRIPT);
  fs.writeFileSync(path.join(dir, 'assets', 'app-abc123.js.br'), zlib.brotliCompressSync(SCRIPT));
  fs.writeFileSync(path.join(dir, 'assets', 'app-abc123.js.gz'), zlib.gzipSync(SCRIPT));
  fs.writeFileSync(path.join(dir, 'assets', 'style-def456.css'), 'body{margin:0}');
  fs.writeFileSync(path.join(dir, '.build-stamp'), 'stamp');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'secret');
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(dir, 'linked.txt'));
  const files = createDashboardFiles(dir);
  server = http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0]!;
    files.serve(req, res, pathname).then(
      (served) => {
        if (!served) res.writeHead(404, { 'x-not-dashboard': '1' }).end();
      },
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(base, { recursive: true, force: true });
});

/** A raw GET (fetch would decompress and normalise `..` away); the path is sent exactly as given. */
function get(
  pathname: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseUrl}/`, { method, path: pathname, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('createDashboardFiles', () => {
  it('serves index.html at / with its type, revalidated on each load', async () => {
    const res = await get('/', { accept: 'text/html' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body.toString()).toBe(INDEX);
  });

  it('caches hashed assets for a year and sends each type', async () => {
    const js = await get('/assets/app-abc123.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.body.toString()).toBe(SCRIPT);
    const css = await get('/assets/style-def456.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('sends the brotli copy to clients that accept it, else gzip, else the plain file', async () => {
    const br = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    const gzip = await get('/assets/app-abc123.js', { 'accept-encoding': 'gzip, br;q=0' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).toString()).toBe(SCRIPT);
    const plain = await get('/assets/app-abc123.js', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('answers 304 to a matching If-None-Match and HEAD without a body', async () => {
    const first = await get('/assets/style-def456.css');
    const again = await get('/assets/style-def456.css', { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    const head = await get('/assets/style-def456.css', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String('body{margin:0}'.length));
    expect(head.body.length).toBe(0);
  });

  it('answers page routes asked for as HTML with index.html (the app reads its route from the URL)', async () => {
    for (const route of ['/node/acme', '/node/acme.growth.search', '/node/acme.growth/', '/experiment/exp-1']) {
      const res = await get(route, { accept: 'text/html,application/xhtml+xml' });
      expect(res.status).toBe(200);
      expect(res.body.toString()).toBe(INDEX);
    }
  });

  it('leaves other paths to the server: unknown assets, non-HTML requests, other methods', async () => {
    expect((await get('/assets/missing.js', { accept: 'text/html' })).headers['x-not-dashboard']).toBe('1');
    expect((await get('/node/acme', { accept: 'application/json' })).headers['x-not-dashboard']).toBe('1');
    expect((await get('/', { accept: 'text/html' }, 'POST')).headers['x-not-dashboard']).toBe('1');
  });

  it.each([
    ['a parent segment', '/../secret.txt'],
    ['an encoded parent segment', '/%2e%2e/secret.txt'],
    ['an encoded slash', '/assets%2f..%2f..%2fsecret.txt'],
    ['a backslash', '/..%5csecret.txt'],
    ['a NUL byte', '/index.html%00.js'],
    ['a malformed escape', '/%E0%A4%A'],
    ['a link out of the folder', '/linked.txt'],
    ['a precompressed copy', '/assets/app-abc123.js.br'],
    ['the build stamp', '/.build-stamp'],
  ])("serves nothing but the folder's files: %s", async (_name, pathname) => {
    const res = await get(pathname);
    expect(res.body.toString()).not.toContain('secret');
    expect(res.headers['x-not-dashboard']).toBe('1');
    // A browser's navigation to such a path gets the app, never the file.
    const page = await get(pathname, { accept: 'text/html' });
    expect([INDEX, '']).toContain(page.body.toString());
  });
});
