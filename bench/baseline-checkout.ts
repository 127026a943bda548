import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Root of this checkout (the one whose bench runs). */
const THIS_CHECKOUT = path.join(__dirname, '..');

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/**
 * A detached `git worktree` of `commit` outside the project folder (`BENCH_CHECKOUTS_DIR`, default
 * `<os.tmpdir()>/ewl-bench-checkouts/<full hash>`), reused when it is already there at that commit,
 * with this checkout's `node_modules` linked into it, so that bench/child-server.ts can start that
 * commit's own bench/api-server.ts and src/. The runtime dependencies are this checkout's: fine for
 * commits whose package.json differs only in ways the server does not use.
 * Returns the checkout's root and full commit hash.
 */
export function prepareCheckout(commit: string, log: (message: string) => void): { root: string; commit: string } {
  const full = git(THIS_CHECKOUT, 'rev-parse', '--verify', `${commit}^{commit}`);
  const root = path.join(process.env.BENCH_CHECKOUTS_DIR ?? path.join(os.tmpdir(), 'ewl-bench-checkouts'), full);
  if (fs.existsSync(path.join(root, '.git')) && git(root, 'rev-parse', 'HEAD') === full) {
    log(`Reusing the checkout of ${full.slice(0, 7)} at ${root}`);
  } else {
    if (fs.existsSync(root))
      throw new Error(`${root} exists but is not a checkout of ${full}: remove it (and run git worktree prune)`);
    // A worktree whose folder was deleted (e.g. a cleaned tmp) is still registered until pruned.
    git(THIS_CHECKOUT, 'worktree', 'prune');
    fs.mkdirSync(path.dirname(root), { recursive: true });
    log(`Checking out ${full.slice(0, 7)} at ${root}`);
    git(THIS_CHECKOUT, 'worktree', 'add', '--detach', root, full);
  }
  const modules = path.join(root, 'node_modules');
  if (!fs.existsSync(modules)) fs.symlinkSync(fs.realpathSync(path.join(THIS_CHECKOUT, 'node_modules')), modules);
  return { root, commit: full };
}

/** This checkout's commit, with `+changes` when its tracked files differ from it. */
export function currentCheckout(): string {
  const head = git(THIS_CHECKOUT, 'rev-parse', '--short', 'HEAD');
  return git(THIS_CHECKOUT, 'status', '--porcelain', '--untracked-files=no') ? `${head}+changes` : head;
}
