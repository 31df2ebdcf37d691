// The annual flux annex over HTTP, as the parties of a signed convention would drive it: the 2026 convention is signed;
// the bailleur imports its 2027 état des lieux (POST /api/inventories) and enters its 2027 terms; the pilot generates
// the 2027 annex, which follows the 2027 data until every negotiating party has approved it, then is frozen; the
// signed convention's read API and DOCX never move; the annex's DOCX prints its figures and both fingerprints
// (docs/decisions/0014-annual-flux-annex.md). Expected figures are computed here from the API's own figures and from
// an unsigned 2027 convention of the same parties and territory (one apportionment per bailleur × territory × year),
// never by calling the annex's code.
import { randomUUID } from "node:crypto";
import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { demoInventoryCsv } from "../../db/demo-inventory";
import { formatInteger, formatShare } from "../../app/domain/format";
import { frenchText } from "../../app/domain/typography";
import { listAudit } from "../../app/models/audit.server";
import { createConventionFromTemplate } from "../../app/models/convention.server";
import { openTestDb } from "../support/db";
import { formatFindings, lintDocx } from "../support/docx-lint";
import { expectedFluxRows, fluxTablesOf, paragraphs, readDocx, tables, textOf, type ViewLine } from "../support/docx-read";
import { startTestServer, type TestServer } from "../support/server";
import { api, negotiationFixture, NEGOTIATORS, signThroughApi, type Json, type PartyKey } from "./negotiation-support";

let database: DbHandle;
let t: TestServer;

beforeAll(async () => {
  database = await openTestDb();
  t = await startTestServer(database);
});
afterAll(async () => {
  await t?.close();
  await database?.close();
});

type Fixture = Awaited<ReturnType<typeof negotiationFixture>>;

/**
 * The demo état des lieux of `count` dwellings with this test's own codes (`<tag>-al`…), so that the shared register
 * of the département never interferes, and the rates of the year: the bailleur's and the local réservataires'.
 */
function inventoryCsv(count: number, tag: string, rates: { bailleur: string; local: string }): string {
  const [header, ...rows] = demoInventoryCsv(count).trimEnd().split("\r\n");
  const lines = rows.map((row) => {
    const cells = row.split(";");
    if (cells[1]) {
      cells[1] = `${tag}-${cells[1]}`;
      cells[10] = rates.local;
    }
    cells[9] = rates.bailleur;
    return cells.join(";");
  });
  return [header, ...lines].join("\r\n") + "\r\n";
}

/** The register's answers for a tagged file: each demo code designates the fixture's party for it. */
function decisionsFor(fx: Fixture, tag: string) {
  const m = fx.members;
  return {
    [`31|${tag}-ddets-prio`]: { organisationId: m.ddets.organisation.id, kind: "prefet_prioritaires" },
    [`31|${tag}-ddets-fonct`]: { organisationId: m.ddets.organisation.id, kind: "prefet_fonctionnaires" },
    [`31|${tag}-al`]: { organisationId: m.al.organisation.id, kind: "action_logement" },
    [`31|${tag}-cd31`]: { organisationId: m.departement.organisation.id, kind: "departement" },
    [`31|${tag}-ville-de-blagnac`]: { organisationId: m.commune.organisation.id, kind: "commune" },
  };
}

/** The bailleur imports and confirms an état des lieux of `year` through the API, as its tools would. */
async function importYear(fx: Fixture, year: number, count: number, rates: { bailleur: string; local: string }) {
  const tag = `t${randomUUID().slice(0, 8)}`;
  const form = new FormData();
  form.set("year", String(year));
  form.set("file", new Blob([inventoryCsv(count, tag, rates)]), `etat-des-lieux-${year}.csv`);
  form.set("decisions", JSON.stringify(decisionsFor(fx, tag)));
  const response = await fetch(`${t.base}/api/inventories`, { method: "POST", headers: { cookie: fx.cookies.bailleur, origin: t.base }, body: form });
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body;
}

async function download(path: string, cookie: string) {
  const response = await fetch(t.base + path, { headers: { cookie }, redirect: "manual" });
  expect(response.status).toBe(200);
  return { bytes: new Uint8Array(await response.arrayBuffer()), headers: response.headers };
}

const exportPath = (id: string) => `/conventions/${id}/export.docx`;
const annexExportPath = (id: string, year: number) => `/conventions/${id}/annexes/${year}/export.docx`;

