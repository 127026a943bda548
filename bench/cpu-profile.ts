import fs from 'node:fs';
import path from 'node:path';

/** The fields of a V8 `.cpuprofile` (written by `node --cpu-prof`) this summary reads. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled CPU time of the process, idle excluded, in ms. */
  readonly busyMs: number;
  readonly idleMs: number;
  /** Self time per part of the stack (package, src folder, GC, ...), share of busy time, largest first. */
  readonly byPart: ReadonlyArray<{ part: string; ms: number; share: number }>;
  /** Functions with the most self time. */
  readonly topFunctions: ReadonlyArray<{ fn: string; ms: number; share: number }>;
  /** Inclusive time (self plus callees) of a few frames that say where a request's time goes. */
  readonly inclusive: ReadonlyArray<{ frame: string; ms: number; share: number }>;
}

/** Which part of the program a frame belongs to: an npm package, a src/ folder, Node internals or a V8 pseudo-frame. */
function partOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node (core)';
  const src = /\/(src\/[^/]+|bench)\//.exec(url);
  return src ? src[1]! : path.basename(url);
}

function frameName(url: string, functionName: string, line: number): string {
  const name = functionName || '(anonymous)';
  return url ? `${name} (${partOf(url, functionName)}/${path.basename(url)}:${line + 1})` : name;
}

/** Frames whose inclusive time is reported when present (matched on the function name). */
const INCLUSIVE_FRAMES = [
  'execute',
  'executeHTTPGraphQLRequest',
  'analyseExperiment',
  'toEntity',
  'parse',
  'validate',
  'processResult',
  'JSON.stringify',
  'stringify',
];

/** Self and inclusive time from the newest `.cpuprofile` in `dir`. */
export function summariseCpuProfile(dir: string, top = 12): ProfileSummary {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f));
  if (files.length === 0) throw new Error(`No .cpuprofile in ${dir}`);
  files.sort((x, y) => fs.statSync(y).mtimeMs - fs.statSync(x).mtimeMs);
  const profile = JSON.parse(fs.readFileSync(files[0]!, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // The profiler's own stop call (inspector `post`, run in the profiled thread) is not the server's work.
  const profilerFrames = new Set<number>();
  const markProfiler = (id: number, inside: boolean) => {
    const node = byId.get(id)!;
    const now = inside || (node.callFrame.functionName === 'post' && node.callFrame.url === 'node:inspector');
    if (now) profilerFrames.add(id);
    for (const c of node.children ?? []) markProfiler(c, now);
  };
  markProfiler(profile.nodes[0]!.id, false);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    if (!profilerFrames.has(id)) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });

  const parts = new Map<string, number>();
  const fns = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let idleMs = 0;
  let busyMs = 0;
  for (const [id, ms] of self) {
    const { callFrame } = byId.get(id)!;
    if (callFrame.functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    busyMs += ms;
    const part = partOf(callFrame.url, callFrame.functionName);
    parts.set(part, (parts.get(part) ?? 0) + ms);
    const fn = frameName(callFrame.url, callFrame.functionName, callFrame.lineNumber);
    fns.set(fn, (fns.get(fn) ?? 0) + ms);
    // Inclusive: credit every distinct matching frame on the sample's stack once.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (!INCLUSIVE_FRAMES.includes(frame.functionName)) continue;
      const name = frameName(frame.url, frame.functionName, frame.lineNumber);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  }
  const ranked = <K extends string>(map: Map<string, number>, key: K, n: number) =>
    [...map]
      .sort((x, y) => y[1] - x[1])
      .slice(0, n)
      .map(
        ([name, ms]) =>
          ({ [key]: name, ms, share: ms / busyMs }) as { [P in K]: string } & { ms: number; share: number },
      );
  return {
    busyMs,
    idleMs,
    byPart: ranked(parts, 'part', top),
    topFunctions: ranked(fns, 'fn', top),
    inclusive: ranked(inclusive, 'frame', 8).filter((f) => f.share >= 0.02),
  };
}
