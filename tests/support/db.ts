import { openDb, type DbHandle } from "../../db/client";

/**
 * The database the suite runs on: the real PostgreSQL server when DATABASE_URL is set (CI's second pass), an
 * in-memory PGlite otherwise. Same migrations, same code paths; tests create their own organisations.
 */
export function openTestDb(): Promise<DbHandle> {
  const url = process.env.DATABASE_URL;
  return url ? openDb({ kind: "postgres", url, max: 5 }) : openDb({ kind: "pglite", dataDir: "memory" });
}

export const testDbKind = process.env.DATABASE_URL ? "postgres" : "pglite";
