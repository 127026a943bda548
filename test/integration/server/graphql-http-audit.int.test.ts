import { serverAudits } from 'graphql-http';
import { useTestApp } from '../helpers';

/** graphql-http's audit of the GraphQL-over-HTTP spec against the real HTTP server: every MUST and SHOULD passes. */
describe('GraphQL over HTTP audit', () => {
  const t = useTestApp({ allowAnonymousReads: true });
  const audits = serverAudits({ url: () => t.httpUrl(), fetchFn: fetch }).filter(
    (audit) => !audit.name.startsWith('MAY'),
  );

  it.each(audits.map((audit) => [audit.name, audit] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    expect({ status: result.status, reason: result.status === 'ok' ? undefined : result.reason }).toEqual({
      status: 'ok',
      reason: undefined,
    });
  });
});
