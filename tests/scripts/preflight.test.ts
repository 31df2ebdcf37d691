// The preflight of `npm test` (scripts/preflight.mjs), run as a real child process on a machine made up for each
// case: PATH and CHROMIUM_PATH point at scratch folders, and a fake apt-get records the arguments it was given (and,
// when asked to, "installs" by creating the programs, so that the check after installation can pass).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = process.cwd();
const scratch: string[] = [];

interface Machine {
  bin: string;
  chromium: string;
  log: string;
  env: Record<string, string>;
}

function writeExecutable(file: string, text: string) {
  fs.writeFileSync(file, text, { mode: 0o755 });
}

// A node script with an absolute shebang: PATH holds nothing but our folders, so `env node` would not resolve.
function nodeScript(body: string): string {
  return `#!${process.execPath}\n${body}\n`;
}

function machine(options: { present?: string[]; aptGet?: "provides" | "fails" | "none" } = {}): Machine {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-preflight-"));
  scratch.push(dir);
  const empty = path.join(dir, "empty");
  const bin = path.join(dir, "bin");
  fs.mkdirSync(empty);
  fs.mkdirSync(bin);
  const chromium = path.join(dir, "chromium");
  const log = path.join(dir, "apt-get.log");
  const present = new Set(options.present ?? []);
  if (present.has("chromium")) writeExecutable(chromium, "#!/bin/sh\n");
  for (const program of ["soffice", "pdftoppm", "pdftotext", "redis-server"]) if (present.has(program)) writeExecutable(path.join(bin, program), "#!/bin/sh\n");
  const aptGet = options.aptGet ?? "provides";
  if (aptGet !== "none") {
    writeExecutable(
      path.join(bin, "apt-get"),
      nodeScript(`
const fs = require("node:fs");
const path = require("node:path");
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_APT_LOG, JSON.stringify(args) + "\\n");
if (process.env.FAKE_APT_MODE === "fails" && args[0] === "install") process.exit(100);
if (args[0] === "install") {
  const stub = (file) => fs.writeFileSync(file, "#!/bin/sh\\n", { mode: 0o755 });
  if (args.includes("chromium")) stub(process.env.CHROMIUM_PATH);
  if (args.includes("libreoffice-writer-nogui")) stub(path.join(process.env.FAKE_APT_BIN, "soffice"));
  if (args.includes("poppler-utils")) for (const p of ["pdftoppm", "pdftotext"]) stub(path.join(process.env.FAKE_APT_BIN, p));
  if (args.includes("redis-server")) stub(path.join(process.env.FAKE_APT_BIN, "redis-server"));
}`),
    );
    // Run as another user than root, the preflight goes through `sudo -n`: this one just runs the command.
    writeExecutable(
      path.join(bin, "sudo"),
      nodeScript(`
const { spawnSync } = require("node:child_process");
const args = process.argv.slice(2).filter((a) => a !== "-n");
process.exit(spawnSync(require("node:path").join(process.env.FAKE_APT_BIN, args[0]), args.slice(1), { stdio: "inherit" }).status ?? 1);`),
    );
  }
  return {
    bin,
    chromium,
    log,
    env: {
      // Remix's globals make NODE_ENV a required key of ProcessEnv; the preflight does not read it.
      NODE_ENV: "test",
      PATH: [empty, bin].join(path.delimiter),
      CHROMIUM_PATH: chromium,
      FAKE_APT_LOG: log,
      FAKE_APT_BIN: bin,
      FAKE_APT_MODE: aptGet,
    },
  };
}

function run(script: string, m: Machine) {
  const r = spawnSync(process.execPath, [path.join(ROOT, script)], { cwd: ROOT, env: m.env as unknown as NodeJS.ProcessEnv, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function aptCalls(m: Machine): string[][] {
  if (!fs.existsSync(m.log)) return [];
  return fs.readFileSync(m.log, "utf8").trim().split("\n").map((line) => JSON.parse(line) as string[]);
}

afterEach(() => {
  for (const dir of scratch.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm test preflight", () => {
  it("installs exactly the missing packages, once each, then lets the suite start", () => {
    const m = machine();
    const r = run("scripts/preflight.mjs", m);
    expect(r.status).toBe(0);
    const calls = aptCalls(m);
    expect(calls[0]).toEqual(["update", "-qq"]);
    expect(calls[1]).toEqual(["install", "-y", "-qq", "chromium", "libreoffice-writer-nogui", "poppler-utils", "redis-server"]);
    expect(calls).toHaveLength(2);
    expect(r.stdout).toMatch(/installation de chromium, libreoffice-writer-nogui, poppler-utils, redis-server/);
    expect(r.stdout).toMatch(/Installés en \d+\.\d s/);
  });

  it("asks only for the package of the one program that is missing", () => {
    const m = machine({ present: ["chromium", "pdftoppm", "pdftotext", "redis-server"] });
    const r = run("scripts/preflight.mjs", m);
    expect(r.status).toBe(0);
    expect(aptCalls(m).find((c) => c[0] === "install")).toEqual(["install", "-y", "-qq", "libreoffice-writer-nogui"]);
  });

  it("asks for poppler-utils when only pdftotext is missing", () => {
    const m = machine({ present: ["chromium", "soffice", "pdftoppm", "redis-server"] });
    expect(run("scripts/preflight.mjs", m).status).toBe(0);
    expect(aptCalls(m).find((c) => c[0] === "install")).toEqual(["install", "-y", "-qq", "poppler-utils"]);
  });

  it("installs nothing when everything is present", () => {
    const m = machine({ present: ["chromium", "soffice", "pdftoppm", "pdftotext", "redis-server"] });
    const r = run("scripts/preflight.mjs", m);
    expect(r.status).toBe(0);
    expect(aptCalls(m)).toEqual([]);
    expect(r.stdout + r.stderr).toBe("");
  });

  it("without apt-get, names the command to run and exits non-zero", () => {
    const m = machine({ aptGet: "none", present: ["soffice", "redis-server"] });
    const r = run("scripts/preflight.mjs", m);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("apt-get install -y chromium poppler-utils");
    expect(r.stderr).toContain("Chromium");
  });

  it("says so when apt-get fails, and exits non-zero", () => {
    const m = machine({ aptGet: "fails" });
    const r = run("scripts/preflight.mjs", m);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/L'installation a échoué .* toujours absents : Chromium/);
  });

  it("npm test stops before running any test when the preflight cannot succeed", () => {
    const m = machine({ aptGet: "none" });
    const r = run("scripts/test.mjs", m);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("apt-get install -y chromium libreoffice-writer-nogui poppler-utils redis-server");
    expect(r.stdout).toContain("0 passed, 1 failed");
    expect(r.stdout).not.toMatch(/RUN|Test Files/);
  });
});
