// The décompte and the bilan over HTTP, as the parties would use them: the bailleur imports a year of events
// generated over its état des lieux (POST /api/decomptes), every party reads the bilan of the convention
// (GET /api/conventions/:id/bilans/2026), and its figures must equal an independent count of the same events written
// in tests/support/decompte-events.ts; the DOCX and the XLSX, read back, carry the same figures. A file with one bad
// row stores nothing; only a bailleur imports, only parties read, the convention's own rule counts.
import { and, count, eq } from "drizzle-orm";
import readXlsxFile from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOC_KEYS } from "../../app/domain/convention/state";
import type { DbHandle } from "../../db/client";
import { demoInventoryCsv } from "../../db/demo-inventory";
import { decompteImports } from "../../db/schema";
import { openTestDb } from "../support/db";
import { countIndependently, dwellingsOfInventory, eventsCsv, generateEvents, type Dwelling, type Rule } from "../support/decompte-events";
import { lintDocx } from "../support/docx-lint";
import { readDocx, tables as docxTables } from "../support/docx-read";
import { connectClient, startTestServer, until, type TestServer } from "../support/server";
import { api, negotiationFixture, type Json } from "./negotiation-support";

let database: DbHandle;
let t: TestServer;
let fx: Awaited<ReturnType<typeof negotiationFixture>>;

// The fixture's bailleur imported demoInventoryCsv(2 000) for 2026 (tests/support/conventions.ts).
const dwellings = dwellingsOfInventory(demoInventoryCsv(2_000));
const byRpls = new Map(dwellings.map((d) => [d.rpls, d]));
const events = generateEvents(dwellings, 400, 2026);
const csv = eventsCsv(events);
// The convention's territory is Toulouse Métropole: the inventory's EPCI column says which dwellings are inside.
const inside = (d: Dwelling) => d.epci === "243100518";

async function upload(cookie: string, body: string, fileName = "evenements-2026.csv", year = "2026") {
  const form = new FormData();
  form.set("year", year);
  form.set("file", new Blob([body]), fileName);
  const response = await fetch(`${t.base}/api/decomptes`, { method: "POST", headers: { cookie, origin: t.base }, body: form });
  return { status: response.status, body: (await response.json()) as Json };
}

const download = async (cookie: string, path: string) => {
  const response = await fetch(t.base + path, { headers: { cookie } });
  return { status: response.status, type: response.headers.get("content-type"), bytes: new Uint8Array(await response.arrayBuffer()) };
};

beforeAll(async () => {
  database = await openTestDb();
  t = await startTestServer(database);
  fx = await negotiationFixture(database);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await database?.close();
});

