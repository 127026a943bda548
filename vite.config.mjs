// @ts-check
// The dashboard's build (src/dashboard -> dist/dashboard), run by `npm run build` and by scripts/ensure-build.js.
// JSX is compiled by Vite's own Oxc transform with React's automatic runtime (tsconfig "jsx": "react-jsx"); see
// docs/decisions/0016-dashboard-stack.md for why there is no React plugin.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(root, 'dist', 'dashboard');

/** Files at least this large get .br and .gz copies; the server sends one to clients that accept it. */
const COMPRESS_MIN_BYTES = 1024;
const COMPRESSIBLE = /\.(html|js|css|svg|json|txt)$/;

/** Writes a brotli (quality 11) and a gzip (level 9) copy beside every compressible file of the build. */
function precompress() {
  return {
    name: 'ewl-precompress',
    apply: /** @type {const} */ ('build'),
    closeBundle() {
      const visit = (/** @type {string} */ dir) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const file = path.join(dir, entry.name);
          if (entry.isDirectory()) visit(file);
          else if (COMPRESSIBLE.test(entry.name) && fs.statSync(file).size >= COMPRESS_MIN_BYTES) {
            const body = fs.readFileSync(file);
            const brotliOptions = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } };
            fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(body, brotliOptions));
            fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
          }
        }
      };
      visit(outDir);
    },
  };
}

export default defineConfig({
  root: path.join(root, 'src', 'dashboard'),
  base: '/',
  publicDir: false,
  // The GraphQL API of a server started separately (npm start) answers the dev server's requests.
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000' } },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // ECharts alone is ~half a megabyte minified; the warning would fire on every build.
    chunkSizeWarningLimit: 1024,
  },
  plugins: [precompress()],
});
