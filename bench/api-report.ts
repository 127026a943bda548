import { type ApiBenchReport, type Measured, type Target, type TargetOutcome } from './api.bench';
import { type ProfileSummary } from './cpu-profile';
import { type ExplainedStatement } from './sql-explain';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const rate = (n: number) => (n < 10 ? n.toFixed(1) : int(n));
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

function targetText(target: Target): string {
  switch (target.kind) {
    case 'ratio':
      return `ratio to floor >= ${target.min}`;
    case 'peer':
      return `ratio to PostGraphile >= ${target.min}`;
    case 'statements':
      return `statements per request <= ${target.max}`;
    case 'p99':
      return `p99 <= ${target.maxMs} ms (1 connection)`;
  }
}

function outcomeText(outcome: TargetOutcome): string {
  if (outcome.value === undefined) return 'not measured';
  const kind = outcome.target.kind;
  const value =
    kind === 'p99'
      ? `${ms(outcome.value)} ms`
      : kind === 'statements'
        ? String(outcome.value)
        : outcome.value.toFixed(2);
  return `${value}: ${outcome.met ? 'met' : '**missed**'}`;
}

/** Issue #11's comparison: ours against PostGraphile and the floor on the shapes PostGraphile answers. */
function peerTable(r: ApiBenchReport): string[] {
  if (!r.postgraphile) return [];
  const at = (query: string, server: Measured['server']) =>
    r.measured.find((m) => m.query === query && m.server === server && m.summary.connections > 1)?.summary;
  const largest = (query: string) => {
    const s = [...r.statements, ...r.floor.statements, ...r.postgraphile!.statements].find((c) => c.query === query);
    return s ? String(s.large.statements) : '-';
  };
  const ratio = (a: number | undefined, b: number | undefined) =>
    a !== undefined && b !== undefined ? (a / b).toFixed(2) : '-';
  const lines = [
    '| query | ours req/s | PostGraphile req/s | floor req/s | ours / PostGraphile | ours / floor | p50 ms: ours, PostGraphile, floor | statements (larger size): ours, PostGraphile, floor |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const query of r.postgraphile.statements.map((s) => s.query.replace(/ PostGraphile$/, ''))) {
    const [ours, peer, floor] = [at(query, 'api'), at(query, 'postgraphile'), at(query, 'floor')];
    const p50 = [ours, peer, floor].map((s) => (s ? ms(s.p50) : '-')).join(', ');
    lines.push(
      `| ${query} | ${ours ? rate(ours.reqPerSec) : '-'} | ${peer ? rate(peer.reqPerSec) : '-'} | ${floor ? rate(floor.reqPerSec) : '-'} | ${ratio(ours?.reqPerSec, peer?.reqPerSec)} | ${ratio(ours?.reqPerSec, floor?.reqPerSec)} | ${p50} | ${largest(query)}, ${largest(`${query} PostGraphile`)}, ${largest(`${query} floor`)} |`,
    );
  }
  lines.push(
    '',
    `PostGraphile's answers, in our shape (bench/postgraphile/documents.ts), equal the API's \`data\` on ${r.postgraphile.checked} sampled requests (deepStrictEqual).`,
    '',
    'CPU milliseconds per request (medians of the runs; /proc): the server process, every PostgreSQL process, the load generator.',
    '',
    '| query | server | server ms | PostgreSQL ms | load generator ms | total ms |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const query of r.postgraphile.statements.map((s) => s.query.replace(/ PostGraphile$/, '')))
    for (const server of ['api', 'postgraphile', 'floor'] as const) {
      const cpu = at(query, server)?.cpu;
      if (cpu === undefined || Number.isNaN(cpu.server)) continue;
      const total = cpu.server + cpu.postgres + cpu.client;
      lines.push(
        `| ${query} | ${server} | ${cpu.server.toFixed(2)} | ${cpu.postgres.toFixed(2)} | ${cpu.client.toFixed(2)} | ${total.toFixed(2)} |`,
      );
    }
  lines.push('');
  return lines;
}

function loadTable(m: readonly Measured[]): string[] {
  const lines = [
    '| query | server | connections | req/s | p50 ms | p99 ms | runs (req/s) | failures |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const { query, server, summary: s } of m) {
    lines.push(
      `| ${query} | ${server} | ${s.connections} | ${rate(s.reqPerSec)} | ${ms(s.p50)} | ${ms(s.p99)} | ${s.runs.map((r) => rate(r.reqPerSec)).join(' / ')} | ${s.failures} |`,
    );
  }
  return lines;
}

function profileLines(query: string, dir: string | undefined, p: ProfileSummary): string[] {
  const lines = [
    `Profile of ${query} (${dir ?? ''}): ${int(p.busyMs)} ms busy, ${int(p.idleMs)} ms idle in the measured run.`,
    '',
  ];
  lines.push('| self time by part | share |', '| --- | --- |');
  for (const part of p.byPart) lines.push(`| ${part.part} | ${pct(part.share)} |`);
  lines.push('', '| top self-time functions | share |', '| --- | --- |');
  for (const f of p.topFunctions) lines.push(`| \`${f.fn}\` | ${pct(f.share)} |`);
  if (p.inclusive.length) {
    lines.push('', '| inclusive (frame and callees) | share |', '| --- | --- |');
    for (const f of p.inclusive) lines.push(`| \`${f.frame}\` | ${pct(f.share)} |`);
  }
  lines.push('');
  return lines;
}

function explainLines(query: string, statements: readonly ExplainedStatement[]): string[] {
  const lines = [
    `EXPLAIN ANALYZE of one ${query} request's statements:`,
    '',
    '| statement | planning ms | execution ms | hottest plan nodes (exclusive ms summed over loops and workers; rows) |',
    '| --- | --- | --- | --- |',
  ];
  for (const s of statements) {
    const hottest = s.hottest.map((h) => `${h.node} ${ms(h.ms)} (${int(h.rows)})`).join('; ');
    lines.push(`| \`${s.sql.replace(/\|/g, '\\|')}\` | ${ms(s.planningMs)} | ${ms(s.executionMs)} | ${hottest} |`);
  }
  lines.push('');
  return lines;
}

/** The `api` suite's results as Markdown, ready for BENCHMARKS.md. */
export function renderApiReport(r: ApiBenchReport): string {
  const out: string[] = [];
  out.push('### Data', '');
  out.push(
    `Load (simulate + bulk insert + classify, one transaction): **${r.load.loadSeconds.toFixed(1)} s**; VACUUM ANALYZE ${r.load.analyzeSeconds.toFixed(1)} s.`,
    '',
  );
  out.push('| table | rows |', '| --- | --- |');
  for (const [table, n] of Object.entries(r.load.rows)) out.push(`| ${table} | ${int(n)} |`);
  out.push(
    '',
    `Stored categories: ${Object.entries(r.load.categories)
      .map(([c, n]) => `${c} ${int(n)}`)
      .join(', ')}.`,
  );
  out.push(
    `Key pools cycled through: ${Object.entries(r.pools)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}.`,
    '',
  );
  out.push('### Throughput and latency', '', ...loadTable(r.measured), '');
  if (r.postgraphile) out.push('### Against PostGraphile 5.1.5 (amber preset, production mode)', '', ...peerTable(r));
  for (const nm of r.notMeasured) out.push(`- ${nm.query} not measured: ${nm.reason}`);
  out.push('### Targets', '', '| query | target | result |', '| --- | --- | --- |');
  for (const o of r.outcomes) out.push(`| ${o.target.query} | ${targetText(o.target)} | ${outcomeText(o)} |`);
  out.push(
    '',
    '### SQL statements per request',
    '',
    '| query | size | statements | size | statements |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const s of [...r.statements, ...r.floor.statements, ...(r.postgraphile?.statements ?? [])]) {
    out.push(`| ${s.query} | ${s.small.label} | ${s.small.statements} | ${s.large.label} | ${s.large.statements} |`);
  }
  out.push(
    '',
    `The floor's JSON equals the API's \`data\` on ${r.floor.checked} sampled requests (deepStrictEqual).`,
    '',
  );
  for (const o of r.outcomes) {
    if (o.profile) out.push(...profileLines(o.target.query, o.profileDir, o.profile));
    if (o.explained) out.push(...explainLines(o.target.query, o.explained));
  }
  return out.join('\n');
}
