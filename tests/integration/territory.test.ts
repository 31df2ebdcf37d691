// The convention's territory, over HTTP as an integration would drive it: two bailleurs import états des lieux that
// cover two départements (POST /api/inventories), conventions are created on a département, a commune and an EPCI
// (POST /api/conventions), and each bailleur's table of GET /api/conventions/:id must be what the CLI computes on the
// same file and territory, what the DOCX prints, and the same apportionment in every convention of that bailleur,
// territory and year (docs/domain.md, "Périmètre" and "Une répartition par bailleur").

import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { createOrganisation, createUser } from "../../db/factories";
import type { OrganisationKind } from "../../app/lib/roles";
import { mulberry32 } from "../../db/demo-inventory";
import { openTestDb } from "../support/db";
import { expectedFluxRows, fluxTablesOf, readDocx, type FluxView, type ViewLine } from "../support/docx-read";
import { cookieFor, startTestServer, type TestServer } from "../support/server";
import { run } from "../support/run";
import { api } from "./negotiation-support";

let database: DbHandle;
let t: TestServer;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-territory-"));

beforeAll(async () => {
  database = await openTestDb();
  t = await startTestServer(database);
});
afterAll(async () => {
  await t?.close();
  await database?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

// Communes of the files: three of Toulouse Métropole (SIREN 243100518), Muret outside it, and Auch in the Gers.
const COMMUNES = [
  { insee: "31555", departement: "31", epci: "243100518", weight: 0.4 }, // Toulouse
  { insee: "31069", departement: "31", epci: "243100518", weight: 0.15 }, // Blagnac
  { insee: "31149", departement: "31", epci: "243100518", weight: 0.15 }, // Colomiers
  { insee: "31395", departement: "31", epci: "200068864", weight: 0.15 }, // Muret
  { insee: "32013", departement: "32", epci: "200066926", weight: 0.15 }, // Auch
];
const EXCLUSIONS: [string, number][] = [
  ["", 0.9],
  ["Plan de vente", 0.03],
  ["Démolition programmée", 0.02],
  ["Logement étudiant", 0.02],
  ["Défense nationale", 0.01],
  ["Logement spécifique (foyer, résidence, IML)", 0.02],
];

function pick<T>(random: () => number, table: [T, number][]): T {
  let r = random();
  for (const [value, weight] of table) {
    if (r < weight) return value;
    r -= weight;
  }
  return table[table.length - 1][0];
}

/**
 * An état des lieux over both départements, with this test's own réservataire codes (`<tag>-prio`, `-fonct`, `-al`,
 * and `-bla` for Blagnac's guaranteed loans), so that the shared register of a département never interferes.
 */
function twoDepartementCsv(seed: number, count: number, tag: string, rates: Record<string, string>): string {
  const random = mulberry32(seed);
  const header =
    "Numéro RPLS;Réservataire;Département;EPCI;Commune (code INSEE);QPV;Typologie;Financement;Collectif/individuel;Taux de rotation du bailleur;Taux de rotation du parc ex-réservataire;Date de début de convention;Date de fin de convention;Motif d'exclusion";
  const lines = [header];
  for (let i = 1; i <= count; i++) {
    const commune = pick(random, COMMUNES.map((c) => [c, c.weight] as [typeof c, number]));
    let code = pick(random, [[`${tag}-prio`, 0.2], [`${tag}-fonct`, 0.05], [`${tag}-al`, 0.25], ["", 0.5]] as [string, number][]);
    if (commune.insee === "31069" && code === "" && random() < 0.5) code = `${tag}-bla`;
    lines.push(
      [
        `${String(seed).slice(0, 2)}${commune.departement}${String(i).padStart(6, "0")}`,
        code,
        commune.departement,
        commune.epci,
        commune.insee,
        random() < 0.15 ? "oui" : "non",
        pick(random, [["T1", 0.1], ["T2", 0.3], ["T3", 0.35], ["T4", 0.2], ["T5", 0.05]] as [string, number][]),
        pick(random, [["PLAI", 0.25], ["PLUS", 0.6], ["PLS", 0.15]] as [string, number][]),
        random() < 0.85 ? "collectif" : "individuel",
        rates[commune.departement],
        "",
        code ? "01/01/2018" : "",
        code ? "31/12/2033" : "",
        pick(random, EXCLUSIONS),
      ].join(";"),
    );
  }
  return lines.join("\r\n") + "\r\n";
}

async function member(kind: OrganisationKind, name: string, extra: { departement?: string; territoryCode?: string } = {}) {
  const organisation = await createOrganisation(database.db, { kind, name, ...extra });
  const user = await createUser(database.db, { organisationId: organisation.id, name: `Signataire ${name}`, title: "Directeur" });
  return { organisation, user, cookie: await cookieFor(database, user.id) };
}

async function importInventory(cookie: string, csv: string, decisions: Record<string, unknown>) {
  const form = new FormData();
  form.set("year", "2026");
  form.set("file", new Blob([csv]), "etat-des-lieux-2026.csv");
  form.set("decisions", JSON.stringify(decisions));
  const response = await fetch(`${t.base}/api/inventories`, { method: "POST", headers: { cookie, origin: t.base }, body: form });
  return { status: response.status, body: await response.json() };
}

interface TableView {
  bailleur: { id: string; name: string };
  territory: { key: string };
  perimeter: { dwellings: number; assiette: number };
  scenario: { rotationRate?: string; deductions: unknown; reservataires: { id: string; kind: string; share?: string }[] } & Record<string, unknown>;
  result: { flux: string; fluxRounded: number; lines: { id: string; share: string; volume: string; rounded: number }[] } & Record<string, unknown>;
  lines: ViewLine[];
}

interface ConventionView {
  territory: { key: string; label: string };
  unresolvedVariables: string[];
  flux: Omit<FluxView, "tables"> & { tables: TableView[]; scenario: unknown; result: unknown };
}

/**
 * Runs the real CLI on the bailleur's file and the convention's territory, with the table's own rate, deductions and
 * lines (each line counting the codes that designate it), and returns its stdout.
 */
async function cli(csv: string, territory: unknown, table: TableView, codesOf: (lineId: string) => string[]) {
  const file = path.join(tmp, `${randomUUID()}.csv`);
  const params = path.join(tmp, `${randomUUID()}.json`);
  fs.writeFileSync(file, csv);
  const { assiette: _assiette, ...scenario } = table.scenario;
  const reservataires = scenario.reservataires.map(({ reserved: _reserved, ...line }: { reserved?: number } & TableView["scenario"]["reservataires"][number]) => ({
    ...line,
    ...(line.share === undefined ? { codes: codesOf(line.id) } : {}),
  }));
  fs.writeFileSync(params, JSON.stringify({ ...scenario, reservataires, territory }));
  const p = await run("npm", ["run", "-s", "flux", "--", "--inventory", file, "--params", params]);
  expect(p.status, p.stderr).toBe(0);
  return JSON.parse(p.stdout) as TableView["result"] & { perimeter: { territory: unknown; dwellings: number; assiette: number } };
}

describe("figures on the convention's territory, one apportionment per bailleur", () => {
  it("computes each convention on its territory and each bailleur's own file, as the CLI does, and the DOCX prints it", async () => {
    const tag = `t${randomUUID().slice(0, 6)}`;
    const prefet31 = await member("prefet", "Préfecture de la Haute-Garonne", { departement: "31" });
    const prefet32 = await member("prefet", "Préfecture du Gers", { departement: "32" });
    const al = await member("action_logement", "Action Logement Services");
    const blagnac = await member("commune", "Ville de Blagnac", { territoryCode: "31069" });
    const metropole = await member("epci", "Toulouse Métropole", { territoryCode: "243100518" });
    const bailleurA = await member("bailleur", `Habitat Garonne ${tag}`);
    const bailleurB = await member("bailleur", `Logis d'Occitanie ${tag}`);

    // Each code designates an organisation of its département: the same code in the Gers is the Gers' préfet.
    const decisions: Record<string, unknown> = {};
    for (const [departement, prefet] of [["31", prefet31], ["32", prefet32]] as const) {
      decisions[`${departement}|${tag}-prio`] = { organisationId: prefet.organisation.id, kind: "prefet_prioritaires" };
      decisions[`${departement}|${tag}-fonct`] = { organisationId: prefet.organisation.id, kind: "prefet_fonctionnaires" };
      decisions[`${departement}|${tag}-al`] = { organisationId: al.organisation.id, kind: "action_logement" };
    }
    decisions[`31|${tag}-bla`] = { organisationId: blagnac.organisation.id, kind: "commune" };
    const files = {
      [bailleurA.organisation.id]: twoDepartementCsv(31, 2_400, tag, { "31": "0,082", "32": "0,095" }),
      [bailleurB.organisation.id]: twoDepartementCsv(47, 1_300, tag, { "31": "0,07", "32": "0,1" }),
    };
    // Without an answer for its codes, an import is refused whole with the codes to decide, and nothing is stored.
    const refused = await importInventory(bailleurA.cookie, files[bailleurA.organisation.id], {});
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("CODES_INCONNUS");
    expect(refused.body.errors.map((e: { code: string }) => e.code)).toContain(`32|${tag}-prio`);
    for (const b of [bailleurA, bailleurB]) {
      const imported = await importInventory(b.cookie, files[b.organisation.id], decisions);
      expect(imported.status, JSON.stringify(imported.body)).toBe(201);
      expect(Object.keys(imported.body.departements).sort()).toEqual(["31", "32"]);
    }

    const create = async (cookie: string, body: unknown) => {
      const response = await api<{ id: string }>(t.base, cookie, "POST", "/api/conventions", body);
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body.id;
    };
    const territories = {
      prefectoral: { departement: "31" },
      "action-logement": { departement: "31" },
      collectivites: { communes: ["31069"] },
      "epci-multipartite": { epci: "243100518" },
    } as const;
    const ids: Record<keyof typeof territories, string> = {
      prefectoral: await create(bailleurA.cookie, {
        templateId: "prefectoral",
        title: "Contingent préfectoral 2026",
        year: 2026,
        territory: territories.prefectoral,
        parties: [{ organisationId: prefet31.organisation.id, role: "edition" }],
      }),
      "action-logement": await create(bailleurA.cookie, {
        templateId: "action-logement",
        title: "Action Logement 2026",
        year: 2026,
        territory: territories["action-logement"],
        parties: [{ organisationId: al.organisation.id, role: "edition" }],
      }),
      collectivites: await create(bailleurA.cookie, {
        templateId: "collectivites",
        title: "Contingent de Blagnac 2026",
        year: 2026,
        territory: territories.collectivites,
        parties: [{ organisationId: blagnac.organisation.id, role: "edition" }],
      }),
      "epci-multipartite": await create(bailleurA.cookie, {
        templateId: "epci-multipartite",
        title: "Convention intercommunale de Toulouse Métropole 2026",
        year: 2026,
        territory: territories["epci-multipartite"],
        parties: [
          { organisationId: metropole.organisation.id, role: "edition" },
          { organisationId: prefet31.organisation.id, role: "edition" },
          { organisationId: al.organisation.id, role: "edition" },
          { organisationId: bailleurB.organisation.id, role: "edition" },
        ],
      }),
    };
    // The other bailleur's inventory enters the multipartite convention once it accepts.
    const accepted = await api(t.base, bailleurB.cookie, "POST", `/api/conventions/${ids["epci-multipartite"]}/invitation`, { decision: "accepter" });
    expect(accepted.status).toBe(200);

    const read = async (id: string) => (await api<ConventionView>(t.base, bailleurA.cookie, "GET", `/api/conventions/${id}`)).body;
    const codeOwner: Record<string, string> = {
      [`${tag}-prio`]: `prefet_prioritaires:${prefet31.organisation.id}`,
      [`${tag}-fonct`]: `prefet_fonctionnaires:${prefet31.organisation.id}`,
      [`${tag}-al`]: `action_logement:${al.organisation.id}`,
      [`${tag}-bla`]: `commune:${blagnac.organisation.id}`,
    };
    const codesOf = (lineId: string) => {
      const codes = Object.entries(codeOwner).filter(([, key]) => key === lineId).map(([code]) => code);
      return codes.length > 0 ? codes : [`${tag}-aucun`];
    };

    const views = {} as Record<keyof typeof territories, ConventionView>;
    for (const [template, id] of Object.entries(ids) as [keyof typeof territories, string][]) {
      const view = await read(id);
      views[template] = view;
      expect(view.unresolvedVariables, template).toEqual([]);
      const expectedBailleurs = template === "epci-multipartite" ? [bailleurA, bailleurB] : [bailleurA];
      expect(view.flux.tables.map((table) => table.bailleur.id)).toEqual(expectedBailleurs.map((b) => b.organisation.id));
      for (const table of view.flux.tables) {
        expect(table.result, `${template}: ${table.bailleur.name}`).not.toBeNull();
        // The CLI on the same file and territory gives the same result, and counts the same rows.
        const out = await cli(files[table.bailleur.id], territories[template], table, codesOf);
        const { perimeter, warnings: _w, ...cliResult } = out as typeof out & { warnings?: unknown };
        const { warnings: _w2, ...apiResult } = table.result as typeof table.result & { warnings?: unknown };
        expect(cliResult, `${template}: ${table.bailleur.name}`).toEqual(apiResult);
        expect(perimeter).toEqual({ territory: territories[template], dwellings: table.perimeter.dwellings, assiette: table.perimeter.assiette });
        // Each bailleur's non réservé names that bailleur alone.
        const own = table.lines.find((line) => line.kind === "bailleur")!;
        expect(own.label).toBe(`Non réservé — ${table.bailleur.name}`);
      }
      // The DOCX prints those tables.
      const response = await fetch(`${t.base}/conventions/${id}/export.docx`, { headers: { cookie: bailleurA.cookie } });
      expect(response.status).toBe(200);
      const docx = await readDocx(new Uint8Array(await response.arrayBuffer()));
      const printed = fluxTablesOf(docx.document);
      expect(printed.length, template).toBeGreaterThan(0);
      for (const table of printed) expect(table.rows.slice(1)).toEqual(expectedFluxRows(view.flux));
    }

    // Perimeters: Blagnac is inside the Métropole, which is inside the département; the Gers' rows count nowhere here.
    const dwellingsOf = (template: keyof typeof territories) => views[template].flux.tables[0].perimeter.dwellings;
    expect(dwellingsOf("collectivites")).toBeLessThan(dwellingsOf("epci-multipartite"));
    expect(dwellingsOf("epci-multipartite")).toBeLessThan(dwellingsOf("prefectoral"));
    const rowsOf31 = files[bailleurA.organisation.id].split("\r\n").filter((row) => row.split(";")[2] === "31").length;
    expect(dwellingsOf("prefectoral")).toBe(rowsOf31);

    // One apportionment per bailleur × territory × year: the préfectoral and Action Logement conventions of the same
    // bailleur on the département agree line by line, whoever is a party.
    expect(views["action-logement"].flux.tables[0].result.lines).toEqual(views.prefectoral.flux.tables[0].result.lines);
    const alLine = (view: ConventionView) => view.flux.tables[0].lines.find((line) => line.kind === "action_logement")!;
    const prefetLine = (view: ConventionView) => view.flux.tables[0].lines.find((line) => line.kind === "prefet_fonctionnaires")!;
    expect(alLine(views["action-logement"]).rounded).toBe(
      views.prefectoral.flux.tables[0].result.lines.find((line) => line.id === `action_logement:${al.organisation.id}`)!.rounded,
    );
    // A bilateral convention shows its réservataire, the others together and the bailleur's non réservé.
    expect(views.prefectoral.flux.tables[0].lines.map((line) => line.kind)).toEqual(["prefet_prioritaires", "prefet_fonctionnaires", "autres", "bailleur"]);
    expect(prefetLine(views.prefectoral).label).toBe("Préfecture de la Haute-Garonne — agents de l'État");

    // The multipartite convention: one table per bailleur and their sum, line by line.
    const multi = views["epci-multipartite"].flux;
    expect(multi.consolidated).not.toBeNull();
    const sum = (key: string) => multi.tables.reduce((total, table) => total + (table.lines.find((line) => line.key === key)?.rounded ?? 0), 0);
    for (const line of multi.consolidated!.lines) if (line.kind !== "bailleur") expect(line.rounded, line.label).toBe(sum(line.key));
    expect(multi.consolidated!.fluxRounded).toBe(multi.tables.reduce((total, table) => total + table.result.fluxRounded, 0));
  });

  it("refuses a territory that does not exist, and a template on the wrong kind of territory, in French per field", async () => {
    const bailleur = await member("bailleur", `Habitat ${randomUUID().slice(0, 6)}`);
    const prefet = await member("prefet", "Préfecture de la Haute-Garonne", { departement: "31" });
    const body = (territory: unknown, templateId = "prefectoral") => ({
      templateId,
      title: "Convention",
      year: 2026,
      territory,
      parties: [{ organisationId: prefet.organisation.id, role: "edition" }],
    });
    const unknown = await api<{ errors: { field: string; message: string }[] }>(t.base, bailleur.cookie, "POST", "/api/conventions", body({ epci: "999999999" }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.find((e) => e.field.startsWith("territory"))?.message).toMatch(/EPCI|introuvable|inconnu/i);
    const missing = await api<{ errors: { field: string; message: string }[] }>(t.base, bailleur.cookie, "POST", "/api/conventions", { ...body(undefined), territory: undefined });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.some((e) => e.field.startsWith("territory"))).toBe(true);
    const list = await api<unknown[]>(t.base, bailleur.cookie, "GET", "/api/conventions");
    expect(list.body).toEqual([]);
  });
});
