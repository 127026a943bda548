import { type ApiBenchReport, type Measured, type Target, type TargetOutcome } from './api.bench';
import { type ProfileSummary } from './cpu-profile';
import { type ExplainedStatement } from './sql-explain';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const rate = (n: number) => (n < 10 ? n.toFixed(1) : int(n));
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

function targetText(target: Target): string {
  return target.kind === 'ratio' ? `ratio to floor >= ${target.min}` : `p99 <= ${target.maxMs} ms (1 connection)`;
}

function outcomeText(outcome: TargetOutcome): string {
  if (outcome.value === undefined) return 'not measured';
  const value = outcome.target.kind === 'ratio' ? outcome.value.toFixed(2) : `${ms(outcome.value)} ms`;
  return `${value}: ${outcome.met ? 'met' : '**missed**'}`;
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
  for (const s of [...r.statements, r.floor.q2Statements]) {
    out.push(`| ${s.query} | ${s.small.label} | ${s.small.statements} | ${s.large.label} | ${s.large.statements} |`);
  }
  out.push(`| Q1 floor | one key | ${r.floor.q1Statements} | | |`, '');
  out.push(
    `The floor's JSON equals the API's \`data\` on ${r.floor.checked} sampled Q1/Q2 requests (deepStrictEqual).`,
    '',
  );
  for (const o of r.outcomes) {
    if (o.profile) out.push(...profileLines(o.target.query, o.profileDir, o.profile));
    if (o.explained) out.push(...explainLines(o.target.query, o.explained));
  }
  return out.join('\n');
}
