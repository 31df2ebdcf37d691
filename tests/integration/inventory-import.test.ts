import fs from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { createConvention, createMember } from "../../db/factories";
import { inventoryDwellings, inventoryImports } from "../../db/schema";
import { DOC_KEYS } from "../../app/domain/convention/state";
import { openTestDb } from "../support/db";
import { loadServerData } from "../../app/models/convention-data.server";
import { connectClient, cookieFor, startTestServer, until, type TestServer } from "../support/server";

const FIXTURES = path.resolve("tests/fixtures/inventory");
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

async function upload(cookie: string, fileName: string, bytes: Uint8Array, year = "2026") {
  const form = new FormData();
  form.set("year", year);
  form.set("file", new Blob([new Uint8Array(bytes)]), fileName);
  return fetch(`${t.base}/inventaires`, { method: "POST", headers: { cookie, origin: t.base }, body: form, redirect: "manual" });
}

async function stored(organisationId: string) {
  const [imports] = await database.db.select({ n: count() }).from(inventoryImports).where(eq(inventoryImports.organisationId, organisationId));
  const [dwellings] = await database.db
    .select({ n: count() })
    .from(inventoryDwellings)
    .innerJoin(inventoryImports, eq(inventoryImports.id, inventoryDwellings.importId))
    .where(eq(inventoryImports.organisationId, organisationId));
  return { imports: Number(imports.n), dwellings: Number(dwellings.n) };
}

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));

describe("inventory import screen", () => {
  it("imports a Windows-1252, semicolon, decimal-comma CSV and stores rows and aggregates", async () => {
    const { organisation, user } = await createMember(database.db, "bailleur");
    const cookie = await cookieFor(database, user.id);
    const r = await upload(cookie, "etat-des-lieux.csv", fixture("valide-windows-1252.csv"));
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain("Import réussi");
    const s = await stored(organisation.id);
    expect(s.imports).toBe(1);
    expect(s.dwellings).toBeGreaterThan(0);
    const [imp] = await database.db.select().from(inventoryImports).where(eq(inventoryImports.organisationId, organisation.id));
    expect(imp.rowCount).toBe(s.dwellings);
    expect((imp.aggregates as { dwellings: number }).dwellings).toBe(s.dwellings);
  });

  for (const [name, expected] of [
    ["colonne-manquante.csv", "Typologie"],
    ["date-invalide.csv", "31/02/2033"],
    ["rpls-en-double.csv", "0310000001"],
    ["vide.csv", ""],
    ["binaire.csv", ""],
    ["en-tete-seul.csv", ""],
    ["valeurs-invalides.csv", ""],
  ] as const) {
    it(`refuses ${name} with a French message and stores nothing`, async () => {
      const { organisation, user } = await createMember(database.db, "bailleur");
      const r = await upload(await cookieFor(database, user.id), name, fixture(name));
      expect(r.status).toBe(422);
      const html = await r.text();
      expect(html).toContain("Import refusé : rien n&#x27;a été enregistré");
      if (expected) expect(html).toContain(expected);
      expect(await stored(organisation.id)).toEqual({ imports: 0, dwellings: 0 });
    });
  }

  it("refuses a 0-byte upload and a file over 50 Mo", async () => {
    const { organisation, user } = await createMember(database.db, "bailleur");
    const cookie = await cookieFor(database, user.id);
    const empty = await upload(cookie, "vide.csv", new Uint8Array(0));
    expect(empty.status).toBe(422);
    expect(await empty.text()).toMatch(/vide/);
    const big = new Uint8Array(50 * 1024 * 1024 + 10).fill(0x41);
    const tooBig = await upload(cookie, "enorme.csv", big);
    expect(tooBig.status).toBe(413);
    expect(await tooBig.text()).toContain("dépasse la taille maximale de 50 Mo");
    expect(await stored(organisation.id)).toEqual({ imports: 0, dwellings: 0 });
  });

  it("is for bailleurs only, and pushes the aggregates into the bailleur's conventions of that year", async () => {
    const prefet = await createMember(database.db, "prefet");
    const denied = await upload(await cookieFor(database, prefet.user.id), "x.csv", fixture("valide-windows-1252.csv"));
    expect(denied.status).toBe(403);

    const bailleur = await createMember(database.db, "bailleur");
    const convention = await createConvention(database.db, {
      year: 2026,
      pilotOrganisationId: bailleur.organisation.id,
      parties: [
        { organisationId: bailleur.organisation.id, role: "edition" },
        { organisationId: prefet.organisation.id, role: "edition" },
      ],
    });
    const cookie = await cookieFor(database, bailleur.user.id);
    // An open browser sees the new inventory at once, through the server's mirror in the document.
    const watcher = connectClient(t.base, convention.id, cookie);
    try {
      expect(await until(() => watcher.provider.synced)).toBe(true);
      const ok = await upload(cookie, "edl.csv", fixture("valide-windows-1252.csv"));
      expect(ok.status).toBe(200);
      const server = await loadServerData(database.db, convention.id);
      expect(server?.inventory?.year).toBe(2026);
      expect(server?.inventory?.fileName).toBe("edl.csv");
      expect(server?.inventory?.aggregates.dwellings).toBe((await stored(bailleur.organisation.id)).dwellings);
      expect(await until(() => watcher.doc.getMap(DOC_KEYS.inventory).get("fileName") === "edl.csv")).toBe(true);
    } finally {
      watcher.destroy();
    }
  });

  it("leaves a convention's reference inventory alone when another bailleur party imports its own", async () => {
    const pilot = await createMember(database.db, "bailleur");
    const second = await createMember(database.db, "bailleur");
    const convention = await createConvention(database.db, {
      year: 2026,
      pilotOrganisationId: pilot.organisation.id,
      parties: [
        { organisationId: pilot.organisation.id, role: "edition" },
        { organisationId: second.organisation.id, role: "edition" },
      ],
    });
    expect((await upload(await cookieFor(database, pilot.user.id), "pilote.csv", fixture("valide-windows-1252.csv"))).status).toBe(200);
    expect((await upload(await cookieFor(database, second.user.id), "second.csv", fixture("valide-utf8-bom.csv"))).status).toBe(200);
    expect((await loadServerData(database.db, convention.id))?.inventory?.fileName).toBe("pilote.csv");
  });
});
