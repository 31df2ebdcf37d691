// The état des lieux campaign and the view of a territory, over HTTP (docs/domain.md, "Deadlines of the yearly cycle"
// and "La vue du territoire"). The data live five years ahead, so that other test files sharing a PostgreSQL database
// (they work in 2026) never appear in these views, and so that a sending made today is before that year's 28 February.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { demoInventoryCsv } from "../../db/demo-inventory";
import { createOrganisation, createUser } from "../../db/factories";
import { etatDesLieuxEnvois } from "../../db/schema";
import type { OrganisationKind } from "../../app/lib/roles";
import { createConventionFromTemplate } from "../../app/models/convention.server";
import { demoHolders, importFor } from "../support/conventions";
import { dwellingsOfInventory, eventsCsv, generateEvents } from "../support/decompte-events";
import { openTestDb } from "../support/db";
import { cookieFor, startTestServer, type TestServer } from "../support/server";
import { api, type Json } from "./negotiation-support";

const YEAR = new Date().getFullYear() + 5;
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

async function member(kind: OrganisationKind, name: string, extra: { departement?: string; territoryCode?: string } = {}) {
  const organisation = await createOrganisation(database.db, { kind, name: `${name} ${randomUUID().slice(0, 4)}`, ...extra });
  const user = await createUser(database.db, { organisationId: organisation.id });
  return { organisation, user, cookie: await cookieFor(database, user.id) };
}

/** Rows of the demo generator's CSV whose réservataire column is `code`, counted independently of the product. */
function rowsWithCode(csv: string, code: string, communes?: Set<string>): number {
  return csv
    .trimEnd()
    .split("\r\n")
    .slice(1)
    .map((line) => line.split(";"))
    .filter((cells) => cells[1] === code && (!communes || communes.has(cells[4]))).length;
}

const METROPOLE_COMMUNES_OF_DEMO = new Set(["31555", "31069", "31149", "31557", "31044"]);

