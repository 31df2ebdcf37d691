// PostgreSQL error codes as both drivers report them, so that callers retry or translate precisely one failure.

const UNIQUE_VIOLATION = "23505";

/**
 * True when `error` (or one of its causes: drizzle wraps the driver's error in a DrizzleQueryError) is PostgreSQL's
 * unique violation of `constraint`. PGlite names the constraint `constraint`, postgres.js `constraint_name`.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const fields = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
    if (fields.code === UNIQUE_VIOLATION) return (fields.constraint ?? fields.constraint_name) === constraint;
  }
  return false;
}
