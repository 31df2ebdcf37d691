// npm run bench:flux — figures of the inventory import and of the flux engine on a synthetic inventory of
// 500 000 dwellings (Windows-1252, ";", decimal commas). It prints, it does not assert.
//
// Each import stage runs in its own child process, so that the peak memory reported (the process's maxRSS) belongs
// to that stage alone; stages are cumulative because the import streams (a record is parsed, validated and counted
// before the next one is read). The baseline is a plain parse of the same file by the same parser, with the same
// decoding, keeping every record: what any CSV import costs before it checks anything.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import Papa from "papaparse";

import { computeValidatedFlux } from "../../app/domain/flux";
import { matchHeader } from "../../app/domain/inventory/columns";
import { importInventoryCsv, parseCsvPlain } from "../../app/domain/inventory/csv";
import { decodeInventoryText } from "../../app/domain/inventory/decode";
import type { InventoryRow } from "../../app/domain/inventory/row";
import { RowReader } from "../../app/domain/inventory/row";
import { scenarioFromInventory } from "../../app/domain/inventory/scenario";
import { encodeWindows1252, generateInventoryCsv } from "./generate-inventory";

const DWELLINGS = 500_000;
const REPETITIONS = 3;
const RECOMPUTES = 1_000;
const FILE = path.join(os.tmpdir(), `conflux-bench-inventory-${DWELLINGS}.csv`);

const PARAMS = {
  rotationRate: "0.075",
  deductions: { mutations: 300, relogements: 120 },
  reservataires: [
    { id: "ddets-prio", kind: "prefet_prioritaires" },
    { id: "ddets-fonct", kind: "prefet_fonctionnaires" },
    { id: "al", kind: "action_logement" },
    { id: "toulouse", kind: "commune" },
    { id: "cd31", kind: "departement" },
    { id: "region", kind: "region", share: "0.02" },
  ],
};

type Stage = "baseline" | "decode" | "parse" | "validate" | "import" | "compute";

const STAGES: Record<Stage, { label: string; run: (bytes: Uint8Array) => unknown }> = {
  baseline: {
    label: "lecture brute (référence) : décodage + papaparse, toutes les lignes gardées",
    run: (bytes) => parseCsvPlain(new TextDecoder("windows-1252").decode(bytes)).length,
  },
  decode: {
    label: "décodage avec détection d'encodage et contrôle binaire",
    run: (bytes) => decodeInventoryText(bytes),
  },
  parse: {
    label: "décodage + parse en flux (papaparse step), sans validation",
    run: (bytes) => {
      const decoded = decodeInventoryText(bytes);
      if (!decoded.ok) throw new Error(decoded.issue.message);
      let records = 0;
      Papa.parse<string[]>(decoded.text, { delimiter: ";", step: () => void records++ });
      return records;
    },
  },
  validate: {
    label: "décodage + parse + validation des lignes (sans agrégation)",
    run: (bytes) => validatedRows(bytes).length,
  },
  import: {
    label: "import complet : décodage + parse + validation + agrégation",
    run: (bytes) => {
      const result = importInventoryCsv(bytes);
      if (!result.ok) throw new Error(result.issues[0].message);
      return result.rows.length;
    },
  },
  compute: {
    label: "calcul du flux depuis les agrégats (premier calcul)",
    run: () => undefined, // timed separately below: it needs an import first
  },
};

function validatedRows(bytes: Uint8Array): InventoryRow[] {
  const decoded = decodeInventoryText(bytes);
  if (!decoded.ok) throw new Error(decoded.issue.message);
  const rows: InventoryRow[] = [];
  let reader: RowReader | undefined;
  let line = 0;
  const report = () => {
    throw new Error("the synthetic inventory should be valid");
  };
  Papa.parse<string[]>(decoded.text, {
    delimiter: ";",
    step: (results) => {
      line++;
      if (results.data.length === 1 && results.data[0] === "") return;
      if (!reader) {
        const match = matchHeader(results.data);
        if (!match.ok) throw new Error(match.issues[0].message);
        reader = new RowReader(match.positions, match.names);
        return;
      }
      const row = reader.read(results.data, line, report);
      if (row) rows.push(row);
    },
  });
  return rows;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.ceil((p / 100) * values.length) - 1];
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

interface StageFigures {
  ms: number[];
  maxRssMb: number;
  heapAfterMb: number;
}

const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

// Child process for the ratio: baseline and whole import alternate in one process, so that a load spike on the
// machine hits both alike (the per-stage processes above run minutes apart).
function runRatioInChild(): void {
  const bytes = new Uint8Array(readFileSync(FILE));
  const baseline: number[] = [];
  const whole: number[] = [];
  for (let repetition = 0; repetition < REPETITIONS; repetition++) {
    for (const [stage, timings] of [["baseline", baseline], ["import", whole]] as const) {
      collectGarbage();
      const start = performance.now();
      STAGES[stage].run(bytes);
      timings.push(performance.now() - start);
    }
  }
  process.stdout.write(JSON.stringify({ baseline, whole }));
}

