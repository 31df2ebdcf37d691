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
import { getTemplate } from "../../templates";
import { bailleurWithInventory, demoHolders, importFor, TEMPLATE_TERRITORIES } from "../support/conventions";
import { openTestDb } from "../support/db";
import { type FigureCheck, formatFindings, lintDocx } from "../support/docx-lint";
import { expectedFluxRows, fluxTablesOf, type FluxView, paragraphs, readDocx, textOf, unescapeXml } from "../support/docx-read";
import { runOk } from "../support/run";
import { cookieFor, startTestServer, type TestServer } from "../support/server";
import { api } from "./negotiation-support";

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
  parties: { id: string; name: string; kind: string; designation: string; signatureBlock: { missing: { field: string; label: string }[] } }[];
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

  // One signature block per party, naming it as a legal person as the read API does, complete in every convention
  // here: no dotted blank is left in a designation (docs/domain.md, "Les parties, personnes morales").
  const designations = body.filter((p) => p.style === "ConventionSignatureLine" && api.parties.some((party) => party.designation === p.text)).map((p) => p.text);
  expect(designations).toEqual(api.parties.map((party) => party.designation));
  for (const party of api.parties) {
    expect(party.signatureBlock.missing, party.name).toEqual([]);
    expect(party.designation).not.toContain("…");
  }
  const heads = body.filter((p) => p.style === "ConventionSignatureParty").map((p) => p.text);
  expect(heads).toHaveLength(api.parties.length);
  if (api.parties.some((party) => party.kind === "prefet")) {
    expect(heads).toContain("Pour l’État");
    expect(body.map((p) => p.text)).toContain("Pour le préfet de la Haute-Garonne et par délégation");
  }

  expect(docx.document).toContain(fingerprint);
  expect(textOf(docx.footers)).toContain(fingerprint.slice(0, 12));
  expect(docx.footers).toMatch(/PAGE[\s\S]*NUMPAGES/);
  expect(textOf(docx.headers).includes("PROJET")).toBe(!["prete_pour_signature", "signee"].includes(api.status));

  const audit = (await listAudit(database.db, id)).filter((event) => event.kind === "export");
  expect(audit.at(-1)?.details).toMatchObject({ format: "docx", fingerprint, version: null });

  // What a juriste would circle: every template's export must come out clean, and quote the table's figures.
  const findings = await lintDocx(bytes, { figures: fluxFigures(api) });
  expect(findings, formatFindings(findings)).toEqual([]);
  return { bytes, fingerprint, api };
}

/**
 * The figures every template quotes from the flux tables: each bailleur's flux at the end of its equation (the article
 * on the flux and the annexe on its calculation both quote it) and the estimate in whole dwellings.
 */
