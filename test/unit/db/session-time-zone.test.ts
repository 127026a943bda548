import { SESSION_STARTUP_OPTIONS, withSessionOptions } from '../../../src/db/session-time-zone';

describe('withSessionOptions', () => {
  it('connects with the time zone option when the URL has no options', () => {
    expect(withSessionOptions('postgres://postgres@127.0.0.1:5432/test')).toEqual({
      url: 'postgres://postgres@127.0.0.1:5432/test',
      options: SESSION_STARTUP_OPTIONS,
    });
    expect(withSessionOptions(undefined)).toEqual({ url: undefined, options: SESSION_STARTUP_OPTIONS });
  });

  it("moves the URL's own options out of the URL and puts ours after them, so ours win", () => {
    const zone = encodeURIComponent('-c TimeZone=America/New_York -c work_mem=8MB');
    expect(withSessionOptions(`postgres://u:p@db.example:5433/cat?sslmode=require&options=${zone}`)).toEqual({
      url: 'postgres://u:p@db.example:5433/cat?sslmode=require',
      options: `-c TimeZone=America/New_York -c work_mem=8MB ${SESSION_STARTUP_OPTIONS}`,
    });
  });

  it('leaves a string that is not a URL to the driver', () => {
    expect(withSessionOptions('not a url')).toEqual({ url: 'not a url', options: SESSION_STARTUP_OPTIONS });
  });
});
