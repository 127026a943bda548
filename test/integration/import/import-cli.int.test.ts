import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runImportCommand } from '../../../scripts/import-command';
import { buildMetrics, buildOrgTree } from '../fixtures/write-fixtures';
import { snapshotDatabase, useTestApp } from '../helpers';
import { importedRowCounts, importItem } from './import-fixtures';

const t = useTestApp();
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ewl-import-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  await t.truncateAll();
  await buildOrgTree(t);
  await buildMetrics(t);
});

function writeFile(name: string, lines: readonly string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Runs the command in-process against the test database, capturing its output. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runImportCommand(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    dataSource: t.dataSource,
  });
  return { code, stdout, stderr };
}

const json = (value: unknown) => JSON.stringify(value);

/** Seven lines: three good items, a blank line, broken JSON, bad statistics, a decision without decidedAt, a number. */
const MIXED = [
  json(importItem('a')),
  '',
  '{"externalId": "broken", ',
  json(importItem('b', { results: [{ metricKey: 'conv', variantKey: 'control', n: 10, sum: 11 }] })),
  json(importItem('c', { source: 'optimizely' })),
  json(importItem('d', { decisions: [{ kind: 'SHIP', decidedBy: 'Ada' }] })),
  '42',
  json(importItem('e', { status: 'RUNNING', endedAt: null, concludedAt: null, decisions: [] })),
];

describe('npm run import', () => {
  it('imports the good lines, reports each bad one by line number with the reason, and exits non-zero', async () => {
    const file = writeFile('mixed.ndjson', MIXED);
    const { code, stdout, stderr } = await run([file, '--batch', '2', '--source', 'gb']);
    expect(code).toBe(1);
    const reported = stderr.trim().split('\n');
    expect(reported).toHaveLength(4);
    expect(reported[0]).toMatch(/^line 3: Not a JSON object on one line: .* \[BAD_USER_INPUT INVALID_JSON\]$/);
    expect(reported[1]).toMatch(
      /^line 4: Invalid results\[0\]\.sum \(metric "conv", variant "control"\): got 11, expected an integer from 0 to n \(10\) \[BAD_USER_INPUT INCONSISTENT_STATISTICS\]$/,
    );
    expect(reported[2]).toMatch(
      /^line 6: Invalid decisions\[0\]\.decidedAt: got null, expected a date-time .* \[BAD_USER_INPUT INVALID_VALUE\]$/,
    );
    expect(reported[3]).toMatch(/^line 7: Invalid item: got 42, expected an object \[BAD_USER_INPUT INVALID_VALUE\]$/);
    expect(stdout).toContain('3 created, 0 updated, 0 unchanged, 4 failed');
    const keys = await t.dataSource.query('SELECT key FROM experiment ORDER BY key');
    expect(keys).toEqual([{ key: 'gb:a' }, { key: 'gb:e' }, { key: 'optimizely:c' }]);
    expect(await importedRowCounts(t)).toEqual({
      experiment: 3,
      variant: 6,
      experiment_metric: 6,
      hypothesis: 3,
      metric_result: 12,
      decision: 2,
      experiment_classification: 3,
    });
    // One audit row per experiment written, in the batch's transaction, naming the command.
    const audited = await t.dataSource.query(
      `SELECT e.key, a.principal_kind, a.api_key_name, a.before IS NULL AS created, a.after->'experiment'->>'key' AS after_key
         FROM audit_log a JOIN experiment e ON e.id = a.experiment_id WHERE a.operation = 'importExperiments' ORDER BY e.key`,
    );
    expect(audited).toEqual(
      ['gb:a', 'gb:e', 'optimizely:c'].map((key) => ({
        key,
        principal_kind: 'INTERNAL',
        api_key_name: 'npm run import',
        created: true,
        after_key: key,
      })),
    );
  });

  it('finds the imported lines UNCHANGED when run again, writing nothing', async () => {
    const file = writeFile('again.ndjson', MIXED);
    await run([file, '--source', 'gb']);
    const before = await snapshotDatabase(t.dataSource);
    const { code, stdout } = await run([file, '--source=gb', '--batch=3']);
    expect(code).toBe(1);
    expect(stdout).toContain('0 created, 0 updated, 3 unchanged, 4 failed');
    expect(await snapshotDatabase(t.dataSource)).toEqual(before);
  });

  it('exits 0 when every line is imported, and prints a progress line every 10 batches when not on a terminal', async () => {
    const file = writeFile(
      'clean.ndjson',
      Array.from({ length: 12 }, (_, i) => json(importItem(`clean-${i}`))),
    );
    const { code, stdout, stderr } = await run([file, '--batch', '1', '--source', 'gb']);
    expect(code).toBe(0);
    expect(stdout).toContain('12 created, 0 updated, 0 unchanged, 0 failed');
    expect(stderr).toMatch(/^progress: 10 lines in [\d.]+ s \([\d,]+ of [\d,]+ bytes\)\n$/);
  });

  it('reads a file with a byte-order mark, CRLF line endings and no final newline', async () => {
    const file = path.join(dir, 'windows.ndjson');
    fs.writeFileSync(file, `\uFEFF${json(importItem('w1'))}\r\n\r\n${json(importItem('w2'))}`);
    const { code, stdout } = await run([file, '--source', 'gb']);
    expect(code).toBe(0);
    expect(stdout).toContain('2 created');
    expect(await t.dataSource.query('SELECT key FROM experiment ORDER BY key')).toEqual([
      { key: 'gb:w1' },
      { key: 'gb:w2' },
    ]);
  });

  it.each([
    [[], 'FILE is missing'],
    [['a.ndjson', '--batch', '0'], '--batch must be an integer from 1 to 1000'],
    [['a.ndjson', '--batch', '1001'], '--batch must be an integer from 1 to 1000'],
    [['a.ndjson', '--source'], '--source needs a value'],
    [['a.ndjson', 'b.ndjson'], 'Unknown or extra argument "b.ndjson"'],
  ])('refuses the arguments %j with exit code 2', async (argv, message) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage: npm run import -- FILE');
  });

  it('runs as a script: `npm run import` against DATABASE_URL, with the exit code and the bad line numbers', async () => {
    const file = writeFile('script.ndjson', [json(importItem('s1')), 'not json', json(importItem('s2'))]);
    const root = path.resolve(__dirname, '../../..');
    const env = { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL! };
    const result = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'scripts/import.ts', file, '--source', 'gb'],
      { cwd: root, env },
    ).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 2: Not a JSON object on one line');
    expect(result.stdout).toContain('2 created, 0 updated, 0 unchanged, 1 failed');
    expect(await t.dataSource.query('SELECT key FROM experiment ORDER BY key')).toEqual([
      { key: 'gb:s1' },
      { key: 'gb:s2' },
    ]);
  });
});
