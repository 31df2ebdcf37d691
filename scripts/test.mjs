// `npm test`: the whole suite (unit, integration over real servers and sockets, browser) through vitest, then one
// closing line `N passed, N failed` that CI reads. Extra arguments go to vitest (e.g. a file filter).
// Before anything runs, the system programs the suite drives (Chromium, LibreOffice, poppler) are checked and, when
// this machine allows it, installed (scripts/preflight.mjs); a machine that cannot gets one message and exit 1.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { preflight } from "./preflight.mjs";

const ready = preflight();
if (ready !== 0) {
  console.log("\n0 passed, 1 failed");
  process.exit(ready);
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "conflux-vitest-")), "report.json");
const result = spawnSync(
  process.execPath,
  ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: "inherit" },
);
let passed = 0;
let failed = 0;
try {
  const r = JSON.parse(fs.readFileSync(report, "utf8"));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  if (!r.success && failed === 0) failed = 1;
} catch {
  failed = Math.max(failed, 1);
}
const db = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
console.log(`\n[${db}]`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(result.status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
