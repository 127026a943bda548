import { type DataSource } from 'typeorm';
import { createHealth } from '../../../src/server/health';

/** A stand-in for the DataSource: `query` answers per statement, `migrations` lists the code's migrations. */
function fakeDataSource(answer: (sql: string) => Promise<unknown>, migrations = ['A1', 'B2']): DataSource {
  return { query: answer, migrations: migrations.map((name) => ({ name })) } as unknown as DataSource;
}

const applied = (sql: string) =>
  Promise.resolve(sql.includes('schema_migration') ? [{ name: 'A1' }, { name: 'B2' }] : [{ '?column?': 1 }]);

describe('createHealth', () => {
  it('is live without asking the database', () => {
    const health = createHealth({
      dataSource: fakeDataSource(() => Promise.reject(new Error('down'))),
      isDraining: () => false,
    });
    expect(health.liveness()).toEqual({ status: 'ok' });
  });

  it('is ready when the database answers and every migration is applied', async () => {
    const health = createHealth({ dataSource: fakeDataSource(applied), isDraining: () => false });
    expect(await health.readiness()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
  });

  it('reports pending migrations when one of the code is not applied', async () => {
    const dataSource = fakeDataSource((sql) =>
      Promise.resolve(sql.includes('schema_migration') ? [{ name: 'A1' }] : [{}]),
    );
    const health = createHealth({ dataSource, isDraining: () => false });
    expect(await health.readiness()).toEqual({
      status: 'unavailable',
      checks: { database: 'ok', migrations: 'pending' },
    });
  });

  it('reports a failing database when the query fails', async () => {
    const health = createHealth({
      dataSource: fakeDataSource(() => Promise.reject(new Error('ECONNREFUSED'))),
      isDraining: () => false,
    });
    expect(await health.readiness()).toEqual({
      status: 'unavailable',
      checks: { database: 'failing', migrations: 'pending' },
    });
  });

  it('reports a failing database when the query does not answer within the timeout', async () => {
    const health = createHealth({
      dataSource: fakeDataSource(() => new Promise(() => undefined)),
      isDraining: () => false,
      timeoutMs: 20,
    });
    expect(await health.readiness()).toEqual({
      status: 'unavailable',
      checks: { database: 'failing', migrations: 'pending' },
    });
  });

  it('keeps migrations ok once seen applied, and is unavailable while draining', async () => {
    let down = false;
    let draining = false;
    const dataSource = fakeDataSource((sql) => (down ? Promise.reject(new Error('down')) : applied(sql)));
    const health = createHealth({ dataSource, isDraining: () => draining });
    await health.readiness();
    down = true;
    expect(await health.readiness()).toEqual({
      status: 'unavailable',
      checks: { database: 'failing', migrations: 'ok' },
    });
    down = false;
    draining = true;
    expect(await health.readiness()).toEqual({
      status: 'unavailable',
      checks: { database: 'ok', migrations: 'ok', shutdown: 'draining' },
    });
  });
});
