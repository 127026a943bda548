import { spawn } from 'node:child_process';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import path from 'node:path';
import { useTestApp } from '../helpers';
import { createKey } from '../fixtures/auth-fixtures';
import { buildRunningExperiment } from '../fixtures/write-fixtures';

const t = useTestApp();
const ROOT = path.resolve(__dirname, '../../..');

/**
 * A proxy in front of the API that lets the first call of each mutation reach the server and then
 * cuts the connection before the client reads the answer: the write committed, the client saw a
 * network error — exactly the case idempotency keys exist for.
 */
async function startLossyProxy(target: string): Promise<{ url: string; close: () => Promise<void>; cut: string[] }> {
  const cut: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = /(recordResults|recordDecision)/.exec(body.toString('utf8'))?.[1];
      const forward = http.request(target, { method: req.method, headers: req.headers }, (upstream) => {
        const parts: Buffer[] = [];
        upstream.on('data', (c: Buffer) => parts.push(c));
        upstream.on('end', () => {
          if (operation && !cut.includes(operation)) {
            cut.push(operation);
            req.socket.destroy();
            return;
          }
          res.writeHead(upstream.statusCode ?? 200, upstream.headers).end(Buffer.concat(parts));
        });
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    cut,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function runExample(
  env: Record<string, string>,
  experimentKey: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'examples/record-results.ts', experimentKey],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('examples/record-results.ts', () => {
  it('records results and a decision once, even when the first answer of each is lost and it retries', async () => {
    await t.truncateAll();
    const { experiment } = await buildRunningExperiment(t);
    const key = await createKey(t, { scopes: ['write:results', 'write:decisions'], name: 'results pipeline' });
    await t.post('{ __typename }'); // starts the test server's HTTP listener
    const apiUrl = `http://127.0.0.1:${(t.app.httpServer.address() as AddressInfo).port}/graphql`;
    const proxy = await startLossyProxy(apiUrl);
    try {
      const run = await runExample({ EWL_URL: proxy.url, EWL_API_KEY: key.token }, 'exp-1');
      expect([run.code, run.stderr]).toEqual([0, expect.stringMatching(/retry 1\/5/)]);
      expect(proxy.cut.sort()).toEqual(['recordDecision', 'recordResults']);
      expect(run.stderr).toMatch(/recordResults: .*retry 1/);
      expect(run.stdout).toContain('decision recorded');
    } finally {
      await proxy.close();
    }
    const decisions = await t.dataSource.query('SELECT kind, decided_by FROM decision WHERE experiment_id = $1', [
      experiment.id,
    ]);
    expect(decisions).toEqual([{ kind: 'SHIP', decided_by: 'results-pipeline' }]);
    const audited = await t.dataSource.query(
      `SELECT operation, api_key_name, actor FROM audit_log WHERE experiment_id = $1 AND operation IN ('recordResults', 'recordDecision') ORDER BY id`,
      [experiment.id],
    );
    expect(audited).toEqual([
      { operation: 'recordResults', api_key_name: 'results pipeline', actor: 'results-pipeline' },
      { operation: 'recordDecision', api_key_name: 'results pipeline', actor: 'results-pipeline' },
    ]);
  });
});
