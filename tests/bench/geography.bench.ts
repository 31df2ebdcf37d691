// npm run bench:geography — what loading the official geography costs the server (time, memory kept), and what a
// search costs once it is loaded. It prints, it does not assert; the figures go to docs/decisions/0501.
//
// Each load runs in its own child process (fresh heap, cold JIT, as at a server's first request), with --expose-gc
// so that "kept" is the heap still reachable once the parsed JSON is garbage. The baseline reads and JSON.parses the
// same three files and keeps the result: what any use of the raw data costs before it indexes anything. The search
// baseline is a plain scan of the prepared names with `includes`: what any name search costs before it ranks.
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

import { buildGeography, searchTerritories, type Geography, type GeographySource } from "../../app/domain/territory";
import { normalizeName } from "../../app/domain/territory/normalize";
import { GEOGRAPHY_MILLESIME, readGeography } from "../../app/lib/geography.server";

const RUNS = 5;
const SEARCH_ROUNDS = 200;
const QUERIES: { label: string; q: string; departement?: string }[] = [
  { label: "nom complet", q: "toulouse metropole" },
  { label: "préfixe court", q: "sai" },
  { label: "« St » et tirets", q: "st-orens" },
  { label: "restreinte au 31", q: "saint", departement: "31" },
  { label: "code INSEE", q: "31069" },
  { label: "SIREN", q: "243100518" },
  { label: "début de code", q: "3106" },
];

type Stage = "baseline" | "load";
interface StageFigures {
  ms: number;
  keptMb: number;
  rssMb: number;
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => bytes / 1024 / 1024;
const require = createRequire(import.meta.url);

async function readRaw(): Promise<unknown[]> {
  return Promise.all(
    ["departements", "epci", "communes"].map(async (name) =>
      JSON.parse(await readFile(require.resolve(`@etalab/decoupage-administratif/data/${name}.json`), "utf8")),
    ),
  );
}

async function runStage(stage: Stage): Promise<StageFigures> {
  gc();
  const before = process.memoryUsage().heapUsed;
  const start = performance.now();
  const kept = stage === "baseline" ? await readRaw() : await readGeography();
  const ms = performance.now() - start;
  gc();
  const keptMb = mb(process.memoryUsage().heapUsed - before);
  if (!kept) throw new Error("rien de chargé");
  return { ms, keptMb, rssMb: mb(process.resourceUsage().maxRSS * 1024) };
}

function inChild(stage: Stage): StageFigures {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", script, `--stage=${stage}`], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(`étape ${stage} : ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as StageFigures;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
const fmt = (value: number, digits = 1) => value.toLocaleString("fr-FR", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function timeSearch(geography: Geography, run: () => unknown): number[] {
  for (let i = 0; i < 20; i++) run(); // warm-up: the figures are those of a server that already answered
  const times: number[] = [];
  for (let i = 0; i < SEARCH_ROUNDS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times;
}

async function main() {
  const stageArg = process.argv.find((arg) => arg.startsWith("--stage="));
  if (stageArg) {
    console.log(JSON.stringify(await runStage(stageArg.slice("--stage=".length) as Stage)));
    return;
  }

  console.log(`Géographie officielle (@etalab/decoupage-administratif, COG ${GEOGRAPHY_MILLESIME}) — ${RUNS} chargements par étape, chacun dans un processus neuf\n`);
  const figures = { baseline: [] as StageFigures[], load: [] as StageFigures[] };
  for (let i = 0; i < RUNS; i++) for (const stage of ["baseline", "load"] as const) figures[stage].push(inChild(stage));
  const summary = (stage: Stage) => ({
    ms: median(figures[stage].map((f) => f.ms)),
    kept: median(figures[stage].map((f) => f.keptMb)),
    rss: median(figures[stage].map((f) => f.rssMb)),
  });
  const base = summary("baseline");
  const load = summary("load");
  console.log("étape                                                        durée (médiane)   tas gardé   RSS max");
  console.log(`lecture + JSON.parse des 3 fichiers, gardés (référence)     ${fmt(base.ms, 0).padStart(8)} ms   ${fmt(base.kept).padStart(7)} Mo   ${fmt(base.rss, 0).padStart(5)} Mo`);
  console.log(`chargement complet : lecture, JSON.parse, zod, index         ${fmt(load.ms, 0).padStart(8)} ms   ${fmt(load.kept).padStart(7)} Mo   ${fmt(load.rss, 0).padStart(5)} Mo`);
  console.log(`rapport chargement / référence : durée ×${fmt(load.ms / base.ms, 2)}, tas gardé ×${fmt(load.kept / base.kept, 2)}\n`);

  // Index building alone, on data already parsed (in this process, after a warm-up build).
  const [departements, epcis, communes] = (await readRaw()) as [GeographySource["departements"], GeographySource["epcis"], GeographySource["communes"]];
  const source: GeographySource = { millesime: GEOGRAPHY_MILLESIME, departements, epcis, communes };
  buildGeography(source);
  const builds: number[] = [];
  let geography!: Geography;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    geography = buildGeography(source);
    builds.push(performance.now() - start);
  }
  console.log(`construction des index seule (données déjà lues, JIT chaud) : ${fmt(median(builds), 0)} ms`);
  console.log(`${geography.departements.size} départements, ${geography.epcis.size} EPCI, ${geography.communes.size} communes, ${geography.formerCommunes.size} anciens codes, ${geography.searchEntries.length} noms cherchables\n`);

  const names = geography.searchEntries.map((entry) => entry.compact);
  console.log(`recherche (${SEARCH_ROUNDS} fois chacune, après 20 d'échauffement)   médiane    p95     référence (includes)   rapport`);
  for (const query of QUERIES) {
    const times = timeSearch(geography, () => searchTerritories(query.q, geography, { departement: query.departement }));
    const needle = normalizeName(query.q).replace(/ /g, "");
    const baseline = timeSearch(geography, () => names.filter((name) => name.includes(needle)).length);
    console.log(
      `${`${query.label} « ${query.q} »${query.departement ? ` (${query.departement})` : ""}`.padEnd(45)} ${fmt(median(times), 2).padStart(6)} ms ${fmt(percentile(times, 0.95), 2).padStart(6)} ms   ${fmt(median(baseline), 2).padStart(8)} ms          ×${fmt(median(times) / median(baseline), 2)}`,
    );
  }
}

await main();
