/**
 * The session time zone of every database connection (the pool's and the embedded session). Instants
 * are stored and compared as such, but `date_trunc`, `::date`, `AT TIME ZONE`-less casts and interval
 * arithmetic with days or months read the session's zone, so it is pinned rather than left to the
 * server's default (or the `PGTZ` of whoever connects).
 */
export const SESSION_TIME_ZONE = 'UTC';

/** The `pg` client's `options` startup parameter that sets it (PostgreSQL; PGlite ignores startup parameters). */
export const SESSION_STARTUP_OPTIONS = `-c TimeZone=${SESSION_TIME_ZONE}`;