describe("the bilan of a convention", () => {
  let lineOf: (code: string) => string;
  let obliged: Set<string>;
  const bilanPath = () => `/api/conventions/${fx.conventionId}/bilans/2026`;

  beforeAll(async () => {
    const m = fx.members;
    const lines: Record<string, string> = {
      "ddets-prio": `prefet_prioritaires:${m.ddets.organisation.id}`,
      "ddets-fonct": `prefet_fonctionnaires:${m.ddets.organisation.id}`,
      al: `action_logement:${m.al.organisation.id}`,
      cd31: `departement:${m.departement.organisation.id}`,
      "ville-de-blagnac": `commune:${m.commune.organisation.id}`,
    };
    lineOf = (code) => (code === "" ? "bailleur" : lines[code]);
    obliged = new Set([lines.al, lines.cd31, lines["ville-de-blagnac"]]);
  });

  it("lets only a bailleur import events, and stores nothing from a file with one bad row", async () => {
    expect((await upload(fx.cookies.ddets, csv)).status).toBe(403);
    const before = await database.db.select({ n: count() }).from(decompteImports).where(eq(decompteImports.organisationId, fx.members.bailleur.organisation.id));
    // Line 58 of the file gets a date that does not exist.
    const lines = csv.split("\r\n");
    const cells = lines[57].split(";");
    cells[2] = "31/04/2026";
    lines[57] = cells.join(";");
    const refused = await upload(fx.cookies.bailleur, lines.join("\r\n"));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("DECOMPTE_INVALIDE");
    expect(refused.body.errors).toEqual([expect.objectContaining({ code: "DECOMPTE_DATE_INVALIDE", line: 58, column: 3, columnName: "Date" })]);
    expect(refused.body.errors[0].message).toMatch(/^Ligne 58, colonne 3 \(« Date »\) : valeur « 31\/04\/2026 » invalide/);
    // A dwelling the état des lieux does not hold: refused with its row, after reading.
    const unknown = await upload(fx.cookies.bailleur, csv.replace(/\r\n031\d{7};/, "\r\n0319999999;"));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ code: "DECOMPTE_RPLS_INCONNU", line: 2, column: 1 })]);
    const after = await database.db.select({ n: count() }).from(decompteImports).where(eq(decompteImports.organisationId, fx.members.bailleur.organisation.id));
    expect(after[0].n).toBe(before[0].n);
    expect((await api(t.base, fx.cookies.ddets, "GET", bilanPath())).body.tables[0].source).toBeNull();
  });

  it("imports the year's events and counts them like an independent count, on the territory only, by the convention's rule", async () => {
    const imported = await upload(fx.cookies.bailleur, csv);
    expect(imported.status).toBe(201);
    expect(imported.body.rows).toBe(events.length);
    const expected = countIndependently(events, byRpls, { rule: "mise_a_disposition", inside, lineOf, obligedLines: obliged });
    const bilan = (await api(t.base, fx.cookies.ddets, "GET", bilanPath())).body;
    expect(bilan.rule).toBe("mise_a_disposition");
    expect(bilan.kind).toBe("annuel");
    const lines = Object.fromEntries(bilan.lines.map((l: Json) => [l.key, l]));
    for (const key of new Set([...Object.keys(expected.counted), ...Object.keys(expected.proposes)])) {
      expect({ key, counted: lines[key].counted, proposes: lines[key].proposes, attribues: lines[key].attribues }).toEqual({
        key,
        counted: expected.counted[key] ?? 0,
        proposes: expected.proposes[key] ?? 0,
        attribues: expected.attribues[key] ?? 0,
      });
    }
    // Events outside Toulouse Métropole are in the file but in no figure.
    expect(events.some((e) => !inside(byRpls.get(e.rpls)!))).toBe(true);
    expect(bilan.totals.events).toBe(events.filter((e) => inside(byRpls.get(e.rpls)!)).length);
    const rows = (key: string) => Object.fromEntries(bilan.breakdowns.find((b: Json) => b.key === key).rows.map((r: Json) => [r.key, [r.proposes, r.attribues]]));
    expect(Object.fromEntries(Object.entries(rows("typologie")).filter(([, v]) => (v as number[]).some((n) => n > 0)))).toEqual(expected.byTypologie);
    expect(rows("trimestre")).toEqual({ T1: [0, 0], T2: [0, 0], T3: [0, 0], T4: [0, 0], ...expected.byQuarter });
    expect(rows("qpv")).toEqual({ qpv: [0, 0], hors_qpv: [0, 0], ...expected.byQpv });
    expect(bilan.refusals.reduce((sum: number, r: Json) => sum + r.count, 0)).toBe(expected.refusals);
    expect(bilan.returned).toBe(expected.returned);
    const indicator = (key: string) => bilan.indicators.find((i: Json) => i.key === key);
    expect([indicator("premier_quartile_hors_qpv").numerator, indicator("premier_quartile_hors_qpv").denominator]).toEqual(expected.quartile);
    expect([indicator("prioritaires_collectivites_al").numerator, indicator("prioritaires_collectivites_al").denominator]).toEqual(expected.priority);
    // Objectives are the rounded dwellings of the convention's own table.
    const convention = (await api(t.base, fx.cookies.bailleur, "GET", `/api/conventions/${fx.conventionId}`)).body;
    for (const line of convention.flux.tables[0].lines) expect({ key: line.key, objective: lines[line.key].objective }).toEqual({ key: line.key, objective: line.rounded });
  });

  it("is read by every party alike, and by no one else", async () => {
    const reads = await Promise.all((["bailleur", "ddets", "al", "commune", "departement"] as const).map((who) => api(t.base, fx.cookies[who], "GET", bilanPath())));
    for (const read of reads) expect(read.status).toBe(200);
    for (const read of reads.slice(1)) expect(read.body).toEqual(reads[0].body);
    expect((await api(t.base, fx.cookies.outsider, "GET", bilanPath())).status).toBe(404);
    expect((await download(fx.cookies.outsider, `/conventions/${fx.conventionId}/bilans/2026/export.docx`)).status).toBe(404);
    expect((await download(fx.cookies.outsider, `/conventions/${fx.conventionId}/bilans/2026/export.xlsx`)).status).toBe(404);
    expect((await api(t.base, fx.cookies.outsider, "GET", `${bilanPath()}/comments`)).status).toBe(404);
    expect((await api(t.base, null, "GET", bilanPath())).status).toBe(401);
  });

  it("gives an intermediate bilan up to a date, and a réservataire's own bilan", async () => {
    const expected = countIndependently(events, byRpls, { rule: "mise_a_disposition", inside, lineOf, obligedLines: obliged, until: "2026-06-30" });
    const midyear = (await api(t.base, fx.cookies.al, "GET", `${bilanPath()}?au=2026-06-30`)).body;
    expect(midyear.kind).toBe("intermediaire");
    expect(Object.fromEntries(midyear.lines.filter((l: Json) => l.counted > 0).map((l: Json) => [l.key, l.counted]))).toEqual(expected.counted);
    const al = lineOf("al");
    const own = (await api(t.base, fx.cookies.al, "GET", `${bilanPath()}?reservataire=${encodeURIComponent(al)}`)).body;
    expect(own.lines.map((l: Json) => l.key)).toEqual([al]);
    expect(own.totals.attribues).toBe(countIndependently(events, byRpls, { rule: "mise_a_disposition", inside, lineOf, obligedLines: obliged }).attribues[al] ?? 0);
    expect((await api(t.base, fx.cookies.al, "GET", `${bilanPath()}?au=2025-06-30`)).status).toBe(400);
    expect((await api(t.base, fx.cookies.al, "GET", `${bilanPath()}?reservataire=personne`)).status).toBe(400);
    expect((await api(t.base, fx.cookies.al, "GET", `/api/conventions/${fx.conventionId}/bilans/2040`)).status).toBe(404);
  });

  it("counts by the rule the convention's option chooses", async () => {
    const pilot = connectClient(t.base, fx.conventionId, fx.cookies.bailleur);
    try {
      await until(() => pilot.provider.synced, 10_000);
      const totals: Record<string, number> = {};
      for (const rule of ["attribution", "signature_bail", "entree_dans_les_lieux"] as Rule[]) {
        pilot.doc.getMap(DOC_KEYS.options).set("decompte", { choice: rule });
        expect(await until(async () => (await api(t.base, fx.cookies.ddets, "GET", bilanPath())).body.rule === rule, 10_000)).toBe(true);
        const bilan = (await api(t.base, fx.cookies.ddets, "GET", bilanPath())).body;
        const expected = countIndependently(events, byRpls, { rule, inside, lineOf, obligedLines: obliged });
        expect(Object.fromEntries(bilan.lines.filter((l: Json) => l.counted > 0).map((l: Json) => [l.key, l.counted]))).toEqual(expected.counted);
        totals[rule] = bilan.totals.counted;
      }
      expect(new Set(Object.values(totals)).size).toBe(3);
      pilot.doc.getMap(DOC_KEYS.options).set("decompte", { choice: "mise_a_disposition" });
      expect(await until(async () => (await api(t.base, fx.cookies.ddets, "GET", bilanPath())).body.rule === "mise_a_disposition", 10_000)).toBe(true);
    } finally {
      pilot.destroy();
    }
  });

  it("takes comments from the negotiating parties, and prints them with the figures in the DOCX and the XLSX", async () => {
    const comments = `${bilanPath()}/comments`;
    expect((await api(t.base, fx.cookies.departement, "POST", comments, { body: "Lecture seule" })).status).toBe(403);
    const opened = await api(t.base, fx.cookies.commune, "POST", comments, { body: "Les refus de Blagnac portent sur la localisation : à revoir en commission." });
    expect(opened.status).toBe(201);
    expect((await api(t.base, fx.cookies.bailleur, "POST", `${comments}/${opened.body.id}/replies`, { body: "Nous proposerons d'autres secteurs." })).status).toBe(201);
    const threads = (await api(t.base, fx.cookies.departement, "GET", comments)).body;
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ article: "bilan-2026", replies: [expect.objectContaining({ body: "Nous proposerons d'autres secteurs." })] });

    const bilan = (await api(t.base, fx.cookies.bailleur, "GET", bilanPath())).body;
    const docx = await download(fx.cookies.departement, `/conventions/${fx.conventionId}/bilans/2026/export.docx`);
    expect(docx.status).toBe(200);
    expect(await lintDocx(docx.bytes)).toEqual([]);
    const word = await readDocx(docx.bytes);
    const synthesis = docxTables(word.document)[0].rows;
    const number = (cell: string) => Number(cell.replace(/\s/g, ""));
    for (const line of bilan.lines) {
      const row = synthesis.find((cells) => cells[0] === line.label.replace(/'/g, "’"));
      expect(row, line.label).toBeDefined();
      expect([number(row![1]), number(row![2]), number(row![4]), number(row![5])]).toEqual([line.objective, line.counted, line.proposes, line.attribues]);
    }
    expect(word.document).toContain("Les refus de Blagnac portent sur la localisation");

    const xlsx = await download(fx.cookies.ddets, `/conventions/${fx.conventionId}/bilans/2026/export.xlsx`);
    expect(xlsx.status).toBe(200);
    const sheets = await readXlsxFile(Buffer.from(xlsx.bytes));
    const sheet = sheets.find((s) => s.sheet === "Synthèse")!.data;
    const head = sheet.findIndex((row) => row[0] === "Ligne");
    const byKey = new Map(sheet.slice(head + 1).map((row) => [row[1], row]));
    for (const line of bilan.lines) {
      const row = byKey.get(line.key)!;
      expect([row[2], row[4], row[6], row[7], row[8], row[9]]).toEqual([line.objective, line.counted, line.proposes, line.attribues, line.refus, line.retours]);
    }
    const indicators = sheets.find((s) => s.sheet === "Indicateurs")!.data.slice(1);
    expect(indicators.map((row) => [row[1], row[2]])).toEqual(bilan.indicators.map((i: Json) => [i.denominator, i.numerator]));
  });
});

describe("a signed convention", () => {
  it("keeps its bilan commentable while its text is frozen", async () => {
    const signed = await negotiationFixture(database);
    const { signThroughApi } = await import("./negotiation-support");
    await signThroughApi(t.base, signed);
    const c = `/api/conventions/${signed.conventionId}`;
    expect((await api(t.base, signed.cookies.ddets, "POST", `${c}/comments`, { body: "Sur le texte", article: "bilan_annuel" })).status).toBe(409);
    const opened = await api(t.base, signed.cookies.ddets, "POST", `${c}/bilans/2026/comments`, { body: "Objectif préfectoral atteint au premier semestre." });
    expect(opened.status).toBe(201);
    expect((await api(t.base, signed.cookies.ddets, "POST", `${c}/bilans/2026/comments/${opened.body.id}/resolve`, {})).body).toEqual({ id: opened.body.id, resolved: true });
    const [row] = await database.db.select({ n: count() }).from(decompteImports).where(and(eq(decompteImports.organisationId, signed.members.bailleur.organisation.id), eq(decompteImports.year, 2026)));
    expect(row.n).toBe(0);
    expect((await api(t.base, signed.cookies.al, "GET", `${c}/bilans/2026`)).status).toBe(200);
  }, 120_000);
});
