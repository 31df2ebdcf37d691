// Integrity of a convention, tried the way an adversarial party would: with real sockets and real HTTP, no function
// calls. What the server owns cannot be forged, what clients write is checked with the template of the database row,
// a signed convention does not move, and a bailleur's inventory enters a convention only with its consent.
import { eq } from "drizzle-orm";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOC_KEYS, SERVER_OWNED_KEYS } from "../../app/domain/convention/state";
import { createConventionFromTemplate } from "../../app/models/convention.server";
import type { DbHandle } from "../../db/client";
import { demoInventoryCsv } from "../../db/demo-inventory";
import { createMember } from "../../db/factories";
import { auditEvents } from "../../db/schema";
import { drizzleDocumentStore } from "../../server/collab/store";
import { bailleurWithInventory, demoHolders } from "../support/conventions";
import { openTestDb } from "../support/db";
import { connectClient, cookieFor, startTestServer, until, type TestClient, type TestServer } from "../support/server";
import { api, negotiationFixture, signThroughApi, type Json } from "./negotiation-support";

let database: DbHandle;
let t: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  database = await openTestDb();
  t = await startTestServer(database, { collab: { flushDelayMs: 5, writeBatchMs: 5 } });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await t?.close();
  await database?.close();
});

function client(id: string, cookie: string) {
  const c = connectClient(t.base, id, cookie);
  clients.push(c);
  return c;
}

/** The document as the database holds it (every stored row applied), not as any room has it in memory. */
async function storedDoc(id: string): Promise<Y.Doc> {
  const { updates } = await drizzleDocumentStore(database.db).load(id);
  const doc = new Y.Doc();
  if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return doc;
}

async function exportBytes(id: string, cookie: string): Promise<Buffer> {
  const r = await fetch(`${t.base}/conventions/${id}/export.docx`, { headers: { cookie } });
  expect(r.status).toBe(200);
  return Buffer.from(await r.arrayBuffer());
}

async function readApi(id: string, cookie: string): Promise<Json> {
  const r = await api(t.base, cookie, "GET", `/api/conventions/${id}`);
  expect(r.status).toBe(200);
  return r.body;
}

const json = (map: Y.Map<unknown>) => JSON.stringify(map.toJSON());

/** What a forging client writes into each server-owned type. */
const FORGERIES: Record<(typeof SERVER_OWNED_KEYS)[number], (map: Y.Map<unknown>) => void> = {
  meta: (map) => {
    map.set("templateId", "zzz");
    map.set("year", 1999);
  },
  flux: (map) => {
    const inputs = structuredClone(map.get("inputs") as Json);
    inputs.bailleurs[0].counts.classes.flux.dwellings = 999_999;
    for (const key of Object.keys(inputs.bailleurs[0].counts.classes.flux.reserved)) inputs.bailleurs[0].counts.classes.flux.reserved[key] = 1;
    map.set("inputs", inputs);
  },
  refusals: (map) => map.set("forged", { path: "forged", message: "faux", userId: null, at: "2026-01-01T00:00:00Z" }),
  server: (map) => {
    map.set("status", "signee");
    map.set("parties", []);
  },
  negotiation: (map) => map.set("rev", "forged"),
};

