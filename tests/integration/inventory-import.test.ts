import fs from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { createConvention, createMember } from "../../db/factories";
import { createConventionFromTemplate } from "../../app/models/convention.server";
import { importFor } from "../support/conventions";
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
  it("reads a Windows-1252, semicolon, decimal-comma CSV, stores it whole, and shows it for confirmation", async () => {
    const { organisation, user } = await createMember(database.db, "bailleur");
    const cookie = await cookieFor(database, user.id);
    const r = await upload(cookie, "etat-des-lieux.csv", fixture("valide-windows-1252.csv"));
    expect(r.status).toBe(303);
    const preview = r.headers.get("location")!;
    expect(preview).toMatch(/^\/inventaires\/[0-9a-f-]{36}$/);
    const html = await (await fetch(t.base + preview, { headers: { cookie } })).text();
    expect(html).toContain("Vérifier l&#x27;état des lieux avant de le confirmer");
    // The file's codes are unknown to this département's register: the preview asks whom each designates before confirming.
    expect(html).toContain("Enregistrer les rattachements et confirmer l&#x27;import");
    for (const code of ["ddets-prio", "ddets-fonct", "al"]) expect(html).toContain(code);
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

  it("is for bailleurs only; a confirmed import reaches the bailleur's open conventions at once; the next one waits for its preview to be confirmed; an earlier one can be made current again", async () => {
    const prefet = await createMember(database.db, "prefet");
    const denied = await upload(await cookieFor(database, prefet.user.id), "x.csv", fixture("valide-windows-1252.csv"));
    expect(denied.status).toBe(403);

    const bailleur = await createMember(database.db, "bailleur");
    const al = await createMember(database.db, "action_logement");
    const id = await createConventionFromTemplate(database.db, { organisationId: bailleur.organisation.id }, {
      templateId: "action-logement",
      title: "Convention Action Logement",
      year: 2026,
      territory: { departement: "31" },
      parties: [{ organisationId: al.organisation.id, role: "edition" }],
    });
    const cookie = await cookieFor(database, bailleur.user.id);
    // An open browser sees the new inventory at once, through the server's mirror in the document.
    const watcher = connectClient(t.base, id, cookie);
    try {
      expect(await until(() => watcher.provider.synced)).toBe(true);
      const counted = () => (watcher.doc.getMap(DOC_KEYS.flux).get("inputs") as { bailleurs: { counts: { dwellings: number } | null }[] }).bailleurs[0].counts;
      expect(counted()).toBeNull();
      const ok = await upload(cookie, "edl.csv", fixture("valide-windows-1252.csv"));
      expect(ok.status).toBe(303);
      const importId = ok.headers.get("location")!.split("/").pop()!;
      // Waiting for confirmation: no convention changed.
      expect((await loadServerData(database.db, id))?.flux?.bailleurs[0].status).toBe("sans_etat_des_lieux");
      const form = new URLSearchParams({ intent: "confirmer" });
      for (const code of ["ddets-prio", "ddets-fonct", "toulouse"]) form.set(`decision.31|${code}`, "non_reserve");
      form.set("decision.31|al", `${al.organisation.id}|action_logement`);
      const confirmed = await fetch(`${t.base}/inventaires/${importId}`, { method: "POST", headers: { cookie, origin: t.base, "content-type": "application/x-www-form-urlencoded" }, body: form, redirect: "manual" });
      expect(confirmed.status).toBe(303);
      const server = await loadServerData(database.db, id);
      expect(server?.flux?.bailleurs[0].inventory?.fileName).toBe("edl.csv");
      expect(server?.flux?.bailleurs[0].counts?.dwellings).toBe((await stored(bailleur.organisation.id)).dwellings);
      expect(await until(() => counted()?.dwellings === server?.flux?.bailleurs[0].counts?.dwellings)).toBe(true);
      const first = server!.flux!.bailleurs[0].counts!.dwellings;

      // A second état des lieux of the year (its first five dwellings): the preview names the convention with its
      // figures before → after, and nothing moves until it is confirmed.
      const rows = Buffer.from(fixture("valide-windows-1252.csv")).toString("latin1").split("\r\n");
      const smaller = new Uint8Array(Buffer.from(`${rows.slice(0, 6).join("\r\n")}\r\n`, "latin1"));
      const again = await upload(cookie, "edl-2.csv", smaller);
      expect(again.status).toBe(303);
      const secondId = again.headers.get("location")!.split("/").pop()!;
      const preview = await (await fetch(`${t.base}/inventaires/${secondId}`, { headers: { cookie } })).text();
      expect(preview).toContain("Conventions que cet import modifierait");
      expect(preview).toContain("Convention Action Logement");
      expect((await loadServerData(database.db, id))?.flux?.bailleurs[0].counts?.dwellings).toBe(first);
      const confirmSecond = new URLSearchParams(form);
      const secondConfirmed = await fetch(`${t.base}/inventaires/${secondId}`, { method: "POST", headers: { cookie, origin: t.base, "content-type": "application/x-www-form-urlencoded" }, body: confirmSecond, redirect: "manual" });
      expect(secondConfirmed.status).toBe(303);
      const second = (await loadServerData(database.db, id))!.flux!.bailleurs[0];
      expect(second.inventory?.fileName).toBe("edl-2.csv");
      expect(second.counts!.dwellings).toBeLessThan(first);

      // The first import made current again (a new forward change): the figures are the first ones, in the open page too.
      const restored = await fetch(`${t.base}/inventaires/${importId}`, {
        method: "POST",
        headers: { cookie, origin: t.base, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "retablir" }),
        redirect: "manual",
      });
      expect(restored.status).toBe(303);
      const back = (await loadServerData(database.db, id))!.flux!.bailleurs[0];
      expect(back.inventory?.fileName).toBe("edl.csv");
      expect(back.counts!.dwellings).toBe(first);
      expect(await until(() => counted()?.dwellings === first)).toBe(true);
    } finally {
      watcher.destroy();
    }
  });

  it("counts each bailleur of a convention on its own inventory: another bailleur's import never replaces it", async () => {
    const pilot = await createMember(database.db, "bailleur");
    const second = await createMember(database.db, "bailleur");
    const convention = await createConvention(database.db, {
      year: 2026,
      templateId: "epci-multipartite",
      pilotOrganisationId: pilot.organisation.id,
      parties: [
        { organisationId: pilot.organisation.id, role: "edition" },
        { organisationId: second.organisation.id, role: "edition" },
      ],
    });
    await importFor(database, pilot, { year: 2026, csv: new TextDecoder("windows-1252").decode(fixture("valide-windows-1252.csv")), holders: {}, fileName: "pilote.csv" });
    await importFor(database, second, { year: 2026, csv: new TextDecoder().decode(fixture("valide-utf8-bom.csv")).replace(/^\uFEFF/, ""), holders: {}, fileName: "second.csv" });
    const inputs = (await loadServerData(database.db, convention.id))?.flux;
    expect(inputs?.bailleurs.map((b) => [b.name, b.inventory?.fileName])).toEqual([
      [pilot.organisation.name, "pilote.csv"],
      [second.organisation.name, "second.csv"],
    ]);
  });
});