/** A line of a table keyed by its holder, to compare two years whose views list lines in different orders. */
const byKey = (lines: ViewLine[]) => new Map(lines.map((line) => [line.key, line]));

// The change columns as the annex prints them, written here independently: signed, U+2212 below zero.
const MINUS = "\u2212";
const signedPoints = (points: Decimal) => {
  const fixed = points.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const text = fixed.abs().toFixed(2).replace(".", ",");
  return fixed.isZero() ? text : `${fixed.isNegative() ? MINUS : "+"}${text}`;
};
const signedCount = (n: number) => (n === 0 ? "0" : `${n < 0 ? MINUS : "+"}${formatInteger(Math.abs(n))}`);

describe("the annual flux annex of a signed convention", () => {
  it("is generated from the 2027 data, follows them until every party approves it, is then frozen, and never moves the signed convention", async () => {
    const fx = await negotiationFixture(database);
    await signThroughApi(t.base, fx);
    const c = `/api/conventions/${fx.conventionId}`;
    const as = (who: PartyKey, method: string, path: string, body?: unknown) => api(t.base, fx.cookies[who], method, c + path, body);

    // What was signed, read and exported before anything of 2027 exists.
    const signedView = (await as("bailleur", "GET", "")).body;
    expect(signedView.status).toBe("signee");
    const signedDocx = await download(exportPath(fx.conventionId), fx.cookies.bailleur);
    const conventionFingerprint = signedDocx.headers.get("x-conflux-fingerprint")!;
    expect(conventionFingerprint).toMatch(/^[0-9a-f]{64}$/);

    // Without any 2027 data: refused with what is missing, who and where.
    const early = await as("bailleur", "POST", "/annexes", { year: 2027 });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe("ANNEXE_DONNEES_MANQUANTES");
    const bailleurName = fx.members.bailleur.organisation.name;
    expect(early.body.missing).toEqual([`${bailleurName} n'a pas encore d'état des lieux confirmé pour 2027 : ses membres l'importent depuis le menu « État des lieux ».`]);
    expect((await as("bailleur", "GET", "/annexes/2027")).body).toMatchObject({ status: "non_generee", missing: early.body.missing });

    // The 2027 état des lieux alone is not enough: the forecast deductions of 2027 are asked for, with where to enter them.
    await importYear(fx, 2027, 2_400, { bailleur: "0,091", local: "0,084" });
    const noTerms = await as("bailleur", "POST", "/annexes", { year: 2027 });
    expect(noTerms.status).toBe(409);
    expect(noTerms.body.missing).toHaveLength(1);
    expect(noTerms.body.missing[0]).toMatch(new RegExp(`^${bailleurName} n'a pas encore saisi ses déductions prévisionnelles 2027 .*« Annexes annuelles du flux »`));

    // The 2027 terms: the bailleur's deductions, Action Logement's negotiated share.
    const deductions = { mutations: 14, anru: 6, orcod: 0, lhi: 1, ventes: 2 };
    expect((await as("bailleur", "PUT", "/annexes/2027/flux-terms", { bailleurId: fx.members.bailleur.organisation.id, deductions })).status).toBe(200);
    const alKey = `action_logement:${fx.members.al.organisation.id}`;
    expect((await as("al", "PUT", "/annexes/2027/flux-terms", { bailleurId: fx.members.bailleur.organisation.id, shares: { [alKey]: "0.29" } })).status).toBe(200);

    const generated = await as("bailleur", "POST", "/annexes", { year: 2027 });
    expect(generated.status, JSON.stringify(generated.body)).toBe(201);
    expect(generated.body).toMatchObject({ year: 2027, status: "en_preparation", base: { source: "convention", year: 2026 }, missing: [], conventionFingerprint });
    expect((await as("bailleur", "POST", "/annexes", { year: 2027 })).body.code).toBe("ANNEXE_DEJA_GENEREE");

    // The 2027 figures are the 2027 apportionment: an unsigned 2027 convention of the same parties on the same
    // territory shows the same tables.
    const twin = await createConventionFromTemplate(database.db, { organisationId: fx.members.bailleur.organisation.id }, {
      templateId: "epci-multipartite",
      title: "Convention témoin 2027",
      year: 2027,
      territory: { epci: "243100518" },
      startDate: "2027-01-01",
      parties: [
        { organisationId: fx.members.ddets.organisation.id, role: "edition" },
        { organisationId: fx.members.al.organisation.id, role: "edition" },
        { organisationId: fx.members.commune.organisation.id, role: "commentaire" },
        { organisationId: fx.members.departement.organisation.id, role: "lecture" },
      ],
    });
    const twinTables = async () => (await api(t.base, fx.cookies.bailleur, "GET", `/api/conventions/${twin}`)).body.flux.tables;
    const annexOf = async () => (await as("ddets", "GET", "/annexes/2027")).body;
    const checkYearFigures = async (annex: Json) => {
      const expected = await twinTables();
      expect(annex.tables.map((table: Json) => table.lines)).toEqual(expected.map((table: Json) => table.lines));
      expect(annex.tables.map((table: Json) => table.result)).toEqual(expected.map((table: Json) => table.result));
      expect(annex.tables[0].scenario.deductions).toEqual({ mutations: 14, relogements: 9 });
    };
    await checkYearFigures(generated.body);

    // The year-over-year change: the difference of the two tables, from the API's figures.
    const checkComparison = (annex: Json, base: Json[]) => {
      expect(annex.comparison.tables).toHaveLength(base.length);
      let anyChange = false;
      annex.comparison.tables.forEach((table: Json, index: number) => {
        const before = byKey(base[index].lines);
        const after = byKey(annex.tables[index].lines);
        expect(new Set(table.lines.map((line: Json) => line.key))).toEqual(new Set([...before.keys(), ...after.keys()]));
        for (const line of table.lines) {
          const b = before.get(line.key);
          const a = after.get(line.key);
          expect(line.base?.rounded ?? null).toBe(b?.rounded ?? null);
          expect(line.year?.rounded ?? null).toBe(a?.rounded ?? null);
          expect(line.change.rounded).toBe((a?.rounded ?? 0) - (b?.rounded ?? 0));
          const share = new Decimal(a?.share ?? 0).minus(b?.share ?? 0);
          expect(new Decimal(line.change.share).minus(share).abs().lt("1e-20"), `${line.key}: ${line.change.share} vs ${share}`).toBe(true);
          expect(new Decimal(line.change.points).minus(share.times(100)).abs().lt("1e-18")).toBe(true);
          anyChange ||= line.change.rounded !== 0;
        }
        expect(table.change.fluxRounded).toBe(annex.tables[index].result.fluxRounded - base[index].result.fluxRounded);
      });
      expect(anyChange, "the 2027 data give other figures than 2026").toBe(true);
    };
    checkComparison(generated.body, signedView.flux.tables);

    // A party approves; then a re-import of 2027 changes the annex (it follows its inputs), and that approval is « à revoir ».
    const first = await as("ddets", "POST", "/annexes/2027/approvals", { hash: generated.body.hash });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ status: "approuve", adopted: false });
    await importYear(fx, 2027, 2_600, { bailleur: "0,093", local: "0,086" });
    const moved = await annexOf();
    expect(moved.hash).not.toBe(generated.body.hash);
    expect(moved.tables[0].result.fluxRounded).not.toBe(generated.body.tables[0].result.fluxRounded);
    await checkYearFigures(moved);
    checkComparison(moved, signedView.flux.tables);
    expect(moved.approvals).toEqual([expect.objectContaining({ party: fx.members.ddets.organisation.id, status: "a_revoir" })]);
    const stale = await as("al", "POST", "/annexes/2027/approvals", { hash: generated.body.hash });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: "ANNEXE_A_CHANGE", hash: moved.hash });

    // Every negotiating party approves the annex as it reads now; the last approval adopts it.
    for (const [index, who] of NEGOTIATORS.entries()) {
      const approved = await as(who, "POST", "/annexes/2027/approvals", { hash: moved.hash });
      expect(approved.status, `${who}: ${JSON.stringify(approved.body)}`).toBe(201);
      expect(approved.body.adopted).toBe(index === NEGOTIATORS.length - 1);
    }
    const adopted = await annexOf();
    expect(adopted).toMatchObject({ status: "adoptee", missingApprovals: [], hash: moved.hash, fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(adopted.approvals.map((a: Json) => a.status)).toEqual(NEGOTIATORS.map(() => "approuve"));
    expect((await as("commune", "POST", "/annexes/2027/approvals", {})).body.code).toBe("ANNEXE_ADOPTEE");

    // The annex's DOCX: its figures, both fingerprints, no PROJET once adopted, clean French typography.
    const annexDocx = await download(annexExportPath(fx.conventionId, 2027), fx.cookies.departement);
    expect(annexDocx.headers.get("x-conflux-fingerprint")).toBe(adopted.fingerprint);
    expect(annexDocx.headers.get("x-conflux-convention-fingerprint")).toBe(conventionFingerprint);
    expect(annexDocx.headers.get("content-disposition")).toMatch(/^attachment; filename="Annexe-annuelle-2027-[A-Za-z0-9._-]+\.docx"/);
    const docx = await readDocx(annexDocx.bytes);
    expect(docx.document).toContain(adopted.fingerprint);
    expect(docx.document).toContain(conventionFingerprint);
    expect(textOf(docx.footers)).toContain(adopted.fingerprint.slice(0, 12));
    expect(textOf(docx.headers)).not.toContain("PROJET");
    const body = paragraphs(docx.document);
    expect(body[0].text).toBe(frenchText(`Annexe annuelle 2027 à la convention « ${signedView.title} »`));
    // One signature block per party, each naming it as the convention does (as a legal person).
    expect(body.filter((p) => p.style === "ConventionSignatureParty")).toHaveLength(signedView.parties.length);
    const designations = signedView.parties.map((p: Json) => p.designation as string);
    expect(body.filter((p) => p.style === "ConventionSignatureLine" && designations.includes(p.text)).map((p) => p.text)).toEqual(designations);
    // The year-over-year table, row for row, from the two tables the API gives.
    const changeTable = tables(docx.document).find((table) => table.rows[0]?.[3] === "Écart (points)")!;
    expect(changeTable.rows[0]).toEqual(["Réservataire", "Part 2026", "Part 2027", "Écart (points)", "Logements 2026", "Logements 2027", "Écart (logements)"]);
    const before = byKey(signedView.flux.tables[0].lines);
    const after = byKey(adopted.tables[0].lines);
    const keys = [...after.keys(), ...[...before.keys()].filter((key) => !after.has(key))];
    const dash = (value: string | undefined) => value ?? "—";
    expect(changeTable.rows.slice(1, -1)).toEqual(
      keys.map((key) => {
        const b = before.get(key);
        const a = after.get(key);
        return [
          frenchText((a ?? b)!.label),
          dash(b && formatShare(b.share)),
          dash(a && formatShare(a.share)),
          signedPoints(new Decimal(a?.share ?? 0).minus(b?.share ?? 0).times(100)),
          dash(b && formatInteger(b.rounded)),
          dash(a && formatInteger(a.rounded)),
          signedCount((a?.rounded ?? 0) - (b?.rounded ?? 0)),
        ];
      }),
    );
    const baseTotal = signedView.flux.tables[0].result.fluxRounded;
    const yearTotal = adopted.tables[0].result.fluxRounded;
    expect(changeTable.rows.at(-1)).toEqual(["Total", formatShare(1), formatShare(1), "", formatInteger(baseTotal), formatInteger(yearTotal), signedCount(yearTotal - baseTotal)]);
    // The 2027 flux table is the one the read API gives for 2027.
    const [fluxTable] = fluxTablesOf(docx.document);
    expect(fluxTable.rows.slice(1)).toEqual(expectedFluxRows(adopted));
    // The rotation and the deductions of 2027.
    expect(tables(docx.document).find((table) => table.rows[0]?.[0] === "Déduction prévisionnelle")?.rows.slice(1)).toEqual([
      ["Mutations internes", "14"],
      ["Relogements ANRU / NPNRU", "6"],
      ["Relogements ORCOD", "0"],
      ["Relogements LHI", "1"],
      ["Relogements liés aux ventes", "2"],
      ["Total déduit du flux", "23"],
    ]);
    expect(body.some((p) => p.text.startsWith("Calcul du taux de rotation"))).toBe(true);
    const findings = await lintDocx(annexDocx.bytes);
    expect(findings, formatFindings(findings)).toEqual([]);

    // A later 2027 re-import moves the unsigned 2027 convention, never the adopted annex nor its DOCX.
    const twinBefore = await twinTables();
    await importYear(fx, 2027, 2_200, { bailleur: "0,088", local: "0,08" });
    expect(await twinTables()).not.toEqual(twinBefore);
    expect(await annexOf()).toEqual(adopted);
    expect((await download(annexExportPath(fx.conventionId, 2027), fx.cookies.bailleur)).bytes).toEqual(annexDocx.bytes);

    // The signed convention never moved: its read API and its DOCX bytes are those of the signature.
    expect((await as("bailleur", "GET", "")).body).toEqual(signedView);
    expect((await download(exportPath(fx.conventionId), fx.cookies.bailleur)).bytes).toEqual(signedDocx.bytes);

    // The next year's annex compares with the adopted 2027 annex.
    await importYear(fx, 2028, 2_500, { bailleur: "0,09", local: "0,085" });
    expect((await as("bailleur", "PUT", "/annexes/2028/flux-terms", { bailleurId: fx.members.bailleur.organisation.id, deductions })).status).toBe(200);
    const next = await as("bailleur", "POST", "/annexes", { year: 2028 });
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(next.body.base).toEqual({ source: "annexe", year: 2027 });
    checkComparison(next.body, adopted.tables);
    const list = (await as("departement", "GET", "/annexes")).body;
    expect(list.years.slice(0, 3)).toEqual([
      { year: 2027, status: "adoptee" },
      { year: 2028, status: "en_preparation" },
      { year: 2029, status: "non_generee" },
    ]);

    // The annex's life is in the convention's audit trail.
    const trail = (await listAudit(database.db, fx.conventionId)).filter((event) => event.kind === "annexe").map((event) => [event.details.action, event.details.annee]);
    expect(trail).toEqual([
      ["annexe_generee", 2027],
      ...Array.from({ length: NEGOTIATORS.length + 1 }, () => ["annexe_approuvee", 2027]),
      ["annexe_adoptee", 2027],
      ["annexe_exportee", 2027],
      ["annexe_exportee", 2027],
      ["annexe_generee", 2028],
    ]);
  });
});