describe("état des lieux campaign and territory view", () => {
  it("sends the état des lieux to its réservataires, who read their own dwellings; the State, an EPCI and each party see their pairs", async () => {
    const ddets = await member("prefet", "DDETS de la Haute-Garonne", { departement: "31" });
    const ddetsGers = await member("prefet", "DDETS du Gers", { departement: "32" });
    const al = await member("action_logement", "Action Logement Services");
    const blagnac = await member("commune", "Ville de Blagnac", { departement: "31", territoryCode: "31069" });
    const metropole = await member("epci", "Toulouse Métropole", { departement: "31", territoryCode: "243100518" });
    const a = await member("bailleur", "Habitat Garonne");
    const b = await member("bailleur", "Logis Toulousain");
    const holders = demoHolders({ prefet: ddets.organisation, action_logement: al.organisation, commune: blagnac.organisation });
    const csvA = demoInventoryCsv(1_200);
    const importA = await importFor(database, a, { year: YEAR, csv: csvA, holders });
    const importB = await importFor(database, b, { year: YEAR, csv: demoInventoryCsv(600), holders });

    // A convention of A with the préfet, in negotiation, with a deadline already past.
    const conventionId = await createConventionFromTemplate(database.db, { organisationId: a.organisation.id }, {
      templateId: "prefectoral",
      title: `Contingent préfectoral ${YEAR}`,
      year: YEAR,
      territory: { departement: "31" },
      parties: [{ organisationId: ddets.organisation.id, role: "edition" }],
    });
    expect((await api(t.base, a.cookie, "POST", `/api/conventions/${conventionId}/status`, { status: "en_negociation" })).status).toBe(200);
    const negotiation = await api(t.base, a.cookie, "GET", `/api/conventions/${conventionId}/negotiation`);
    const option = negotiation.body.options[0].key;
    expect((await api(t.base, a.cookie, "POST", `/api/conventions/${conventionId}/deadlines`, { option, deadline: "2026-11-15" })).status).toBe(201);

    // A sends today, before 28 February of YEAR: on time. B sent in March: late.
    const sent = await api(t.base, a.cookie, "POST", `/api/inventories/${importA.id}/envois`, {});
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.recipients.map((r: Json) => r.id).sort()).toEqual([al.organisation.id, blagnac.organisation.id, ddets.organisation.id].sort());
    await database.db.insert(etatDesLieuxEnvois).values({ bailleurId: b.organisation.id, reservataireId: ddets.organisation.id, year: YEAR, importId: importB.id, sentBy: b.user.id, sentAt: new Date(`${YEAR}-03-02T10:00:00Z`) });
    // Only the bailleur sends, only its current état des lieux.
    expect((await api(t.base, ddets.cookie, "POST", `/api/inventories/${importA.id}/envois`, {})).status).toBe(403);
    expect((await api(t.base, b.cookie, "POST", `/api/inventories/${importA.id}/envois`, {})).status).toBe(404);

    // Action Logement reads what it was sent: its own dwellings only, counted here from the file itself.
    const page = await (await fetch(`${t.base}/etats-des-lieux-recus`, { headers: { cookie: al.cookie } })).text();
    expect(page).toContain(a.organisation.name);
    const envoiId = page.match(/\/etats-des-lieux-recus\/(\d+)\.csv/)?.[1];
    expect(envoiId).toBeTruthy();
    const csv = await fetch(`${t.base}/etats-des-lieux-recus/${envoiId}.csv`, { headers: { cookie: al.cookie } });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^Numéro RPLS;Commune/);
    expect(lines.length - 1).toBe(rowsWithCode(csvA, "al"));
    // Another organisation cannot read it.
    expect((await fetch(`${t.base}/etats-des-lieux-recus/${envoiId}.csv`, { headers: { cookie: blagnac.cookie } })).status).toBe(404);

    const view = async (cookie: string, query = "") => api(t.base, cookie, "GET", `/api/territoire?annee=${YEAR}${query}`);
    const pairOf = (body: Json, bailleurId: string, reservataireId: string) =>
      body.pairs.find((p: Json) => p.bailleur.id === bailleurId && p.reservataire.id === reservataireId);

    // The State sees every pair of its département.
    const state = await view(ddets.cookie);
    expect(state.status).toBe(200);
    expect(state.body.scope.label).toMatch(/Haute-Garonne/);
    const aPrefet = pairOf(state.body, a.organisation.id, ddets.organisation.id);
    expect(aPrefet.conventionState).toBe("en_negociation");
    expect(aPrefet.conventions).toEqual([expect.objectContaining({ id: conventionId, optionsWithoutConsensus: expect.any(Number), overdueDeadlines: 1 })]);
    expect(aPrefet.conventions[0].optionsWithoutConsensus).toBeGreaterThan(0);
    expect(aPrefet.reservedDwellings).toBe(rowsWithCode(csvA, "ddets-prio") + rowsWithCode(csvA, "ddets-fonct"));
    expect(aPrefet.envoi).toEqual({ status: "envoye_a_temps", sentOn: sent.body.sentOn });
    expect(pairOf(state.body, a.organisation.id, al.organisation.id)).toMatchObject({ conventionState: "aucune", reservedDwellings: rowsWithCode(csvA, "al") });
    expect(pairOf(state.body, b.organisation.id, ddets.organisation.id).envoi).toEqual({ status: "envoye_en_retard", sentOn: `${YEAR}-03-02` });
    expect(pairOf(state.body, b.organisation.id, al.organisation.id).envoi.sentOn).toBeNull();
    // Filters, and the export of what is shown.
    const withoutConvention = await view(ddets.cookie, "&convention=aucune");
    expect(withoutConvention.body.pairs.every((p: Json) => p.conventionState === "aucune")).toBe(true);
    expect(withoutConvention.body.pairs.length).toBeLessThan(state.body.pairs.length);
    const late = await view(ddets.cookie, `&envoi=envoye_en_retard&bailleur=${b.organisation.id}`);
    expect(late.body.pairs.map((p: Json) => p.reservataire.id)).toEqual([ddets.organisation.id]);
    const bad = await view(ddets.cookie, "&convention=signe");
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/convention/);
    const exported = await fetch(`${t.base}/territoire.csv?annee=${YEAR}&bailleur=${a.organisation.id}`, { headers: { cookie: ddets.cookie } });
    const rows = (await exported.text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(rows[0].split(";")[0]).toBe("Bailleur");
    expect(rows.length - 1).toBe(state.body.pairs.filter((p: Json) => p.bailleur.id === a.organisation.id).length);

    // The Gers' State sees nothing of Haute-Garonne.
    const gers = await view(ddetsGers.cookie);
    expect(gers.body.pairs.some((p: Json) => [a.organisation.id, b.organisation.id].includes(p.bailleur.id))).toBe(false);

    // The EPCI sees its territory: fewer dwellings than the département, the préfectoral convention touches it.
    const epci = await view(metropole.cookie);
    expect(epci.body.scope.label).toBe("Toulouse Métropole");
    const epciAl = pairOf(epci.body, a.organisation.id, al.organisation.id);
    expect(epciAl.reservedDwellings).toBe(rowsWithCode(csvA, "al", METROPOLE_COMMUNES_OF_DEMO));
    expect(epciAl.reservedDwellings).toBeLessThan(pairOf(state.body, a.organisation.id, al.organisation.id).reservedDwellings);

    // A bailleur sees only its own pairs; a réservataire only those where it is the réservataire.
    const own = await view(a.cookie);
    expect(own.body.pairs.length).toBeGreaterThan(0);
    expect(own.body.pairs.every((p: Json) => p.bailleur.id === a.organisation.id)).toBe(true);
    const alView = await view(al.cookie);
    expect(alView.body.pairs.every((p: Json) => p.reservataire.id === al.organisation.id)).toBe(true);
    expect(alView.body.pairs.map((p: Json) => p.bailleur.id).sort()).toEqual([a.organisation.id, b.organisation.id].sort());
    // Once A imports its events of the year, each pair shows the bilan of its convention: what the bilan says of that
    // réservataire's lines (the préfet's two lines together).
    expect(pairOf(state.body, a.organisation.id, ddets.organisation.id).bilan).toBeNull();
    const events = eventsCsv(generateEvents(dwellingsOfInventory(csvA), 300, 11, YEAR));
    const form = new FormData();
    form.set("year", String(YEAR));
    form.set("file", new Blob([events]), `evenements-${YEAR}.csv`);
    const imported = await fetch(`${t.base}/api/decomptes`, { method: "POST", headers: { cookie: a.cookie, origin: t.base }, body: form });
    expect(imported.status).toBe(201);
    const bilan = await api(t.base, ddets.cookie, "GET", `/api/conventions/${conventionId}/bilans/${YEAR}`);
    expect(bilan.status).toBe(200);
    const prefetLines = bilan.body.lines.filter((l: Json) => l.key.endsWith(`:${ddets.organisation.id}`));
    expect(prefetLines.length).toBe(2);
    const withBilan = pairOf((await view(ddets.cookie)).body, a.organisation.id, ddets.organisation.id);
    expect(withBilan.bilan).toEqual({
      objective: prefetLines.reduce((n: number, l: Json) => n + l.objective, 0),
      counted: prefetLines.reduce((n: number, l: Json) => n + l.counted, 0),
    });
    expect(withBilan.bilan.counted).toBeGreaterThan(0);

    // Without a session: 401.
    expect((await api(t.base, null, "GET", `/api/territoire?annee=${YEAR}`)).status).toBe(401);
  });
});
