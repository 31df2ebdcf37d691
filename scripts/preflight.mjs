// The system programs the test suite drives, checked before anything runs: Chromium (browser tests), LibreOffice
// (`soffice`, DOCX → PDF), poppler (`pdftoppm`, `pdftotext`, PDF → pages and text) and `redis-server` (the tests of
// several instances start their own Redis, so that they can stop it). When one is missing and this
// process can install Debian packages (root with apt-get, or a password-less sudo), it installs exactly the missing
// packages and says how long it took; otherwise it stops with one French message naming the command to run.
// `npm test` and `.ci/run` both call it: `node scripts/preflight.mjs` (exit 0 = everything is there).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** What the suite needs: how to find each program, and the Debian package that provides it. */
export const REQUIREMENTS = [
  { what: "Chromium", pkg: "chromium", find: (env) => executableAt(env.CHROMIUM_PATH || "/usr/bin/chromium") },
  { what: "LibreOffice (soffice)", pkg: "libreoffice-writer-nogui", find: (env) => onPath("soffice", env) },
  { what: "poppler (pdftoppm)", pkg: "poppler-utils", find: (env) => onPath("pdftoppm", env) },
  { what: "poppler (pdftotext)", pkg: "poppler-utils", find: (env) => onPath("pdftotext", env) },
  { what: "Redis (redis-server)", pkg: "redis-server", find: (env) => onPath("redis-server", env) },
];

function executableAt(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

function onPath(name, env) {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const found = executableAt(path.join(dir, name));
    if (found) return found;
  }
  return null;
}

/** The Debian packages providing what is missing, each once, in the order of REQUIREMENTS. */
export function missingPackages(env = process.env) {
  const missing = REQUIREMENTS.filter((r) => !r.find(env));
  return { missing, packages: [...new Set(missing.map((r) => r.pkg))] };
}

// root runs apt-get itself; another user may go through a password-less sudo; anyone else cannot install.
function installer(env) {
  if (!onPath("apt-get", env)) return null;
  if (typeof process.getuid === "function" && process.getuid() === 0) return [];
  return onPath("sudo", env) ? ["sudo", "-n"] : null;
}

/**
 * Makes sure every requirement is present; returns the process exit code (0 when everything is there, at the end).
 * `out` receives the progress lines, `err` the refusal.
 */
export function preflight({ env = process.env, out = (s) => process.stdout.write(s), err = (s) => process.stderr.write(s) } = {}) {
  const first = missingPackages(env);
  if (first.packages.length === 0) return 0;
  const command = `apt-get install -y ${first.packages.join(" ")}`;
  const names = first.missing.map((r) => r.what).join(", ");
  const prefix = installer(env);
  if (prefix === null) {
    err(
      `Les tests ont besoin de programmes absents de cette machine : ${names}.\n` +
        `Installez-les puis relancez npm test :\n  sudo ${command}\n`,
    );
    return 1;
  }
  out(`Préparation des tests : installation de ${first.packages.join(", ")} (manquants : ${names})…\n`);
  const started = Date.now();
  const aptEnv = { ...env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args) => {
    const [bin, ...rest] = [...prefix, "apt-get", ...args];
    return spawnSync(bin, rest, { env: aptEnv, stdio: ["ignore", "inherit", "inherit"] }).status;
  };
  const updated = run(["update", "-qq"]);
  const installed = updated === 0 ? run(["install", "-y", "-qq", ...first.packages]) : updated;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const after = missingPackages(env);
  if (installed !== 0 || after.packages.length > 0) {
    const still = after.missing.map((r) => r.what).join(", ") || names;
    err(
      `L'installation a échoué après ${seconds} s (apt-get a rendu ${installed}) ; toujours absents : ${still}.\n` +
        `Installez-les à la main puis relancez npm test :\n  sudo ${command}\n`,
    );
    return 1;
  }
  out(`Installés en ${seconds} s : ${first.packages.join(", ")}.\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exit(preflight());
