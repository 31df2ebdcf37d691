// CLI of the flux engine (docs/flux-cli.md). Contract:
//   npm run -s flux -- <scenario.json>
//   npm run -s flux -- --inventory <inventory.csv|xlsx> --params <params.json>
// stdout: one JSON result, exit 0. Invalid scenario, parameters or inventory: French messages on stderr, exit 1.
// Valid but not computable: "CODE : message" on stderr, exit 2 (FLUX_NEGATIF, DEPASSEMENT_FLUX…).
import { readFileSync } from "node:fs";

import { type FluxIssue, computeFlux, computeValidatedFlux, parseJsonInput } from "../app/domain/flux";
import { importInventoryFile } from "../app/domain/inventory/import-file";
import { scenarioFromInventory, type ScenarioTerritory } from "../app/domain/inventory/scenario";
import { isCommuneInTerritory, resolveTerritoryInput } from "../app/domain/territory";
import { loadGeography } from "../app/lib/geography.server";

const EXIT_INVALID = 1;
const EXIT_NOT_COMPUTABLE = 2;

const USAGE = [
  "Usage :",
  "  npm run -s flux -- <scenario.json>",
  "  npm run -s flux -- --inventory <inventaire.csv|inventaire.xlsx> --params <parametres.json>",
].join("\n");

function fail(exitCode: number, lines: readonly string[]): never {
  process.stderr.write(`${lines.join("\n")}\n`);
  process.exit(exitCode);
}

function readBytes(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "fichier introuvable" : String(error);
    return fail(EXIT_INVALID, [`Impossible de lire ${what} « ${path} » : ${reason}.`]);
  }
}

function readJson(path: string, what: string): unknown {
  const parsed = parseJsonInput(readBytes(path, what).toString("utf8"));
  if (!parsed.ok) fail(EXIT_INVALID, parsed.issues.map((issue) => `${issue.code} : ${path} : ${issue.message}`));
  return parsed.value;
}

function issueLines(issues: readonly { code: string; message: string }[]): string[] {
  return issues.map((issue) => `${issue.code} : ${issue.message}`);
}

function exitFor(kind: "invalid" | "error", issues: readonly FluxIssue[]): never {
  return fail(kind === "invalid" ? EXIT_INVALID : EXIT_NOT_COMPUTABLE, issueLines(issues));
}

function parseArguments(argv: readonly string[]): { scenario: string } | { inventory: string; params: string } {
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === "--inventory" || argument === "--params") {
      const value = argv[++index];
      if (value === undefined) fail(EXIT_INVALID, [`L'option ${argument} attend un chemin de fichier.`, USAGE]);
      options.set(argument, value);
    } else if (argument.startsWith("--")) {
      fail(EXIT_INVALID, [`Option inconnue : ${argument}.`, USAGE]);
    } else {
      positional.push(argument);
    }
  }
  const inventory = options.get("--inventory");
  const params = options.get("--params");
  if (inventory !== undefined || params !== undefined) {
    if (inventory === undefined || params === undefined || positional.length > 0) {
      fail(EXIT_INVALID, ["Le mode inventaire demande à la fois --inventory et --params, sans autre argument.", USAGE]);
    }
    return { inventory, params };
  }
  if (positional.length !== 1) fail(EXIT_INVALID, ["Indiquez un et un seul fichier de scénario.", USAGE]);
  return { scenario: positional[0] };
}

/**
 * The territory of the parameters (`"territory": {"departement": "31"} | {"epci": "…"} | {"communes": […]}`), resolved
 * against the official geography; every figure is then computed on the file's rows inside it.
 */
async function territoryOf(params: unknown): Promise<ScenarioTerritory | undefined> {
  const given = params && typeof params === "object" ? (params as Record<string, unknown>).territory : undefined;
  if (given === undefined) return undefined;
  const geography = await loadGeography();
  const resolved = resolveTerritoryInput(given, geography);
  if (!resolved.ok) fail(EXIT_INVALID, resolved.issues.map((issue) => `${issue.code} : territory : ${issue.message}`));
  const territory = resolved.territory;
  return { given, inTerritory: (insee) => isCommuneInTerritory(insee, territory, geography) };
}

async function main() {
  const args = parseArguments(process.argv.slice(2));
  if ("scenario" in args) {
    const outcome = computeFlux(readJson(args.scenario, "le scénario"));
    if (!outcome.ok) exitFor(outcome.kind, outcome.issues);
    process.stdout.write(`${JSON.stringify(outcome.result, null, 1)}\n`);
    return;
  }

  const params = readJson(args.params, "les paramètres");
  const territory = await territoryOf(params);
  const bytes = readBytes(args.inventory, "l'inventaire");
  const imported = await importInventoryFile(bytes, args.inventory);
  if (!imported.ok) fail(EXIT_INVALID, issueLines(imported.issues));
  const built = scenarioFromInventory(imported.aggregates, params, territory);
  if (!built.ok) exitFor("invalid", built.issues);
  const outcome = computeValidatedFlux(built.scenario);
  if (!outcome.ok) exitFor(outcome.kind, outcome.issues);
  const result = { ...outcome.result, perimeter: built.perimeter, warnings: [...built.warnings, ...outcome.result.warnings] };
  process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
}

await main();
