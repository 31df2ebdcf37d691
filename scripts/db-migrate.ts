// `npm run db:migrate`: applies the committed migrations to DATABASE_URL, or to the embedded database when unset.
// The server also migrates at start-up; stop it first when using the embedded database (PGlite has no lock).
import { openDb } from "../db/client";
import { parseEnv, pgliteDataDir } from "../server/env";

const env = parseEnv();
const handle = env.DATABASE_URL
  ? await openDb({ kind: "postgres", url: env.DATABASE_URL, max: 1 })
  : await openDb({ kind: "pglite", dataDir: pgliteDataDir(env) });
console.log(`Migrations appliquées (${handle.kind} : ${handle.location}).`);
await handle.close();