describe("the annual flux annex of a convention not yet signed", () => {
  it("is generated once however often the pilot asks at once, and adopted once however many parties approve at once", async () => {
    const fx = await negotiationFixture(database);
    const c = `/api/conventions/${fx.conventionId}`;
    await importYear(fx, 2027, 2_300, { bailleur: "0,087", local: "0,08" });
    const bailleurId = fx.members.bailleur.organisation.id;
    const terms = await api(t.base, fx.cookies.bailleur, "PUT", `${c}/annexes/2027/flux-terms`, { bailleurId, deductions: { mutations: 5, anru: 0, orcod: 0, lhi: 0, ventes: 0 } });
    expect(terms.status).toBe(200);
    const before = (await api(t.base, fx.cookies.bailleur, "GET", c)).body;

    const generations = await Promise.all([1, 2, 3].map(() => api(t.base, fx.cookies.bailleur, "POST", `${c}/annexes`, { year: 2027 })));
    expect(generations.map((g) => g.status).sort()).toEqual([201, 409, 409]);
    for (const refused of generations.filter((g) => g.status === 409)) expect(refused.body.code).toBe("ANNEXE_DEJA_GENEREE");
    const { hash } = generations.find((g) => g.status === 201)!.body;

    const approvals = await Promise.all(NEGOTIATORS.map((who) => api(t.base, fx.cookies[who], "POST", `${c}/annexes/2027/approvals`, { hash })));
    expect(approvals.map((a) => a.status)).toEqual(NEGOTIATORS.map(() => 201));
    expect(approvals.filter((a) => a.body.adopted)).toHaveLength(1);
    const trail = (await listAudit(database.db, fx.conventionId)).filter((event) => event.kind === "annexe").map((event) => event.details.action);
    expect(trail.filter((action) => action === "annexe_generee")).toHaveLength(1);
    expect(trail.filter((action) => action === "annexe_adoptee")).toHaveLength(1);
    expect((await api(t.base, fx.cookies.commune, "GET", `${c}/annexes/2027`)).body.status).toBe("adoptee");

    // The convention's own 2026 figures are not the annex's business.
    expect((await api(t.base, fx.cookies.bailleur, "GET", c)).body.flux).toEqual(before.flux);
  });
});

