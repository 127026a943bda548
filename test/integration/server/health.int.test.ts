import { useTestApp } from '../helpers';

describe('health endpoints', () => {
  const t = useTestApp();

  it('answers /livez with 200 {"status":"ok"}', async () => {
    const response = await fetch(await t.httpUrl('/livez'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it.each(['/readyz', '/healthz'])(
    'answers %s with 200, the database reachable and every migration applied',
    async (path) => {
      const response = await fetch(await t.httpUrl(path));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
    },
  );
});
