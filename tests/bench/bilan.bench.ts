// npm run bench:bilan — a year of décompte events for a bailleur of 500 000 dwellings (≈ 50 000 events) imported
// through the real server (POST /api/decomptes: upload, parse in the worker, completion from the état des lieux,
// storage) and counted for 200 conventions (GET /api/conventions/:id/bilans/2026), against a plain parse of the same
// file (decoding and papaparse keeping every record: what reading the file costs before anything is checked). It
// prints figures and ratios; it asserts nothing. BENCH_DWELLINGS and BENCH_CONVENTIONS scale it down for a quick run.
//
// The database is PGlite in memory, or PostgreSQL when DATABASE_URL is set. Setting up (the état des lieux stored,
// the conventions created) is timed apart and not part of the ratio.
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { demoHolders } from "../support/conventions";
import { countIndependently, dwellingsOfInventory, eventsCsv, generateEvents } from "../support/decompte-events";
import { openTestDb } from "../support/db";
import buildIfStale from "../support/global-setup";
import { cookieFor, startTestServer } from "../support/server";
import { generateInventoryCsv } from "./generate-inventory";
import { parseCsvPlain } from "../../app/domain/inventory/csv";
import { importInventoryFile } from "../../app/domain/inventory/import-file";
import { mappingKey, type CodeMapping } from "../../app/domain/perimeter/reservataires";
import { findCommune } from "../../app/domain/territory";
import { loadGeography } from "../../app/lib/geography.server";
import { createConventionFromTemplate } from "../../app/models/convention.server";
import { storeInventoryImport } from "../../app/models/inventory.server";
import { createMember } from "../../db/factories";

const DWELLINGS = Number(process.env.BENCH_DWELLINGS ?? 500_000);
const CONVENTIONS = Number(process.env.BENCH_CONVENTIONS ?? 200);
// ≈ 3 events per dwelling offered: 16 700 dwellings give ≈ 50 000 events for 500 000 dwellings.
const STORIES = Math.round(DWELLINGS / 30);
const BASELINE_PASSES = 5;

