/**
 * Whether an error, or one it was caused by, is PostgreSQL's error `code` (SQLSTATE): drivers and
 * Drizzle wrap the server's error, PGlite and postgres.js each their own way.
 */
export function hasPgErrorCode(error: unknown, code: string): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === code) return true;
  }
  return false;
}
