// `npm run db:seed`: loads the demo organisations, accounts and convention (once; a second run changes nothing).
import { openDb } from "../db/client";
import { formatDemoAccounts, seedDemo } from "../db/seed";
import { parseEnv, pgliteDataDir } from "../server/env";

const env = parseEnv();
const handle = env.DATABASE_URL
  ? await openDb({ kind: "postgres", url: env.DATABASE_URL, max: 1 })
  : await openDb({ kind: "pglite", dataDir: pgliteDataDir(env) });
const created = await seedDemo(handle.db);
console.log(created ? "Données de démonstration créées." : "Les données de démonstration existent déjà.");
console.log(formatDemoAccounts());
await handle.close();