const ms = (value: number) => `${value.toLocaleString("fr-FR", { maximumFractionDigits: 0 })} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

type Member = Awaited<ReturnType<typeof createMember>>;

/** Stores the bailleur's état des lieux and generates its year of events; returns only what the measure needs. */
async function prepare(database: Awaited<ReturnType<typeof openTestDb>>, orgs: { bailleur: Member; prefet: Member; commune: Member }) {
  const inventoryCsv = generateInventoryCsv(DWELLINGS);
  const inventory = await importInventoryFile(new TextEncoder().encode(inventoryCsv), "etat-des-lieux.csv");
  if (!inventory.ok) throw new Error(inventory.issues[0].message);
  const dwellings = dwellingsOfInventory(inventoryCsv);
  const events = generateEvents(dwellings, STORIES, 2026);
  const al = await createMember(database.db, "action_logement");
  const departement = await createMember(database.db, "departement");
  const region = await createMember(database.db, "region");
  const holders = {
    ...demoHolders({ prefet: orgs.prefet.organisation, action_logement: al.organisation, departement: departement.organisation }),
    toulouse: { organisationId: orgs.commune.organisation.id, kind: "commune" as const },
    region: { organisationId: region.organisation.id, kind: "region" as const },
  };
  const mapping: CodeMapping = {};
  for (const code of Object.keys(inventory.aggregates.codes)) mapping[mappingKey("31", code)] = holders[code as keyof typeof holders] ?? null;
  await storeInventoryImport(database.db, {
    organisationId: orgs.bailleur.organisation.id,
    userId: orgs.bailleur.user.id,
    year: 2026,
    fileName: "etat-des-lieux.csv",
    rows: inventory.rows,
    aggregates: inventory.aggregates,
    confirm: { mapping },
  });
  const byRpls = new Map(dwellings.map((d) => [d.rpls, d]));
  // Half the conventions will be on the département, half on one commune each (communes the geography knows).
  const geography = await loadGeography();
  return {
    events,
    bytes: new TextEncoder().encode(eventsCsv(events)),
    eventDwellings: new Map(events.map((e) => [e.rpls, byRpls.get(e.rpls)!])),
    communes: [...new Set(dwellings.map((d) => d.commune))].filter((code) => geography.communes.has(code)),
  };
}

async function main() {
  // The server serves the production build: rebuilt first when the sources are newer, as the test suite does.
  await buildIfStale();
  const setupStart = performance.now();
  const database = await openTestDb();
  const server = await startTestServer(database);
  const bailleur = await createMember(database.db, "bailleur");
  const prefet = await createMember(database.db, "prefet");
  const commune = await createMember(database.db, "commune");
  // The bench runs in the server's process: the 500 000 dwellings it generates live only inside prepare(), so that they
  // do not weigh on the server's garbage collections while it is measured; the events' dwellings are kept for the check.
  const { events, bytes, eventDwellings, communes } = await prepare(database, { bailleur, prefet, commune });
  const conventionIds: string[] = [];
  for (let i = 0; i < CONVENTIONS; i++) {
    const onCommune = i % 2 === 1 && communes.length > 0;
    conventionIds.push(
      await createConventionFromTemplate(database.db, { organisationId: bailleur.organisation.id }, {
        templateId: onCommune ? "collectivites" : "prefectoral",
        title: `Convention ${i + 1}`,
        year: 2026,
        territory: onCommune ? { communes: [communes[i % communes.length]] } : { departement: "31" },
        startDate: "2026-01-01",
        parties: [{ organisationId: onCommune ? commune.organisation.id : prefet.organisation.id, role: "edition" }],
      }),
    );
  }
  const bailleurCookie = await cookieFor(database, bailleur.user.id);
  const prefetCookie = await cookieFor(database, prefet.user.id);
  console.log(`Mise en place : ${ms(performance.now() - setupStart)} — ${DWELLINGS.toLocaleString("fr-FR")} logements, ${events.length.toLocaleString("fr-FR")} événements (${(bytes.length / 1024 / 1024).toFixed(1)} Mo), ${CONVENTIONS} conventions, base ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`);

  // Baseline: the same bytes decoded and parsed by the same parser, every record kept.
  const baselines: number[] = [];
  for (let pass = 0; pass < BASELINE_PASSES; pass++) {
    const start = performance.now();
    const records = parseCsvPlain(new TextDecoder().decode(bytes)).length;
    baselines.push(performance.now() - start);
    if (records < events.length) throw new Error("baseline read fewer records than events");
  }
  const baseline = median(baselines);

  const importStart = performance.now();
  const form = new FormData();
  form.set("year", "2026");
  form.set("file", new Blob([bytes]), "evenements-2026.csv");
  const imported = await fetch(`${server.base}/api/decomptes`, { method: "POST", headers: { cookie: bailleurCookie, origin: server.base }, body: form });
  const importMs = performance.now() - importStart;
  if (imported.status !== 201) throw new Error(`import refused: ${imported.status} ${await imported.text()}`);

  const perConvention: number[] = [];
  const bilanOf = async (id: string, index: number) => {
    const start = performance.now();
    const response = await fetch(`${server.base}/api/conventions/${id}/bilans/2026`, { headers: { cookie: index % 2 === 1 ? bailleurCookie : prefetCookie } });
    if (response.status !== 200) throw new Error(`bilan ${id}: ${response.status} ${await response.text()}`);
    const total = ((await response.json()) as { totals: { counted: number } }).totals.counted;
    return { ms: performance.now() - start, total };
  };
  // The first bilan loads what every later one shares (the official geography, the import's events): timed apart.
  const countStart = performance.now();
  const first = await bilanOf(conventionIds[0], 0);
  let counted = first.total;
  // The server runs in this process: the longest stall of its event loop while it computes the other bilans.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  for (let index = 1; index < conventionIds.length; index++) {
    const one = await bilanOf(conventionIds[index], index);
    counted += one.total;
    perConvention.push(one.ms);
  }
  const countMs = performance.now() - countStart;
  loop.disable();

  // The bilan of the département is checked against the independent count, so the figures above are of real work.
  const geography = await loadGeography();
  const check = countIndependently(events, eventDwellings, {
    rule: "mise_a_disposition",
    // The territory of the département: its communes today, former codes followed to the commune they merged into.
    inside: (d) => findCommune(d.commune, geography).status !== "inconnue",
    lineOf: (code) => (code === "" ? "bailleur" : code),
    obligedLines: new Set(),
  });
  const expected = Object.values(check.counted).reduce((sum, n) => sum + n, 0);

  console.log(`Lecture brute (référence, médiane de ${BASELINE_PASSES}) : ${ms(baseline)}`);
  console.log(`Import (HTTP, analyse dans le worker, complément par l'état des lieux, enregistrement) : ${ms(importMs)} — ratio ${(importMs / baseline).toFixed(1)}`);
  console.log(`Bilans de ${CONVENTIONS} conventions (HTTP) : ${ms(countMs)} — ratio ${(countMs / baseline).toFixed(1)} ; le premier ${ms(first.ms)}, les suivants médiane ${ms(median(perConvention))}, max ${ms(Math.max(...perConvention))}`);
  console.log(`Boucle d'événements du serveur pendant les bilans : plus long blocage ${ms(loop.max / 1e6)}, p99 ${ms(loop.percentile(99) / 1e6)}`);
  console.log(`Import + ${CONVENTIONS} bilans : ratio ${((importMs + countMs) / baseline).toFixed(1)} à la lecture brute`);
  console.log(`Contrôle : bilan départemental ${first.total} décomptés, décompte indépendant ${expected}${first.total === expected ? " (égaux)" : " — DIFFÉRENTS"} ; ${counted.toLocaleString("fr-FR")} décomptés sur l'ensemble des bilans`);
  await server.close();
  await database.close();
}

await main();
// The server's timers and the PGlite worker may keep the loop alive: the bench is over.
process.exit(0);
