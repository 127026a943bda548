import { useTestApp } from '../helpers';

describe('CORS', () => {
  const t = useTestApp({ corsOrigins: ['https://app.example.com', 'http://localhost:*'], allowAnonymousReads: true });

  it('answers a preflight from an allowed origin with 204, the methods and the headers', async () => {
    const response = await fetch(await t.httpUrl(), {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(response.headers.get('access-control-allow-methods')?.split(',')).toEqual(
      expect.arrayContaining(['GET', 'POST']),
    );
    expect(response.headers.get('access-control-allow-headers')?.split(',')).toEqual(
      expect.arrayContaining(['content-type', 'authorization', 'x-request-id', 'x-actor']),
    );
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('lets an allowed origin read the answer of a POST, any port of a host given as host:*', async () => {
    for (const origin of ['https://app.example.com', 'http://localhost:5173']) {
      const response = await fetch(await t.httpUrl(), {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ metrics { key } }' }),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    }
  });

  it('gives another origin no CORS header', async () => {
    const preflight = await fetch(await t.httpUrl(), {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const response = await fetch(await t.httpUrl(), {
      method: 'POST',
      headers: { origin: 'https://app.example.com.evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ metrics { key } }' }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
