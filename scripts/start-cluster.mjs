// `npm run start:cluster -- --instances 3 [--port 3000]`: a local trial of several instances on one PostgreSQL and one
// Redis (docs/decisions/0013-scale-out-on-redis.md), on consecutive ports. DATABASE_URL and CONFLUX_REDIS_URL default to
// this machine's servers (the database is created and the demo seeded if missing). Ctrl-C stops every instance it
// started, by PID.
import { spawn } from "node:child_process";
import path from "node:path";
import postgres from "postgres";
import { register } from "tsx/esm/api";
import { buildIfStale } from "./build-if-stale.mjs";

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value)) {
    process.stderr.write(`--${name} attend un nombre entier.\n`);
    process.exit(1);
  }
  return value;
}

const instances = option("instances", 3);
const firstPort = option("port", Number(process.env.PORT ?? 3000));
if (instances < 1 || instances > 16) {
  process.stderr.write("--instances doit être compris entre 1 et 16.\n");
  process.exit(1);
}
const databaseUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/conflux_cluster";
const redisUrl = process.env.CONFLUX_REDIS_URL || "redis://127.0.0.1:6379";

// The database of the trial: created when missing, migrated and seeded once before the instances start.
const target = new URL(databaseUrl);
const name = decodeURIComponent(target.pathname.slice(1));
const admin = postgres({
  host: target.hostname,
  port: Number(target.port || 5432),
  username: decodeURIComponent(target.username),
  password: decodeURIComponent(target.password),
  database: "postgres",
  max: 1,
  onnotice: () => {},
});
try {
  const [found] = await admin`SELECT 1 AS ok FROM pg_database WHERE datname = ${name}`;
  if (!found) {
    await admin.unsafe(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    process.stdout.write(`Base ${name} créée.\n`);
  }
} catch (error) {
  process.stderr.write(`PostgreSQL injoignable (${databaseUrl}) : ${error.message}\n`);
  process.exit(1);
} finally {
  await admin.end();
}
buildIfStale();
register();
const { openDb } = await import("../db/client.ts");
const { formatDemoAccounts, seedDemo } = await import("../db/seed.ts");
const handle = await openDb({ kind: "postgres", url: databaseUrl, max: 2 });
if (await seedDemo(handle.db)) process.stdout.write("Données de démonstration créées.\n");
await handle.close();

const children = [];
let stopping = false;
for (let i = 0; i < instances; i++) {
  const port = firstPort + i;
  const child = spawn(process.execPath, ["--import", "tsx", path.join("server", "index.ts")], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_URL: databaseUrl, CONFLUX_REDIS_URL: redisUrl },
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.on("exit", (code, signal) => {
    if (!stopping) process.stderr.write(`L'instance du port ${port} s'est arrêtée (${signal ?? code}) ; les autres continuent.\n`);
  });
  children.push(child);
}
process.stdout.write(
  `\n${instances} instances sur les ports ${firstPort} à ${firstPort + instances - 1} (base ${name}, Redis ${redisUrl}).\n` +
    `Chaque instance sert toutes les conventions ; /health et /ready pour un répartiteur de charge.\n${formatDemoAccounts()}\n\n`,
);

function stop(signal) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  const left = children.filter((c) => c.exitCode === null && c.signalCode === null);
  let waiting = left.length;
  if (waiting === 0) process.exit(0);
  for (const child of left) child.once("exit", () => --waiting === 0 && process.exit(0));
  setTimeout(() => process.exit(1), 20_000).unref();
  process.stdout.write(`Arrêt des instances (${signal})…\n`);
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