describe("who may do what with an annual annex", () => {
  it("hides it from non-parties (404), lets every party read it, refuses writes to lecture (403) and generation to anyone but the pilot", async () => {
    const fx = await negotiationFixture(database);
    await signThroughApi(t.base, fx);
    const c = `/api/conventions/${fx.conventionId}`;
    const call = (who: PartyKey | null, method: string, path: string, body?: unknown) => api(t.base, who ? fx.cookies[who] : null, method, c + path, body);
    const terms = { bailleurId: fx.members.bailleur.organisation.id, deductions: { mutations: 1, anru: 0, orcod: 0, lhi: 0, ventes: 0 } };
    const writes: [string, string, unknown][] = [
      ["POST", "/annexes", { year: 2027 }],
      ["POST", "/annexes/2027/approvals", {}],
      ["PUT", "/annexes/2027/flux-terms", terms],
    ];
    for (const [method, path, body] of [["GET", "/annexes", undefined], ["GET", "/annexes/2027", undefined], ...writes] as [string, string, unknown][]) {
      const outsider = await call("outsider", method, path, body);
      expect(outsider.status, `outsider ${method} ${path}`).toBe(404);
      expect(outsider.body.code).toBe("CONVENTION_NOT_FOUND");
      expect((await call(null, method, path, body)).status, `anonymous ${method} ${path}`).toBe(401);
    }
    const outsiderDocx = await fetch(`${t.base}${annexExportPath(fx.conventionId, 2027)}`, { headers: { cookie: fx.cookies.outsider }, redirect: "manual" });
    expect(outsiderDocx.status).toBe(404);
    for (const [method, path, body] of writes) {
      const lecture = await call("departement", method, path, body);
      expect(lecture.status, `lecture ${method} ${path}`).toBe(403);
      expect(lecture.body.code).toBe("FORBIDDEN_ROLE");
    }
    expect((await call("departement", "GET", "/annexes/2027")).status).toBe(200);
    const notPilot = await call("ddets", "POST", "/annexes", { year: 2027 });
    expect(notPilot.status).toBe(403);
    expect(notPilot.body.code).toBe("ANNEXE_PILOTE_SEULEMENT");
    // Deductions are the bailleur's own, even from an annex.
    const foreign = await call("ddets", "PUT", "/annexes/2027/flux-terms", terms);
    expect(foreign).toMatchObject({ status: 403, body: { code: "FORBIDDEN_ROLE", field: "deductions" } });
    // Nothing generated: no approval, no DOCX.
    expect((await call("ddets", "POST", "/annexes/2027/approvals", {})).body.code).toBe("ANNEXE_NON_GENEREE");
    const none = await fetch(`${t.base}${annexExportPath(fx.conventionId, 2027)}`, { headers: { cookie: fx.cookies.bailleur }, redirect: "manual" });
    expect(none.status).toBe(404);
    expect((await none.json()).code).toBe("ANNEXE_NON_GENEREE");
  });

  it("answers a wrong year with a French message naming it", async () => {
    const fx = await negotiationFixture(database);
    const c = `/api/conventions/${fx.conventionId}`;
    const outside = await api(t.base, fx.cookies.bailleur, "POST", `${c}/annexes`, { year: 2035 });
    expect(outside).toMatchObject({ status: 400, body: { code: "ANNEXE_ANNEE_HORS_PERIODE", field: "year", years: [2027, 2028, 2029, 2030, 2031] } });
    expect(outside.body.message).toBe("L'annexe annuelle porte sur une année de la convention postérieure à la sienne : choisissez une année de 2027 à 2031 (année demandée : 2035).");
    expect((await api(t.base, fx.cookies.bailleur, "GET", `${c}/annexes/2026`)).body.code).toBe("ANNEXE_ANNEE_HORS_PERIODE");
    const notANumber = await api(t.base, fx.cookies.bailleur, "GET", `${c}/annexes/deux-mille`);
    expect(notANumber).toMatchObject({ status: 400, body: { code: "ANNEXE_ANNEE_INVALIDE", field: "year" } });
    const badBody = await api(t.base, fx.cookies.bailleur, "POST", `${c}/annexes`, { year: "2027" });
    expect(badBody).toMatchObject({ status: 400, body: { code: "FORM_INVALID", field: "year", message: "Indiquez l'année de l'annexe en chiffres (par exemple 2027)." } });
  });
});
