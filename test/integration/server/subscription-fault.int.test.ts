import { createKey } from '../fixtures/auth-fixtures';
import { CuttableProxy } from '../fixtures/cuttable-proxy';
import { received, useLiveClients } from '../fixtures/live-clients';
import { buildMetrics, buildOrgTree, buildExperiment } from '../fixtures/write-fixtures';
import { type GraphQLResult, type TestApp, useTestApp } from '../helpers';

// Live subscriptions through a database outage (docs/events.md "Live subscriptions"): the app's
// pool reaches the database through a TCP proxy that the test cuts. A subscription asked for
// meanwhile is refused with SERVICE_UNAVAILABLE, as an HTTP request; one listening already stays
// open, and the feed goes on from where it was once the database is back.

describe('live subscriptions and a database outage', () => {
  const target = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/x');
  const proxy = new CuttableProxy({ host: target.hostname, port: Number(target.port || 5432) });
  beforeAll(() => proxy.listen());
  const t: TestApp = useTestApp({ databaseUrl: () => proxy.url });
  const { listen, refused } = useLiveClients(t);
  afterAll(() => proxy.cut());
  let token = '';

  beforeAll(async () => {
    await t.truncateAll();
    await buildOrgTree(t);
    await buildMetrics(t);
    token = (await createKey(t, { scopes: ['read'] })).token;
  });

  it('refuses a new subscription with SERVICE_UNAVAILABLE while the database is cut, and the one listening receives what commits after', async () => {
    const live = await listen(token);
    await proxy.cut();
    const refusedMeanwhile = await refused(token);
    const errors = (refusedMeanwhile.ended as { errors: GraphQLResult['errors'] }).errors!;
    expect(errors[0]!.extensions).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      reason: 'DATABASE_UNAVAILABLE',
      retryAfterSeconds: 5,
    });
    expect(live.ended).toBeUndefined();
    await proxy.listen();
    // The pool's connections died with the proxy: a write retries until one is made anew.
    for (let attempt = 0; ; attempt++) {
      const ok = await buildExperiment(t, { key: 'after-outage' }).then(
        () => true,
        (error: unknown) => (attempt < 50 ? false : Promise.reject(error)),
      );
      if (ok) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await live.until((s) => s.results.length > 0);
    expect(received(live)[0]).toMatchObject({ experimentKey: 'after-outage', type: 'EXPERIMENT_STATUS_CHANGED' });
  });
});
