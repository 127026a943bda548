import { isOriginAllowed, LOOPBACK_ORIGINS } from '../../../src/server/cors';
import { loadConfig } from '../../../src/server/config';

describe('isOriginAllowed', () => {
  it.each([
    ['https://app.example.com', ['https://app.example.com'], true],
    ['https://app.example.com:8443', ['https://app.example.com'], false],
    ['http://localhost:5173', LOOPBACK_ORIGINS, true],
    ['http://127.0.0.1:4000', LOOPBACK_ORIGINS, true],
    ['http://localhost.evil.example:80', LOOPBACK_ORIGINS, false],
    ['https://localhost:5173', LOOPBACK_ORIGINS, false],
    ['https://anything.example', ['*'], true],
    ['https://anything.example', [], false],
  ])('is %s allowed by %j: %s', (origin, allowed, expected) => {
    expect(isOriginAllowed(origin, allowed)).toBe(expected);
  });
});

describe('loadConfig CORS_ORIGINS', () => {
  it('allows no origin by default with DATABASE_URL and the loopback origins on the embedded database', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).corsOrigins).toEqual([]);
    expect(loadConfig({}).corsOrigins).toEqual(LOOPBACK_ORIGINS);
  });

  it('reads a comma-separated list and refuses an entry that is not an origin', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:*' }).corsOrigins).toEqual([
      'https://a.example',
      'http://localhost:*',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' })).toThrow(
      /CORS_ORIGINS entry "https:\/\/a.example\/path"/,
    );
  });
});