function fluxFigures(api: ApiView): FigureCheck[] {
  const flux = api.flux!;
  const rounded = flux.consolidated?.fluxRounded ?? flux.tables.reduce((sum, table) => sum + (table.result?.fluxRounded ?? 0), 0);
  const figure = String.raw`([\d\u202F]+(?:,\d+)?)\u00A0attributions`;
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // One bailleur: every equation ends on its flux. Several: each equation is quoted with its bailleur's name.
  const equations: FigureCheck[] =
    flux.tables.length === 1
      ? [{ label: "flux annuel (fin de l’équation)", pattern: new RegExp(`[≈=] ${figure}`), expected: formatVolume(flux.tables[0].result!.flux) }]
      : flux.tables.map((table) => ({
          label: `flux de ${table.bailleur.name} (fin de son équation)`,
          pattern: new RegExp(`[≈=] ${figure} pour ${escape(frenchText(table.bailleur.name))}`),
          expected: formatVolume(table.result!.flux),
        }));
  return [
    ...equations,
    // The table's note gives each bailleur's own whole number ("… en nombre entier"); the text quotes the total.
    { label: "flux en logements entiers", pattern: /attributions(?: pour [^,;]+)?, soit (?:au total )?une estimation de ([\d\u202F]+)\u00A0logements?(?!s)(?! en nombre entier)/, expected: formatInteger(rounded) },
  ];
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
    { label: "flux annuel (exact)", pattern: /[≈=] ([\d\u202F]+(?:,\d+)?)\u00A0attributions/, expected: formatVolume(result.flux) },
    { label: "flux annuel (logements)", pattern: new RegExp(`attributions, soit (?:au total )?une estimation de ${count}`), expected: formatInteger(result.fluxRounded) },
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
 * The legal form of each template's pilot bailleur: an OPH is a public person, a société d'HLM is not, so that the
 * Action Logement convention (two private persons) goes to the judicial court and the others to the administrative one.
 */
const PILOT_FORMS: Record<string, string> = { prefectoral: "oph", collectivites: "oph", "action-logement": "esh", "epci-multipartite": "esh" };

/** A complete signature block of each kind, as a party's member fills it in through the API (docs/api.md). */
function blockFor(kind: OrganisationKind, name: string, form?: string) {
  switch (kind) {
    case "prefet":
      return {
        signatory: {
          civility: "Mme",
          name: "Nadia Ferrand",
          title: "directrice départementale de l'emploi, du travail et des solidarités",
          delegation: true,
          act: { number: "31-2025-09-01-00004", date: "2025-09-01" },
        },
      };
    case "commune":
      return {
        legal: { name: "Commune de Blagnac", form: "commune", siren: "500 123 450", address: "Hôtel de ville, 31700 Blagnac" },
        signatory: { civility: "M.", name: "Bernard Lacoste", title: "maire", act: { number: "2025-112", date: "2025-11-18" } },
      };
    case "epci":
      return {
        legal: { name, form: "metropole", siren: "243100518", address: "6 rue René Leduc, 31000 Toulouse" },
        signatory: { civility: "M.", name: "Henri Castex", title: "président", act: { number: "DEL-25-0871", date: "2025-12-11" } },
      };
    case "action_logement":
      return {
        legal: { name, form: "sas", siren: "777123456", address: "21 quai d'Austerlitz, 75013 Paris" },
        signatory: { civility: "Mme", name: "Sonia Benali", title: "directrice régionale Occitanie" },
      };
    default:
      return {
        legal: { name, form: form ?? "esh", siren: form === "oph" ? "444123459" : "399123454", address: "12 allée des Tilleuls, 31000 Toulouse" },
        signatory: { civility: "M.", name: "Olivier Mercier", title: "directeur général" },
      };
  }
}

/**
 * A convention of `templateId` on its usual territory, piloted by a bailleur with a confirmed état des lieux whose codes
 * designate the test's réservataires; every bailleur party has one too and accepts, so that the figures compute. Each
 * party then fills in its own signature block through the API, as its members would.
 */
/** The test's title for a convention of `templateId`: in words, since pages show it (ids are codes no one should read). */
function titleFor(templateId: string): string {
  return `Convention ${getTemplate(templateId)!.title} 2026 — réservation « en flux »`;
}

async function templateConvention(templateId: string) {
  const created: { kind: OrganisationKind; organisation: Organisation; user: User }[] = [];
  for (const [kind, name] of TEMPLATE_PARTIES[templateId]) created.push({ kind, ...(await reservataire(kind, name)) });
  const orgOf = (kind: OrganisationKind) => created.find((c) => c.kind === kind)?.organisation;
  const holders = demoHolders({ prefet: orgOf("prefet"), action_logement: orgOf("action_logement"), commune: orgOf("commune") });
  const pilot = await bailleurWithInventory(database, { name: `Habitat ${getTemplate(templateId)!.title}`, dwellings: 1_500, holders });
  const others = created.filter((c) => c.kind === "bailleur");
  for (const other of others) await importFor(database, other, { year: 2026, csv: demoInventoryCsv(800), holders });
  const id = await createConventionFromTemplate(database.db, { organisationId: pilot.organisation.id }, {
    templateId,
    title: titleFor(templateId),
    year: 2026,
    territory: TEMPLATE_TERRITORIES[templateId],
    startDate: "2026-01-01",
    parties: created.map((c) => ({ organisationId: c.organisation.id, role: "edition" as const })),
  });
  for (const other of others)
    await answerInvitation(database.db, t.server.collab, id, { userId: other.user.id, organisationId: other.organisation.id }, "accepter");
  const members = [{ kind: "bailleur" as OrganisationKind, ...pilot, form: PILOT_FORMS[templateId] }, ...created.map((c) => ({ ...c, form: c.kind === "bailleur" ? "coop_hlm" : undefined }))];
  for (const member of members) {
    const cookie = await cookieFor(database, member.user.id);
    const written = await api(t.base, cookie, "PUT", `/api/conventions/${id}/parties/${member.organisation.id}/signature-block`, blockFor(member.kind, member.organisation.name, member.form));
    expect(written.status, JSON.stringify(written.body)).toBe(200);
    expect(written.body.missing).toEqual([]);
  }
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

async function convertToPdf(files: string[]): Promise<string[]> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-lo-profile-"));
  try {
    await runOk("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", scratch, ...files], {
      timeout: 100_000,
    });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return files.map((file) => path.join(scratch, `${path.basename(file, ".docx")}.pdf`));
}

async function pageCount(pdf: string): Promise<number> {
  const info = await runOk("pdfinfo", [pdf]);
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** The lines of a PDF page as poppler lays them out: their text and vertical extent, in points from the top. */
async function pdfLines(pdf: string, page: number): Promise<{ text: string; yMin: number; yMax: number }[]> {
  const xml = await runOk("pdftotext", ["-f", String(page), "-l", String(page), "-bbox-layout", pdf, "-"]);
  return [...xml.matchAll(/<line xMin="[^"]+" yMin="([^"]+)" xMax="[^"]+" yMax="([^"]+)">([\s\S]*?)<\/line>/g)].map(([, yMin, yMax, words]) => ({
    yMin: Number(yMin),
    yMax: Number(yMax),
    text: [...words.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((word) => unescapeXml(word[1])).join(" "),
  }));
}

describe("DOCX export", () => {
  /** The exports converted to PDF at the end: file, cover title, and whether the State is a party. */
  const toConvert: { file: string; title: string; state: boolean }[] = [];

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
    toConvert.push({ file, title: "Convention de réservation en flux 2026 — Garonne Habitat Solidaire", state: true });
  });

  for (const templateId of Object.keys(TEMPLATE_PARTIES)) {
    it(`exports a convention from the « ${templateId} » template`, async () => {
      const { id, cookie } = await templateConvention(templateId);
      const { bytes, api: view } = await checkExport(id, cookie);
      const file = path.join(scratch, `${templateId}.docx`);
      fs.writeFileSync(file, bytes);
      toConvert.push({ file, title: titleFor(templateId), state: view.parties.some((party) => party.kind === "prefet") });
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

  it("renders the demo and every template with LibreOffice: pages, the cover title once and unbroken, the State « représenté par le préfet » on the signature pages", async () => {
    expect(toConvert.map((doc) => path.basename(doc.file))).toEqual(["demo.docx", ...Object.keys(TEMPLATE_PARTIES).map((id) => `${id}.docx`)]);
    const pdfs = await convertToPdf(toConvert.map((doc) => doc.file));
    const words = (text: string) => text.replace(/[\s\u00A0\u202F]+/g, " ").trim();
    const height = (line: { yMin: number; yMax: number }) => line.yMax - line.yMin;

    for (const [index, doc] of toConvert.entries()) {
      const pdf = pdfs[index];
      const name = path.basename(doc.file);
      const pages = await pageCount(pdf);
      // Cover, contents, visas to articles (about 7 pages), the annexes on their own pages, signatures.
      expect(pages, name).toBeGreaterThanOrEqual(9);
      expect(pages, name).toBeLessThanOrEqual(40);
      // Every page renders to an image (poppler, as a reader would display it).
      const images = fs.mkdtempSync(path.join(scratch, "pages-"));
      await runOk("pdftoppm", ["-png", "-r", "24", pdf, path.join(images, "page")]);
      const rendered = fs.readdirSync(images).filter((file) => file.endsWith(".png"));
      expect(rendered, name).toHaveLength(pages);
      for (const file of rendered) expect(fs.statSync(path.join(images, file)).size, `${name} ${file}`).toBeGreaterThan(100);

      // The running header repeats the title in small print: the cover's title is set in the tallest lines of page 1.
      // Together they are the title, once, broken between words only (pdftotext would show a split word as two).
      const lines = await pdfLines(pdf, 1);
      const tallest = Math.max(...lines.map(height));
      const title = lines.filter((line) => height(line) > tallest - 0.5);
      expect(words(title.map((line) => line.text).join(" ")), name).toBe(words(frenchText(doc.title)));
      // A line's box (the font's ascent and descent) is about 1.3 em high and single spacing puts the next line about
      // 1.15 em lower: the step from one top to the next is about 88 % of a box; an exact line height smaller than the
      // font (the overlap a juriste saw in LibreOffice) gave 51 %.
      for (let line = 1; line < title.length; line++) expect((title[line].yMin - title[line - 1].yMin) / height(title[line - 1]), name).toBeGreaterThan(0.8);

      // The signature pages: from the first "Signature et cachet" to the end, in poppler's reading order (each block of
      // the two columns whole). A word hyphenated at the end of a line comes out joined ("Haute-" + "Garonne" →
      // "HauteGaronne"): hyphens are left out on both sides of the comparison.
      const texts: string[] = [];
      for (let page = 1; page <= pages; page++) texts.push(words(await runOk("pdftotext", ["-f", String(page), "-l", String(page), pdf, "-"])));
      const first = texts.findIndex((text) => text.includes("Signature et cachet"));
      expect(first, name).toBeGreaterThan(0);
      const unhyphenated = (text: string) => words(text).replace(/[-\u2010\u2011]/g, "");
      const signatures = unhyphenated(texts.slice(first - 1).join(" "));
      expect(signatures.match(/Signature et cachet/g)?.length, name).toBeGreaterThanOrEqual(2);
      if (doc.state) {
        expect(signatures, name).toContain(unhyphenated("Pour l’État"));
        expect(signatures, name).toContain(unhyphenated("Pour le préfet de la Haute-Garonne et par délégation"));
        expect(signatures, name).toContain(
          unhyphenated("L’État, représenté par le préfet de la Haute-Garonne, et par délégation, Mme Nadia Ferrand, directrice départementale de l’emploi, du travail et des solidarités (arrêté n° 31-2025-09-01-00004 du 1er septembre 2025)"),
        );
      }
      // Blanks remain only for the place and the date, which are written at the signature.
      expect(signatures.replace(/Fait à …+, le …+/g, ""), name).not.toContain("…");
    }
  });
});