// Child process: run one stage REPETITIONS times on the file and report timings and peak memory as JSON.
function runStageInChild(stage: Stage): void {
  const bytes = new Uint8Array(readFileSync(FILE));
  const ms: number[] = [];
  // Holds the last pass's result, so the stage cannot be optimised away and its memory counts in the peak.
  const kept: { value?: unknown } = {};
  if (stage === "compute") {
    const imported = importInventoryCsv(bytes);
    if (!imported.ok) throw new Error(imported.issues[0].message);
    for (let repetition = 0; repetition < REPETITIONS; repetition++) {
      const start = performance.now();
      const built = scenarioFromInventory(imported.aggregates, PARAMS);
      if (!built.ok) throw new Error(built.issues[0].message);
      kept.value = computeValidatedFlux(built.scenario);
      ms.push(performance.now() - start);
    }
  } else {
    for (let repetition = 0; repetition < REPETITIONS; repetition++) {
      kept.value = undefined;
      collectGarbage();
      const start = performance.now();
      kept.value = STAGES[stage].run(bytes);
      ms.push(performance.now() - start);
    }
  }
  const figures: StageFigures = {
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    heapAfterMb: process.memoryUsage().heapUsed / 1024 / 1024,
  };
  process.stdout.write(JSON.stringify(figures));
}

function child<T>(stage: string): T {
  // --expose-gc: each timed pass starts from a collected heap, so no pass pays for the garbage of the previous one.
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), "--stage", stage], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) throw new Error(`stage ${stage} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

function recomputeFigures(): { medianMs: number; p95Ms: number } {
  const imported = importInventoryCsv(new Uint8Array(readFileSync(FILE)));
  if (!imported.ok) throw new Error(imported.issues[0].message);
  const timings: number[] = [];
  for (let index = 0; index < RECOMPUTES + 100; index++) {
    // A parameter change as the editor makes it: another rate, another deduction forecast.
    const params = {
      ...PARAMS,
      rotationRate: `0.0${60 + (index % 30)}`,
      deductions: { mutations: 250 + (index % 100), relogements: 120 },
    };
    const start = performance.now();
    const built = scenarioFromInventory(imported.aggregates, params);
    if (!built.ok) throw new Error(built.issues[0].message);
    const outcome = computeValidatedFlux(built.scenario);
    const elapsed = performance.now() - start;
    if (!outcome.ok) throw new Error(outcome.issues[0].message);
    if (index >= 100) timings.push(elapsed); // the first hundred warm the JIT up
  }
  return { medianMs: median(timings), p95Ms: percentile(timings, 95) };
}

function main(): void {
  console.log(`Bench flux — inventaire synthétique de ${DWELLINGS.toLocaleString("fr-FR")} logements`);
  const generationStart = performance.now();
  const bytes = encodeWindows1252(generateInventoryCsv(DWELLINGS));
  writeFileSync(FILE, bytes);
  console.log(
    `fichier : ${FILE} (${mb(bytes.byteLength)} Mo, Windows-1252, « ; »), généré en ${(performance.now() - generationStart).toFixed(0)} ms`,
  );
  console.log(`machine : ${os.cpus().length} cœurs, Node ${process.version}; médiane de ${REPETITIONS} passes par étape, un processus par étape\n`);

  const results = new Map<Stage, StageFigures>();
  for (const stage of Object.keys(STAGES) as Stage[]) {
    const figures = child<StageFigures>(stage);
    results.set(stage, figures);
    console.log(
      `${STAGES[stage].label.padEnd(78)} ${median(figures.ms).toFixed(stage === "compute" ? 3 : 0).padStart(8)} ms   pic RSS ${mb(figures.maxRssMb * 1024 * 1024).padStart(5)} Mo`,
    );
  }
  const time = (stage: Stage) => median(results.get(stage)!.ms);
  console.log("\npar étape (différences des médianes) :");
  console.log(`  décodage + détection        ${time("decode").toFixed(0).padStart(6)} ms`);
  console.log(`  parse                       ${(time("parse") - time("decode")).toFixed(0).padStart(6)} ms`);
  console.log(`  validation                  ${(time("validate") - time("parse")).toFixed(0).padStart(6)} ms`);
  console.log(`  agrégation                  ${(time("import") - time("validate")).toFixed(0).padStart(6)} ms`);
  console.log(`  calcul                      ${time("compute").toFixed(3).padStart(6)} ms`);

  const alternated = child<{ baseline: number[]; whole: number[] }>("ratio");
  const ratio = median(alternated.whole) / median(alternated.baseline);
  console.log(
    `\nimport complet / lecture brute, en alternance dans un même processus (médianes de ${REPETITIONS}) : ` +
      `${median(alternated.whole).toFixed(0)} / ${median(alternated.baseline).toFixed(0)} ms = ${ratio.toFixed(2)} (cible ≤ 1,5)`,
  );

  const recompute = recomputeFigures();
  console.log(
    `recalcul après changement de paramètre depuis les agrégats : médiane ${recompute.medianMs.toFixed(3)} ms, p95 ${recompute.p95Ms.toFixed(3)} ms sur ${RECOMPUTES} recalculs (cible ≤ 1 ms)`,
  );
}

const stageIndex = process.argv.indexOf("--stage");
if (stageIndex !== -1 && process.argv[stageIndex + 1] === "ratio") runRatioInChild();
else if (stageIndex !== -1) runStageInChild(process.argv[stageIndex + 1] as Stage);
else main();
