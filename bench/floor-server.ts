import http from 'node:http';
import { Pool } from 'pg';
import { SESSION_STARTUP_OPTIONS } from '../src/db/session-time-zone';
import { childDatabaseSettings, serveUntilStopped } from './child-server';
import { floorExperimentAnalysis, floorExperimentByKey, floorTeamPage, type Queryable } from './floor-reads';

/**
 * The floor of the load test: a minimal `node:http` + `pg` server with hand-written SQL (see
 * floor-reads.ts) answering Q1, Q1d and Q2. It takes the same request bodies as the GraphQL server
 * (`{ operationName, query, variables }`), ignores the document and dispatches on the operation
 * name, and answers the same JSON. No GraphQL parsing, validation or execution, no ORM, no
 * DataLoader: what is left is HTTP, JSON, SQL round trips and the analysis itself.
 */
export function createFloorServer(db: Queryable): http.Server {
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      answer(db, Buffer.concat(chunks).toString('utf8')).then(
        (body) => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body)),
        (error: unknown) => {
          console.error('[floor]', error);
          res
            .writeHead(500, { 'content-type': 'application/json' })
            .end(JSON.stringify({ errors: [{ message: 'Internal server error' }] }));
        },
      );
    });
  });
}

async function answer(db: Queryable, text: string): Promise<unknown> {
  const body = JSON.parse(text) as { operationName?: string; variables?: { key?: string; first?: number } };
  const key = String(body.variables?.key ?? '');
  if (body.operationName === 'Q1') return floorExperimentAnalysis(db, key, new Date());
  if (body.operationName === 'Q1d') return floorExperimentByKey(db, key);
  if (body.operationName === 'Q2') return floorTeamPage(db, key, Number(body.variables?.first ?? 20), new Date());
  return { errors: [{ message: `The floor serves Q1, Q1d and Q2 only, not ${String(body.operationName)}` }] };
}

if (require.main === module) {
  const { url, poolSize } = childDatabaseSettings();
  const pool = new Pool({ connectionString: url, max: poolSize, options: SESSION_STARTUP_OPTIONS });
  serveUntilStopped(createFloorServer(pool as unknown as Queryable), () => pool.end());
}
