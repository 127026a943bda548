import { useTestApp } from '../helpers';

describe('/metrics', () => {
  const t = useTestApp({ allowAnonymousReads: true });
  const off = useTestApp({ allowAnonymousReads: true, metrics: false });

  it('counts GraphQL requests by operation and outcome, with pool, cache and event-loop metrics, and no data', async () => {
    await t.post('query Catalogue($secret: String) { metrics { key } experiment(key: $secret) { id } }', {
      secret: 'do-not-show-me',
    });
    await t.post('query Broken { nope }');
    const response = await fetch(await t.httpUrl('/metrics'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/graphql_requests_total\{operation="Catalogue",outcome="ok"\} 1/);
    expect(text).toMatch(/graphql_requests_total\{operation="none",outcome="client_error"\} 1/);
    expect(text).toMatch(/graphql_request_duration_seconds_count\{operation="Catalogue",outcome="ok"\} 1/);
    for (const name of [
      'db_pool_connections',
      'db_pool_idle_connections',
      'db_pool_waiting_clients',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text).toMatch(new RegExp(`^${name} `, 'm'));
    }
    expect(text).toMatch(/cache_hits_total\{cache="rollup"\} \d+/);
    expect(text).toMatch(/cache_misses_total\{cache="response"\} \d+/);
    expect(text).not.toContain('do-not-show-me');
  });

  it('is not served when turned off', async () => {
    const response = await fetch(await off.httpUrl('/metrics'));
    expect(response.status).toBe(404);
  });
});
