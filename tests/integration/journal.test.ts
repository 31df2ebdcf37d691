// The journal records every change made live through the relay: text edits coalesced per author and window with the
// articles they touched, options and settings from their value before the window to their value after it, and a
// refused change not at all. Real server on port 0, real sockets, the window shortened to 400 ms.
import { and, asc, eq } from "drizzle-orm";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { auditEvents } from "../../db/schema";
import { openTestDb } from "../support/db";
import { connectClient, startTestServer, until, type TestServer } from "../support/server";
import { api, insertInArticle, negotiationFixture, type Json } from "./negotiation-support";

const WINDOW_MS = 400;
let database: DbHandle;
let t: TestServer;

beforeAll(async () => {
  database = await openTestDb();
  t = await startTestServer(database, { journalWindowMs: WINDOW_MS });
});
afterAll(async () => {
  await t?.close();
  await database?.close();
});

const events = async (conventionId: string, kind?: string) =>
  database.db
    .select()
    .from(auditEvents)
    .where(kind ? and(eq(auditEvents.conventionId, conventionId), eq(auditEvents.kind, kind)) : eq(auditEvents.conventionId, conventionId))
    .orderBy(asc(auditEvents.id));

async function synced(cookie: string, conventionId: string) {
  const client = connectClient(t.base, conventionId, cookie);
  expect(await until(() => client.provider.synced, 10_000)).toBe(true);
  return client;
}

describe("the journal of live edits", () => {
  it("gathers one author's edits of a window into one event naming the articles touched; another author has their own", async () => {
    const fx = await negotiationFixture(database);
    const view = (await api(t.base, fx.cookies.bailleur, "GET", `/api/conventions/${fx.conventionId}/negotiation`)).body;
    const [a1, a2, a3] = view.articles as { id: string; number: number; title: string }[];
    const bailleur = await synced(fx.cookies.bailleur, fx.conventionId);
    const ddets = await synced(fx.cookies.ddets, fx.conventionId);
    try {
      for (const word of ["Un ", "deux ", "trois "]) insertInArticle(bailleur.doc, a1.id, word);
      insertInArticle(bailleur.doc, a2.id, "Ailleurs. ");
      insertInArticle(ddets.doc, a3.id, "Proposition de la DDETS. ");
      expect(await until(async () => (await events(fx.conventionId, "text")).length === 2, 10_000)).toBe(true);
      const text = await events(fx.conventionId, "text");
      const byUser = new Map(text.map((e) => [e.userId, e.details as Json]));
      const mine = byUser.get(fx.members.bailleur.user.id);
      expect(mine.places).toEqual([
        { section: "article", id: a1.id, number: a1.number, title: a1.title },
        { section: "article", id: a2.id, number: a2.number, title: a2.title },
      ]);
      expect(mine.edits).toBe(4);
      expect(byUser.get(fx.members.ddets.user.id).places).toEqual([{ section: "article", id: a3.id, number: a3.number, title: a3.title }]);

      // After the window, a new edit opens a new event.
      insertInArticle(bailleur.doc, a3.id, "Plus tard. ");
      expect(await until(async () => (await events(fx.conventionId, "text")).length === 3, 10_000)).toBe(true);
      expect(((await events(fx.conventionId, "text")).at(-1)!.details as Json).places.map((p: Json) => p.id)).toEqual([a3.id]);

      // The API gives each event its French sentence beside its codes.
      const audit = (await api(t.base, fx.cookies.ddets, "GET", `/api/conventions/${fx.conventionId}/negotiation`)).body.audit as Json[];
      const sentence = audit.find((e) => e.kind === "text" && e.user === fx.members.bailleur.user.name);
      expect(sentence.summary).toBe(`Modification du texte : Article ${a1.number} — ${a1.title}, Article ${a2.number} — ${a2.title} (4 modifications).`);
      expect(audit[0]).toMatchObject({ kind: "creation", label: "Création", summary: "Création de la convention." });
    } finally {
      bailleur.destroy();
      ddets.destroy();
    }
  });

  it("records an option from its value before the window to its value after it, a setting likewise, and a refused change not at all", async () => {
    const fx = await negotiationFixture(database);
    const client = await synced(fx.cookies.bailleur, fx.conventionId);
    try {
      // An empty paragraph added at the end (as the editor does after a final table) is no edit of the text.
      client.doc.getXmlFragment("body").push([new Y.XmlElement("paragraph")]);
      const options = client.doc.getMap("options");
      const before = options.get("gestion_action_logement");
      options.set("gestion_action_logement", { choice: "deleguee" });
      options.set("gestion_action_logement", { choice: "mixte", params: { requalification: "0.40" } });
      // Refused by the server (no such choice): put back at once, so the window ends where it began for this option.
      options.set("decompte", { choice: "inexistant" });
      client.doc.getMap("parameters").set("signaturePlace", "Toulouse");
      expect(await until(async () => (await events(fx.conventionId, "parameter")).length === 1, 10_000)).toBe(true);
      const option = await events(fx.conventionId, "option");
      expect(option.map((e) => e.details)).toEqual([{ option: "gestion_action_logement", from: before, to: { choice: "mixte", params: { requalification: "0.40" } } }]);
      expect((await events(fx.conventionId, "parameter"))[0].details).toEqual({ parameter: "signaturePlace", from: null, to: "Toulouse" });
      expect(option[0].userId).toBe(fx.members.bailleur.user.id);
      // Options and settings only: the text was not touched.
      expect(await events(fx.conventionId, "text")).toEqual([]);

      const audit = (await api(t.base, fx.cookies.commune, "GET", `/api/conventions/${fx.conventionId}/negotiation`)).body.audit as Json[];
      const optionEntry = audit.find((e) => e.kind === "option");
      expect(optionEntry.summary).toBe(
        "Option « Mode de gestion du flux d'Action Logement » : Gestion directe par Action Logement → Gestion mixte avec requalification (Part du flux annuel requalifiée : 40\u202F%).",
      );
      expect(audit.find((e) => e.kind === "parameter").summary).toBe("Lieu de signature : non renseigné → « Toulouse ».");
    } finally {
      client.destroy();
    }
  });

  it("writes what a window holds when the server stops", async () => {
    const database2 = await openTestDb();
    const server = await startTestServer(database2, { journalWindowMs: 60_000 });
    const fx = await negotiationFixture(database2);
    const client = connectClient(server.base, fx.conventionId, fx.cookies.bailleur);
    try {
      expect(await until(() => client.provider.synced, 10_000)).toBe(true);
      const view = (await api(server.base, fx.cookies.bailleur, "GET", `/api/conventions/${fx.conventionId}/negotiation`)).body;
      insertInArticle(client.doc, view.articles[0].id, "Avant l'arrêt. ");
      // Wait until the server has the edit (the negotiation view refetches it through the document), then stop.
      expect(
        await until(async () => (await api(server.base, fx.cookies.bailleur, "GET", `/api/conventions/${fx.conventionId}`)).body.articles[0].text.includes("Avant l'arrêt."), 10_000),
      ).toBe(true);
      client.destroy();
      await server.close();
      const rows = await database2.db.select().from(auditEvents).where(and(eq(auditEvents.conventionId, fx.conventionId), eq(auditEvents.kind, "text")));
      expect(rows).toHaveLength(1);
    } finally {
      client.destroy();
      await database2.close();
    }
  });
});
