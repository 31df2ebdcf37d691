import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import Decimal from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { DbHandle } from "../../db/client";
import { demoInventoryCsv } from "../../db/demo-inventory";
import { createMember, createOrganisation, createUser, type Organisation, type User } from "../../db/factories";
import { conventionVersions, conventions, users } from "../../db/schema";
import { DEMO_ACCOUNTS, seedDemo } from "../../db/seed";
import { DOC_KEYS } from "../../app/domain/convention/state";
import { formatInteger, formatShare, formatVolume } from "../../app/domain/format";
import { frenchText } from "../../app/domain/typography";
import type { OrganisationKind } from "../../app/lib/roles";
import { listAudit } from "../../app/models/audit.server";
import { createConventionFromTemplate } from "../../app/models/convention.server";
import { answerInvitation } from "../../app/models/membership.server";
import { bailleurWithInventory, demoHolders, importFor, TEMPLATE_TERRITORIES } from "../support/conventions";
import { openTestDb } from "../support/db";
import { type FigureCheck, formatFindings, lintDocx } from "../support/docx-lint";
import { expectedFluxRows, fluxTablesOf, type FluxView, paragraphs, readDocx, textOf, unescapeXml } from "../support/docx-read";
import { cookieFor, startTestServer, type TestServer } from "../support/server";

let database: DbHandle;
let t: TestServer;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-export-"));

