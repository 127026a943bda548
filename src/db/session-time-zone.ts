/**
 * The session time zone of every database connection (the pool's and the embedded session). Instants
 * are stored and compared as such, but `date_trunc`, `::date`, `AT TIME ZONE`-less casts and interval
 * arithmetic with days or months read the session's zone, so it is pinned rather than left to the
 * server's default (or the `PGTZ` of whoever connects).
 */
export const SESSION_TIME_ZONE = 'UTC';

/** The `pg` client's `options` startup parameter that sets it (PostgreSQL; PGlite ignores startup parameters). */
export const SESSION_STARTUP_OPTIONS = `-c TimeZone=${SESSION_TIME_ZONE}`;

/**
 * A connection URL and the `options` startup parameter to connect with: the URL's own `options`
 * (e.g. `?options=-c%20work_mem%3D64MB`) followed by ours, so the session's time zone is ours
 * whatever the URL says. `pg` lets a URL's parameters override the client's, so the URL's
 * `options` is moved out of it rather than left to replace ours.
 * @example withSessionOptions('postgres://h/db?options=-c%20work_mem%3D8MB')
 * // { url: 'postgres://h/db', options: '-c work_mem=8MB -c TimeZone=UTC' }
 */
export function withSessionOptions(url: string | undefined): { url: string | undefined; options: string } {
  if (url === undefined) return { url, options: SESSION_STARTUP_OPTIONS };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, options: SESSION_STARTUP_OPTIONS };
  }
  const own = parsed.searchParams.get('options');
  if (own === null) return { url, options: SESSION_STARTUP_OPTIONS };
  parsed.searchParams.delete('options');
  return { url: parsed.toString(), options: `${own} ${SESSION_STARTUP_OPTIONS}` };
}
