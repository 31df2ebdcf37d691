import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { openDb } from "../../db/client";

function newest(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((n) => newest(path.join(entry, n))));
}

/** Once per run: build the app if stale (server tests serve the real production build) and migrate PostgreSQL. */
export default async function setup() {
  const output = path.resolve("build/server/index.js");
  const built = fs.existsSync(output) ? fs.statSync(output).mtimeMs : 0;
  if (!built || Math.max(...["app", "public", "vite.config.ts"].map((p) => newest(path.resolve(p)))) > built) {
    const r = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], { stdio: "inherit" });
    if (r.status !== 0) throw new Error("remix vite:build failed");
  }
  if (process.env.DATABASE_URL) {
    // Migrating here, once, avoids parallel test files racing on the migrations table.
    const handle = await openDb({ kind: "postgres", url: process.env.DATABASE_URL, max: 1 });
    await handle.close();
  }
}
