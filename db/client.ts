import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { PGliteWorkerClient } from "./pglite-worker-client";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The one database type the app codes against, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/**
 * The handle inside `db.transaction(async (tx) => …)`. A function that must run inside a transaction takes this type:
 * the plain `Db` lacks `rollback`, so passing it by mistake does not compile.
 */
export type DbTransaction = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbKind = "pglite" | "postgres";

export interface DbHandle {
  db: Db;
  kind: DbKind;
  /** Where the data lives, for logs: a folder, "memory" or the URL without its password. */
  location: string;
  close(): Promise<void>;
}

export type DbOptions =
  | { kind: "postgres"; url: string; max?: number }
  | { kind: "pglite"; dataDir: string | "memory"; inProcess?: boolean };

// Resolved from the working directory: once bundled into build/, import.meta.url would point into build/.
const MIGRATIONS = path.resolve(process.cwd(), "db/migrations");
const MIGRATION_LOCK = 2026_0002;

/** Opens the database (postgres.js for a URL, PGlite otherwise) and applies the committed migrations. */
export async function openDb(options: DbOptions): Promise<DbHandle> {
  if (options.kind === "postgres") {
    // At least two connections: one holds the migration lock while another migrates.
    const client = postgres(options.url, { max: Math.max(2, options.max ?? 10), onnotice: () => {} });
    const db = drizzlePostgres(client, { schema }) as unknown as Db;
    // Two processes starting together would race on the migrations table: a session advisory lock, held on a
    // reserved connection, lets one migrate while the other waits (and then finds nothing to do).
    const lock = await client.reserve();
    try {
      await lock`SELECT pg_advisory_lock(${MIGRATION_LOCK})`;
      await migratePostgres(db as never, { migrationsFolder: MIGRATIONS });
    } finally {
      await lock`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => undefined);
      lock.release();
    }
    return {
      db,
      kind: "postgres",
      location: redactUrl(options.url),
      close: () => client.end({ timeout: 5 }),
    };
  }
  let client: PGlite | PGliteWorkerClient;
  if (!options.inProcess) {
    // By default the engine runs in a worker thread, so that queries never block the relay of edits (ADR 0006).
    client = new PGliteWorkerClient(options.dataDir);
    await client.ready;
  } else if (options.dataDir === "memory") {
    client = new PGlite();
  } else {
    // PGlite creates only the last folder of the path.
    fs.mkdirSync(path.dirname(path.resolve(options.dataDir)), { recursive: true });
    client = new PGlite(options.dataDir);
  }
  const db = drizzlePglite(client as PGlite, { schema }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder: MIGRATIONS });
  return {
    db,
    kind: "pglite",
    location: options.dataDir,
    close: () => client.close(),
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}
