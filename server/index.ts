import { loadGeography } from "../app/lib/geography.server";
import { openDb } from "../db/client";
import { formatDemoAccounts, seedDemo } from "../db/seed";
import { createConfluxServer } from "./app";
import { configurationProblems, parseEnv, pgliteDataDir } from "./env";
import { log } from "./log";

// The process entry point: parse the environment, open the one database handle, serve, and stop cleanly.
const env = parseEnv();
const problems = configurationProblems(env);
if (problems.length > 0) {
  process.stderr.write(`Configuration refusée :\n${problems.map((p) => `  ${p}`).join("\n")}\n`);
  process.exit(1);
}
const database = env.DATABASE_URL
  ? await openDb({ kind: "postgres", url: env.DATABASE_URL })
  : await openDb({ kind: "pglite", dataDir: pgliteDataDir(env) });
log.info("database ready", { kind: database.kind, location: database.location });

// The embedded database seeds itself so that a fresh clone has something to show; a real server only through db:seed.
if (database.kind === "pglite" && env.CONFLUX_DEMO_SEED === "true") {
  if (await seedDemo(database.db)) log.info("demo data created");
}

// The official geography (about a second of parsing and indexing) is read before the port opens: read lazily, it would
// stall every socket of this instance the first time a convention's territory is resolved.
await loadGeography();

const server = await createConfluxServer({
  database,
  mode: env.NODE_ENV === "production" ? "production" : "development",
  allowedOrigins: env.CONFLUX_ALLOWED_ORIGINS.split(",").map((s) => s.trim()).filter(Boolean),
  secureCookies: env.CONFLUX_SECURE_COOKIES,
  collab: { flushDelayMs: env.CONFLUX_SAVE_DELAY_MS, compactAfterRows: env.CONFLUX_COMPACT_AFTER_ROWS },
  redisUrl: env.CONFLUX_REDIS_URL,
  stallLogMs: env.CONFLUX_STALL_LOG_MS,
});
const port = await server.listen(env.PORT, env.HOST);

process.stdout.write(`\nConflux écoute sur http://localhost:${port}  (base : ${database.kind}${env.CONFLUX_REDIS_URL ? `, instance ${server.instanceId} avec Redis` : ""})\n`);
if (database.kind === "pglite") process.stdout.write(`\n${formatDemoAccounts()}\n\n`);
process.stdout.write(`CONFLUX_READY port=${port}\n`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info("shutting down", { signal });
  const force = setTimeout(() => {
    log.error("shutdown took too long, exiting");
    process.exit(1);
  }, 15_000);
  try {
    await server.close();
    await database.close();
  } finally {
    clearTimeout(force);
    process.exit(0);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
