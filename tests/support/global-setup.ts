import { buildIfStale } from "../../scripts/build-if-stale.mjs";
import { openDb } from "../../db/client";

/** Once per run: build the app if stale (server tests serve the real production build) and migrate PostgreSQL. */
export default async function setup() {
  buildIfStale();
  if (process.env.DATABASE_URL) {
    // Migrating here, once, avoids parallel test files racing on the migrations table.
    const handle = await openDb({ kind: "postgres", url: process.env.DATABASE_URL, max: 1 });
    await handle.close();
  }
}