beforeAll(async () => {
  database = await openTestDb();
  t = await startTestServer(database);
});
afterAll(async () => {
  await t?.close();
  await database?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

async function download(id: string, cookie: string | null, query = "") {
  return fetch(`${t.base}/conventions/${id}/export.docx${query}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
}

async function exportOk(id: string, cookie: string) {
  const response = await download(id, cookie);
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, fingerprint: response.headers.get("x-conflux-fingerprint") ?? "" };
}

interface ApiView {
  status: string;
  parties: { id: string; name: string }[];
  articles: { number: number; title: string }[];
  annexes: { number: number; title: string }[];
  flux: (FluxView & { result: { flux: string; fluxRounded: number; lines: { id: string; kind: string; share: string; volume: string; rounded: number }[] } | null }) | null;
}


async function readApi(id: string, cookie: string): Promise<ApiView> {
  const response = await fetch(`${t.base}/api/conventions/${id}`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return (await response.json()) as ApiView;
}

/** Every XML check of the issue: titles in order, flux figures, signature blocks, fingerprint, PROJET. */
async function checkExport(id: string, cookie: string) {
  const { response, bytes, fingerprint } = await exportOk(id, cookie);
  expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.docx"; filename\*=UTF-8''[^\s"]+\.docx$/);
  expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
  const api = await readApi(id, cookie);
  const docx = await readDocx(bytes);
  const body = paragraphs(docx.document);
  const headings = body.filter((p) => p.style === "Heading1").map((p) => p.text);

  // The export sets the read API's titles in French typography (docs/decisions/0302-french-typography.md).
  expect(headings.filter((text) => text.startsWith("Article"))).toEqual(api.articles.map((a) => frenchText(`Article ${a.number} — ${a.title}`)));
  expect(headings.filter((text) => text.startsWith("Annexe"))).toEqual(api.annexes.map((a) => frenchText(`Annexe ${a.number} — ${a.title}`)));

  // One table per bailleur (its lines as this convention shows them, then its total), then the sum of the bailleurs.
  const flux = api.flux!;
  expect(flux.tables.length, "every convention here has at least one bailleur").toBeGreaterThan(0);
  for (const table of flux.tables) expect(table.result, `the flux of ${table.bailleur.name} computes`).toBeTruthy();
  const expected = expectedFluxRows(flux);
  const fluxTables = fluxTablesOf(docx.document);
  expect(fluxTables.length).toBeGreaterThan(0);
  for (const table of fluxTables) {
    expect(table.headerRepeated).toBe(true);
    expect(table.rightAligned).toEqual([false, true, true, true]);
    expect(table.rows.slice(1)).toEqual(expected);
  }

  const signatures = body.filter((p) => p.style === "ConventionSignatureParty").map((p) => p.text);
  expect(signatures).toEqual(api.parties.map((party) => frenchText(`Pour ${party.name}`)));

  expect(docx.document).toContain(fingerprint);
  expect(textOf(docx.footers)).toContain(fingerprint.slice(0, 12));
  expect(docx.footers).toMatch(/PAGE[\s\S]*NUMPAGES/);
  expect(textOf(docx.headers).includes("PROJET")).toBe(!["prete_pour_signature", "signee"].includes(api.status));

  const audit = (await listAudit(database.db, id)).filter((event) => event.kind === "export");
  expect(audit.at(-1)?.details).toMatchObject({ format: "docx", fingerprint, version: null });

  // What a juriste would circle: every template's export must come out clean.
  const findings = await lintDocx(bytes);
  expect(findings, formatFindings(findings)).toEqual([]);
  return { bytes, fingerprint, api };
}

type FluxLine = { kind: string; share: string; rounded: number };
const sumShares = (lines: FluxLine[]) => lines.reduce((sum, line) => sum.plus(line.share), new Decimal(0)).toFixed();
const sumRounded = (lines: FluxLine[]) => lines.reduce((sum, line) => sum + line.rounded, 0);

/**
 * The figures the demo's clauses (the EPCI multipartite template) quote from the flux table. A clause rewritten so
 * that it quotes another figure, or no longer quotes one, fails here with the sentence and both figures.
 */
function demoFigures(api: ApiView): FigureCheck[] {
  const result = api.flux!.result!;
  const prefet = result.lines.filter((line) => line.kind.startsWith("prefet_"));
  const actionLogement = result.lines.filter((line) => line.kind === "action_logement");
  const reservataires = result.lines.filter((line) => line.kind !== "bailleur");
  const fonctionnaires = result.lines.filter((line) => line.kind === "prefet_fonctionnaires");
  const count = String.raw`([\d\u202F]+)\u00A0logements?`;
  const anyShare = String.raw`[\d\u202F]+(?:,\d+)?\u202F%`;
  const share = `(${anyShare})`;
  return [
    { label: "flux annuel (exact)", pattern: /[Ll]e flux s’établit à ([\d\u202F]+(?:,\d+)?)\u00A0attributions/, expected: formatVolume(result.flux) },
    { label: "flux annuel (logements)", pattern: new RegExp(`attributions, soit une estimation de ${count}`), expected: formatInteger(result.fluxRounded) },
    { label: "logements de l’ensemble des réservataires", pattern: /dont ([\d\u202F]+)[ \u00A0]pour l’ensemble des réservataires/, expected: formatInteger(sumRounded(reservataires)) },
    { label: "part du préfet", pattern: new RegExp(`Le préfet dispose de ${share} du flux`), expected: formatShare(sumShares(prefet)) },
    // A pattern's first group is the figure checked: where the count is, the share before it is not captured.
    { label: "logements du préfet", pattern: new RegExp(`Le préfet dispose de ${anyShare} du flux, soit ${count}`), expected: formatInteger(sumRounded(prefet)) },
    { label: "logements des agents de l’État", pattern: /dont ([\d\u202F]+)[ \u00A0]pour les agents de l’État/, expected: formatInteger(sumRounded(fonctionnaires)) },
    { label: "part d’Action Logement", pattern: new RegExp(`Action Logement dispose de ${share} du flux`), expected: formatShare(sumShares(actionLogement)) },
    { label: "logements d’Action Logement", pattern: new RegExp(`Action Logement dispose de ${anyShare} du flux, soit ${count}`), expected: formatInteger(sumRounded(actionLogement)) },
  ];
}

async function reservataire(kind: OrganisationKind, name: string) {
  const organisation = await createOrganisation(database.db, { kind, name });
  const user = await createUser(database.db, { organisationId: organisation.id, name: `Signataire ${name}`, title: "Directeur" });
  return { organisation, user };
}

const TEMPLATE_PARTIES: Record<string, [OrganisationKind, string][]> = {
  prefectoral: [["prefet", "DDETS de la Haute-Garonne"]],
  collectivites: [["commune", "Ville de Blagnac"]],
  "action-logement": [["action_logement", "Action Logement Services"]],
  "epci-multipartite": [
    ["epci", "Toulouse Métropole"],
    ["bailleur", "Patrimoine Languedocienne"],
    ["prefet", "DDETS de la Haute-Garonne"],
  ],
};

/**
 * A convention of `templateId` on its usual territory, piloted by a bailleur with a confirmed état des lieux whose codes
 * designate the test's réservataires; every bailleur party has one too and accepts, so that the figures compute.
 */
async function templateConvention(templateId: string) {
  const created: { kind: OrganisationKind; organisation: Organisation; user: User }[] = [];
  for (const [kind, name] of TEMPLATE_PARTIES[templateId]) created.push({ kind, ...(await reservataire(kind, name)) });
  const orgOf = (kind: OrganisationKind) => created.find((c) => c.kind === kind)?.organisation;
  const holders = demoHolders({ prefet: orgOf("prefet"), action_logement: orgOf("action_logement"), commune: orgOf("commune") });
  const pilot = await bailleurWithInventory(database, { name: `Habitat ${templateId}`, dwellings: 1_500, holders });
  const others = created.filter((c) => c.kind === "bailleur");
  for (const other of others) await importFor(database, other, { year: 2026, csv: demoInventoryCsv(800), holders });
  const id = await createConventionFromTemplate(database.db, { organisationId: pilot.organisation.id }, {
    templateId,
    title: `Convention ${templateId} 2026 — réservation « en flux »`,
    year: 2026,
    territory: TEMPLATE_TERRITORIES[templateId],
    startDate: "2026-01-01",
    parties: created.map((c) => ({ organisationId: c.organisation.id, role: "edition" as const })),
  });
  for (const other of others)
    await answerInvitation(database.db, t.server.collab, id, { userId: other.user.id, organisationId: other.organisation.id }, "accepter");
  return { id, cookie: await cookieFor(database, pilot.user.id) };
}

async function demoConvention() {
  await seedDemo(database.db);
  const [bailleur] = await database.db.select().from(users).where(eq(users.email, DEMO_ACCOUNTS[0].email));
  // The seed's convention is the demo bailleur's first (on a shared PostgreSQL, other files may add more).
  const [convention] = await database.db
    .select()
    .from(conventions)
    .where(eq(conventions.pilotOrganisationId, bailleur.organisationId))
    .orderBy(asc(conventions.createdAt))
    .limit(1);
  return { id: convention.id, cookie: await cookieFor(database, bailleur.id) };
}

function convertToPdf(files: string[]): string[] {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-lo-profile-"));
  try {
    execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", scratch, ...files], {
      stdio: "pipe",
      timeout: 90_000,
    });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return files.map((file) => path.join(scratch, `${path.basename(file, ".docx")}.pdf`));
}

function pageCount(pdf: string): number {
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** The lines of a PDF page as poppler lays them out: their text and vertical extent, in points from the top. */
function pdfLines(pdf: string, page: number): { text: string; yMin: number; yMax: number }[] {
  const xml = execFileSync("pdftotext", ["-f", String(page), "-l", String(page), "-bbox-layout", pdf, "-"], { encoding: "utf8" });
  return [...xml.matchAll(/<line xMin="[^"]+" yMin="([^"]+)" xMax="[^"]+" yMax="([^"]+)">([\s\S]*?)<\/line>/g)].map(([, yMin, yMax, words]) => ({
    yMin: Number(yMin),
    yMax: Number(yMax),
    text: [...words.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((word) => unescapeXml(word[1])).join(" "),
  }));
}

describe("DOCX export", () => {
  const toConvert: string[] = [];

  it("exports the demo convention: titles, flux figures, signature blocks, fingerprint and PROJET match the read API", async () => {
    const { id, cookie } = await demoConvention();
    const first = await checkExport(id, cookie);
    expect(first.api.parties.length).toBe(5);
    const findings = await lintDocx(first.bytes, { figures: demoFigures(first.api) });
    expect(findings, formatFindings(findings)).toEqual([]);
    const second = await exportOk(id, cookie);
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    const file = path.join(scratch, "demo.docx");
    fs.writeFileSync(file, first.bytes);
    toConvert.push(file);
  });

  for (const templateId of Object.keys(TEMPLATE_PARTIES)) {
    it(`exports a convention from the « ${templateId} » template`, async () => {
      const { id, cookie } = await templateConvention(templateId);
      const { bytes } = await checkExport(id, cookie);
      if (templateId === "prefectoral") {
        const file = path.join(scratch, `${templateId}.docx`);
        fs.writeFileSync(file, bytes);
        toConvert.push(file);
      }
    });
  }

  it("gives the same bytes twice, and another fingerprint after an edit of a parameter or of the body", async () => {
    const { id, cookie } = await templateConvention("epci-multipartite");
    const before = await exportOk(id, cookie);
    const again = await exportOk(id, cookie);
    expect(Buffer.from(again.bytes).equals(Buffer.from(before.bytes))).toBe(true);

    await t.server.collab.updateDocument(id, (doc) => {
      doc.getMap(DOC_KEYS.parameters).set("signaturePlace", "Blagnac");
    });
    const afterParameter = await checkExport(id, cookie);
    expect(afterParameter.fingerprint).not.toBe(before.fingerprint);

    await t.server.collab.updateDocument(id, (doc) => {
      const paragraph = doc
        .getXmlFragment(DOC_KEYS.body)
        .toArray()
        .find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === "paragraph" && node.get(0) instanceof Y.XmlText);
      (paragraph!.get(0) as Y.XmlText).insert(0, "Texte ajouté. ");
    });
    const afterBody = await exportOk(id, cookie);
    expect(afterBody.fingerprint).not.toBe(afterParameter.fingerprint);
    expect(textOf((await readDocx(afterBody.bytes)).document)).toContain("Texte ajouté.");
  });

  it("exports a saved version (by id or number) from its snapshot, unchanged by later edits, without PROJET once ready", async () => {
    const { id, cookie } = await templateConvention("collectivites");
    const current = await exportOk(id, cookie);
    const live = await t.server.collab.readDocument(id);
    const versionId = randomUUID();
    await database.db.insert(conventionVersions).values({
      id: versionId,
      conventionId: id,
      number: 1,
      name: "Texte soumis à la signature",
      automatic: false,
      status: "prete_pour_signature",
      snapshot: Y.encodeStateAsUpdate(live),
      content: {},
    });
    live.destroy();

    const byId = await download(id, cookie, `?version=${versionId}`);
    expect(byId.status).toBe(200);
    const version = new Uint8Array(await byId.arrayBuffer());
    expect(byId.headers.get("x-conflux-fingerprint")).toBe(current.fingerprint);
    const docx = await readDocx(version);
    expect(textOf(docx.headers)).not.toContain("PROJET");
    expect(textOf(docx.footers)).toContain("Version 1\u00A0du ");
    expect((await listAudit(database.db, id)).filter((event) => event.kind === "export").at(-1)?.details).toMatchObject({ version: versionId });

    await t.server.collab.updateDocument(id, (doc) => doc.getMap(DOC_KEYS.parameters).set("signaturePlace", "Colomiers"));
    const byNumber = await download(id, cookie, "?version=1");
    expect(Buffer.from(await byNumber.arrayBuffer()).equals(Buffer.from(version))).toBe(true);
    expect((await exportOk(id, cookie)).fingerprint).not.toBe(current.fingerprint);
  });

  it("answers 404 to a non-party and to an unknown version, and sends anonymous users to the login page", async () => {
    const { id, cookie } = await templateConvention("prefectoral");
    const outsider = await createMember(database.db, "bailleur");
    const refused = await download(id, await cookieFor(database, outsider.user.id));
    expect(refused.status).toBe(404);
    expect(refused.headers.get("content-type")).toMatch(/json/);

    const anonymous = await download(id, null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(`/conventions/${id}/export.docx`)}`);

    const unknown = await download(id, cookie, "?version=v-inconnue");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: "EXPORT_VERSION_NOT_FOUND", message: expect.stringMatching(/version/) });
    expect((await listAudit(database.db, id)).filter((event) => event.kind === "export")).toHaveLength(0);
  });

  it("converts to PDF with LibreOffice, with a plausible page count", () => {
    expect(toConvert.length).toBe(2);
    const pdfs = convertToPdf(toConvert);

    // The demo's cover title takes two lines. A line's box (the font's ascent and descent) is about 1.3 em high and
    // single spacing puts the next line about 1.15 em lower, so the step from one top to the next is about 88 % of a
    // box; an exact line height smaller than the font (the overlap a juriste saw in LibreOffice) gave 51 %.
    const lines = pdfLines(pdfs[0], 1);
    const height = (line: { yMin: number; yMax: number }) => line.yMax - line.yMin;
    // The running header repeats the title in small print: the cover's is the tallest line of the page.
    const tallest = Math.max(...lines.map(height));
    const title = lines.filter((line) => height(line) > tallest - 0.5);
    expect(title.map((line) => line.text).join(" ")).toBe("Convention de réservation en flux 2026 — Garonne Habitat Solidaire");
    expect((title[1].yMin - title[0].yMin) / (title[0].yMax - title[0].yMin)).toBeGreaterThan(0.8);

    for (const pdf of pdfs) {
      const pages = pageCount(pdf);
      // Cover, contents, visas to articles (about 6 pages), 4 annexes on their own pages, signatures.
      expect(pages).toBeGreaterThanOrEqual(8);
      expect(pages).toBeLessThanOrEqual(30);
    }
  });
});
