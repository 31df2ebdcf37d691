// Builds the app when build/ is missing or older than its sources (`npm start`, `npm run start:cluster`, the test
// suite's global setup and the benchmarks that serve the real build).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function newestMtime(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/** Returns normally once build/ is current; exits the process with the build's status when the build fails. */
export function buildIfStale(root = process.cwd()) {
  const output = path.join(root, "build/server/index.js");
  const sources = ["app", "public", "vite.config.ts", "package-lock.json", "tsconfig.json"].map((p) => path.join(root, p));
  const built = fs.existsSync(output) ? fs.statSync(output).mtimeMs : 0;
  if (built !== 0 && Math.max(...sources.map(newestMtime)) <= built) return;
  process.stdout.write(built === 0 ? "Construction de l'application…\n" : "Sources modifiées : reconstruction…\n");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], { stdio: "inherit" });
  if (result.status !== 0) {
    process.stderr.write("La construction a échoué.\n");
    process.exit(result.status ?? 1);
  }
}