describe("server-owned data", () => {
  it("puts back a client's write to any server-owned key at once; the database, the read API and the DOCX never see it", async () => {
    const f = await negotiationFixture(database, { inventory: true });
    const id = f.conventionId;
    const watcher = client(id, f.cookies.bailleur);
    const rogue = client(id, f.cookies.al);
    expect(await until(() => watcher.provider.synced && rogue.provider.synced)).toBe(true);
    const apiBefore = await readApi(id, f.cookies.bailleur);
    const docxBefore = await exportBytes(id, f.cookies.bailleur);
    for (const key of SERVER_OWNED_KEYS) {
      const before = json(watcher.doc.getMap(key));
      let seenForged = false;
      const spy = () => {
        if (json(watcher.doc.getMap(key)) !== before) seenForged = true;
      };
      watcher.doc.getMap(key).observe(spy);
      rogue.doc.transact(() => FORGERIES[key](rogue.doc.getMap(key)));
      // The forger's own document is corrected, and a refusal names what it tried (in the refusals map itself, the
      // server's new entry is the only difference).
      const putBack = () => (key === "refusals" ? !rogue.doc.getMap(key).has("forged") : json(rogue.doc.getMap(key)) === before);
      expect(await until(putBack), `${key} put back for the forger`).toBe(true);
      expect(await until(() => rogue.doc.getMap(DOC_KEYS.refusals).has(`serveur.${key}`)), `${key} refusal`).toBe(true);
      const refusal = rogue.doc.getMap(DOC_KEYS.refusals).get(`serveur.${key}`) as { message: string };
      expect(refusal.message).toMatch(/tenu par le serveur|c'est le serveur/);
      // Another client never saw the forged value: the update and its correction arrive as one.
      await until(() => watcher.doc.getMap(DOC_KEYS.refusals).has(`serveur.${key}`));
      watcher.doc.getMap(key).unobserve(spy);
      if (key === "refusals") expect(watcher.doc.getMap(key).has("forged")).toBe(false);
      else {
        expect(seenForged, `${key} seen forged by another client`).toBe(false);
        expect(json(watcher.doc.getMap(key))).toBe(before);
      }
    }
    // The database holds the server's values.
    expect(await until(async () => (await storedDoc(id)).getMap(DOC_KEYS.negotiation).get("rev") !== "forged")).toBe(true);
    const stored = await storedDoc(id);
    expect(stored.getMap(DOC_KEYS.meta).get("templateId")).toBe("epci-multipartite");
    expect((stored.getMap(DOC_KEYS.flux).get("inputs") as Json).bailleurs[0].counts.classes.flux.dwellings).toBe(apiBefore.flux.scenario.assiette);
    expect(stored.getMap(DOC_KEYS.server).get("status")).toBe("brouillon");
    // Figures, template and options of the read API, and the bytes of the DOCX, are unchanged.
    const apiAfter = await readApi(id, f.cookies.bailleur);
    expect(apiAfter.flux).toEqual(apiBefore.flux);
    expect(apiAfter.template).toEqual(apiBefore.template);
    expect(apiAfter.options).toEqual(apiBefore.options);
    expect((await exportBytes(id, f.cookies.bailleur)).equals(docxBefore)).toBe(true);
  });

  it("a forged template id cannot remove the options nor ease the status guard", async () => {
    const f = await negotiationFixture(database, { inventory: true });
    const id = f.conventionId;
    const rogue = client(id, f.cookies.al);
    expect(await until(() => rogue.provider.synced)).toBe(true);
    const optionsBefore = (await readApi(id, f.cookies.bailleur)).options;
    expect(optionsBefore.length).toBeGreaterThanOrEqual(5);
    // One change: an unknown template and an invalid option together.
    rogue.doc.transact(() => {
      rogue.doc.getMap(DOC_KEYS.meta).set("templateId", "zzz");
      rogue.doc.getMap(DOC_KEYS.options).set("gestion_action_logement", { choice: "mixte", params: { requalification: "0.25" } });
    });
    expect(await until(() => rogue.doc.getMap(DOC_KEYS.meta).get("templateId") === "epci-multipartite")).toBe(true);
    expect(await until(() => rogue.doc.getMap(DOC_KEYS.refusals).has("options.gestion_action_logement.params.requalification"))).toBe(true);
    expect((rogue.doc.getMap(DOC_KEYS.options).get("gestion_action_logement") as Json).choice).toBe("directe");
    const after = await readApi(id, f.cookies.bailleur);
    expect(after.options).toEqual(optionsBefore);
    // A non-pilot cannot move it to « prête pour signature » without positions and approvals.
    expect((await api(t.base, f.cookies.al, "POST", `/api/conventions/${id}/status`, { status: "en_negociation" })).status).toBe(200);
    const ready = await api(t.base, f.cookies.al, "POST", `/api/conventions/${id}/status`, { status: "prete_pour_signature" });
    expect(ready.status).toBe(409);
    expect(ready.body.code).toBe("STATUS_APPROVALS_MISSING");
  });

  it("refuses a rotation rate of 500 % written into the document, with the French reason, and the figures stay", async () => {
    const f = await negotiationFixture(database, { inventory: true });
    const id = f.conventionId;
    const editor = client(id, f.cookies.ddets);
    expect(await until(() => editor.provider.synced)).toBe(true);
    const before = await readApi(id, f.cookies.bailleur);
    expect(before.flux.result.rotationRate).toBe("0.082");
    editor.doc.getMap(DOC_KEYS.parameters).set("rotationRate", "5");
    expect(await until(() => editor.doc.getMap(DOC_KEYS.refusals).has("parameters.rotationRate"))).toBe(true);
    const refusal = editor.doc.getMap(DOC_KEYS.refusals).get("parameters.rotationRate") as { message: string };
    expect(refusal.message).toContain("« rotationRate » ne se règle pas dans le document de la convention");
    expect(refusal.message).toContain("le taux de rotation vient de l'état des lieux ou des données de rotation du bailleur");
    expect(await until(() => !editor.doc.getMap(DOC_KEYS.parameters).has("rotationRate"))).toBe(true);
    const after = await readApi(id, f.cookies.bailleur);
    expect(after.flux).toEqual(before.flux);
    expect(after.flux.errors).toEqual([]);
  });
});

describe("signed conventions", () => {
  it("keep their read API output and DOCX bytes through a re-import, a membership change, an approval and a comment", async () => {
    const f = await negotiationFixture(database, { inventory: true });
    const id = f.conventionId;
    await signThroughApi(t.base, f);
    const apiSigned = await readApi(id, f.cookies.bailleur);
    expect(apiSigned.status).toBe("signee");
    expect(apiSigned.flux.result).not.toBeNull();
    const docxSigned = await exportBytes(id, f.cookies.bailleur);
    // An unsigned convention of the same bailleur and year, to show that the re-import does change figures.
    const unsigned = await createConventionFromTemplate(database.db, { organisationId: f.members.bailleur.organisation.id }, {
      templateId: "action-logement",
      title: "Convention Action Logement non signée",
      year: 2026,
      territory: { departement: "31" },
      startDate: "2026-01-01",
      parties: [{ organisationId: f.members.al.organisation.id, role: "edition" }],
    });
    const unsignedBefore = (await readApi(unsigned, f.cookies.bailleur)).flux.scenario.assiette;

    // The bailleur imports and confirms another état des lieux for the same year (through the integrations' API):
    // its figures change, not the signed convention's.
    const holders = demoHolders({ prefet: f.members.ddets.organisation, action_logement: f.members.al.organisation, commune: f.members.commune.organisation, departement: f.members.departement.organisation });
    const form = new FormData();
    form.set("year", "2026");
    form.set("file", new Blob([demoInventoryCsv(1_500)]), "nouvel-etat-des-lieux.csv");
    form.set("decisions", JSON.stringify(Object.fromEntries(Object.entries(holders).map(([code, holder]) => [`31|${code}`, holder]))));
    const imported = await fetch(`${t.base}/api/inventories`, { method: "POST", headers: { cookie: f.cookies.bailleur, origin: t.base }, body: form });
    expect(imported.status).toBe(201);
    // A membership change is refused once signed.
    const outsider = await createMember(database.db, "commune");
    const invite = await api(t.base, f.cookies.bailleur, "POST", `/api/conventions/${id}/parties`, { organisationId: outsider.organisation.id, role: "lecture" });
    expect(invite.status).toBe(409);
    // Approvals (of an article or of the bailleur's table) and comments are refused too, and nothing is written.
    const article = apiSigned.articles[0].id;
    for (const [who, path, body] of [
      ["ddets", "/approvals", { article }],
      ["bailleur", "/approvals", { article: `tableau:${f.members.bailleur.organisation.id}` }],
      ["al", "/comments", { body: "Une remarque après signature.", article }],
    ] as const) {
      const refused = await api(t.base, f.cookies[who], "POST", `/api/conventions/${id}${path}`, body);
      expect(refused.status, `${who} ${path}`).toBe(409);
      expect(refused.body.code).toBe("STATUS_SIGNED_LOCKED");
    }

    expect((await readApi(unsigned, f.cookies.bailleur)).flux.scenario.assiette).not.toBe(unsignedBefore);
    const apiAfter = await readApi(id, f.cookies.bailleur);
    expect(apiAfter).toEqual(apiSigned);
    expect((await exportBytes(id, f.cookies.bailleur)).equals(docxSigned)).toBe(true);
  });
});

describe("consent of a bailleur to its data", () => {
  it("an invited bailleur's inventory enters only once it accepts; the last bailleur cannot leave", async () => {
    const ddets = await createMember(database.db, "prefet");
    const bailleur = await bailleurWithInventory(database, { holders: demoHolders({ prefet: ddets.organisation }) });
    const id = await createConventionFromTemplate(database.db, { organisationId: ddets.organisation.id }, {
      templateId: "prefectoral",
      title: "Convention préfectorale à l'initiative de la DDETS",
      year: 2026,
      territory: { departement: "31" },
      startDate: "2026-01-01",
      parties: [{ organisationId: bailleur.organisation.id, role: "lecture" }],
    });
    const ddetsCookie = await cookieFor(database, ddets.user.id);
    const bailleurCookie = await cookieFor(database, bailleur.user.id);
    const watcher = client(id, ddetsCookie);
    expect(await until(() => watcher.provider.synced)).toBe(true);
    const mirrored = () => (watcher.doc.getMap(DOC_KEYS.flux).get("inputs") as Json)?.bailleurs[0];
    // Until the bailleur accepts, nothing of its inventory is in the convention, nor in the DDETS's document.
    let state = await readApi(id, ddetsCookie);
    expect(state.flux.tables[0].status).toBe("invite");
    expect(state.flux.tables[0].perimeter).toBeNull();
    expect(state.flux.tables[0].missing[0]).toMatch(/n'a pas encore accepté d'être partie/);
    expect(state.parties.find((p: Json) => p.id === bailleur.organisation.id)).toBeTruthy();
    expect(mirrored().counts).toBeNull();
    // Only the invited organisation answers.
    expect((await api(t.base, ddetsCookie, "POST", `/api/conventions/${id}/invitation`, { decision: "accepter" })).status).toBe(409);
    const accepted = await api(t.base, bailleurCookie, "POST", `/api/conventions/${id}/invitation`, { decision: "accepter" });
    expect(accepted.status).toBe(200);
    state = await readApi(id, ddetsCookie);
    expect(state.flux.tables[0].status).toBe("pret");
    expect(state.flux.tables[0].perimeter.dwellings).toBe(2_000);
    expect(await until(() => mirrored()?.counts !== null)).toBe(true);
    const audited = await database.db.select().from(auditEvents).where(eq(auditEvents.conventionId, id));
    expect(audited.some((e) => (e.details as Json).invitation === "acceptee")).toBe(true);
    // The convention keeps at least one bailleur: the pilot cannot remove the only one.
    const removal = await api(t.base, ddetsCookie, "DELETE", `/api/conventions/${id}/parties/${bailleur.organisation.id}`);
    expect(removal.status).toBe(409);
    expect(removal.body.code).toBe("MEMBERSHIP_LAST_BAILLEUR");
    expect((await readApi(id, ddetsCookie)).flux.tables[0].status).toBe("pret");
  });

  it("a removed bailleur's inventory leaves the convention at once", async () => {
    const prefet = await createMember(database.db, "prefet");
    const epci = await createMember(database.db, "epci");
    const holders = demoHolders({ prefet: prefet.organisation });
    const first = await bailleurWithInventory(database, { holders });
    const second = await bailleurWithInventory(database, { holders, dwellings: 500 });
    const id = await createConventionFromTemplate(database.db, { organisationId: epci.organisation.id }, {
      templateId: "epci-multipartite",
      title: "Convention intercommunale",
      year: 2026,
      territory: { epci: "243100518" },
      startDate: "2026-01-01",
      parties: [
        { organisationId: first.organisation.id, role: "edition" },
        { organisationId: second.organisation.id, role: "edition" },
        { organisationId: prefet.organisation.id, role: "edition" },
      ],
    });
    const epciCookie = await cookieFor(database, epci.user.id);
    for (const b of [first, second])
      expect((await api(t.base, await cookieFor(database, b.user.id), "POST", `/api/conventions/${id}/invitation`, { decision: "accepter" })).status).toBe(200);
    const before = (await readApi(id, epciCookie)).flux;
    expect(before.tables.map((table: Json) => table.bailleur.id).sort()).toEqual([first.organisation.id, second.organisation.id].sort());
    expect(before.consolidated).not.toBeNull();
    expect((await api(t.base, epciCookie, "DELETE", `/api/conventions/${id}/parties/${first.organisation.id}`)).status).toBe(200);
    const after = (await readApi(id, epciCookie)).flux;
    expect(after.tables.map((table: Json) => table.bailleur.id)).toEqual([second.organisation.id]);
    expect(after.consolidated).toBeNull();
  });
});
