import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { acceptedEncodings } from './compression';

/**
 * The dashboard's built files (`npm run build` writes them to dist/dashboard/, see vite.config.mjs), served at `/`.
 * Only files inside the folder with a known type are served; the `.br`/`.gz` copies written next to them at build
 * time are sent in their place to clients that accept them.
 */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Precompressed copies, in order of preference (brotli is smaller). */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** Vite names everything under assets/ by its content hash: a name never changes content, so it is cached a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const HASHED_PREFIX = '/assets/';

export interface DashboardFiles {
  /** The folder served (absolute). */
  readonly dir: string;
  /** Whether the folder holds a build (its index.html). */
  isBuilt(): boolean;
  /**
   * Answers a GET or HEAD for `pathname` from the folder: a file, or index.html for a page route (any other path
   * outside assets/, asked for as HTML: the app reads its route from the URL). Returns false, having sent nothing,
   * when the path is not the dashboard's.
   */
  serve(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<boolean>;
}

export function createDashboardFiles(dir: string): DashboardFiles {
  const root = path.resolve(dir);
  const index = path.join(root, 'index.html');

  /** The file a URL path names inside the folder, or undefined for any path that is not plainly inside it. */
  function fileOf(pathname: string): string | undefined {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return undefined;
    const file = path.join(root, decoded);
    if (!file.startsWith(root + path.sep)) return undefined;
    return file;
  }

  async function serve(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const file = pathname === '/' ? index : fileOf(pathname);
    if (!file) return false;
    const type = CONTENT_TYPES[path.extname(file)];
    if (type && (await isFileInside(root, file))) {
      await send(req, res, file, type, pathname.startsWith(HASHED_PREFIX) ? IMMUTABLE : 'no-cache');
      return true;
    }
    // Org node keys have dots (`/node/acme.growth`), so a page route is any path that is no file, asked for as HTML.
    const pageRoute = !pathname.startsWith(HASHED_PREFIX) && (req.headers.accept ?? '').includes('text/html');
    if (pageRoute && fs.existsSync(index)) {
      await send(req, res, index, CONTENT_TYPES['.html']!, 'no-cache');
      return true;
    }
    return false;
  }

  return { dir: root, isBuilt: () => fs.existsSync(index), serve };
}

/** Whether `file` is a regular file whose real path (links resolved) lies inside `root`. */
async function isFileInside(root: string, file: string): Promise<boolean> {
  try {
    const [realRoot, realFile] = await Promise.all([fs.promises.realpath(root), fs.promises.realpath(file)]);
    return realFile.startsWith(realRoot + path.sep) && (await fs.promises.stat(realFile)).isFile();
  } catch {
    return false;
  }
}

async function send(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  file: string,
  type: string,
  cacheControl: string,
): Promise<void> {
  const stat = await fs.promises.stat(file);
  const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const headers: http.OutgoingHttpHeaders = { 'content-type': type, 'cache-control': cacheControl, etag };
  const encoding = await precompressed(file, req.headers['accept-encoding']);
  if (encoding) headers['content-encoding'] = encoding.name;
  // Every file with a compressed copy varies by Accept-Encoding, whichever form this client gets.
  if (encoding || fs.existsSync(file + ENCODINGS[1].suffix)) headers.vary = 'Accept-Encoding';
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  const body = await fs.promises.readFile(encoding ? file + encoding.suffix : file);
  headers['content-length'] = body.length;
  res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
}

/** The preferred precompressed copy of `file` that the client accepts, if one exists. */
async function precompressed(
  file: string,
  acceptEncoding: string | undefined,
): Promise<(typeof ENCODINGS)[number] | undefined> {
  const accepted = acceptedEncodings(acceptEncoding);
  for (const encoding of ENCODINGS) {
    if (!accepted.has(encoding.name)) continue;
    const exists = await fs.promises.stat(file + encoding.suffix).then(
      (s) => s.isFile(),
      () => false,
    );
    if (exists) return encoding;
  }
  return undefined;
}
