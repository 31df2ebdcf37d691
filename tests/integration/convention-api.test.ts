import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEMPLATES, getTemplate } from "../../templates";
import { validateOptionValue } from "../../app/domain/convention/options";
import { DOC_KEYS } from "../../app/domain/convention/state";
import { createConventionFromTemplate } from "../../app/models/convention.server";
import type { DbHandle } from "../../db/client";
import { users } from "../../db/schema";
import { DEMO_ACCOUNTS, seedDemo } from "../../db/seed";
import { demoInventoryCsv } from "../../db/demo-inventory";
import { bailleurWithInventory, demoHolders, importFor, membersOf, TEMPLATE_PARTIES, TEMPLATE_TERRITORIES } from "../support/conventions";
import { openTestDb } from "../support/db";
import { connectClient, cookieFor, startTestServer, until, type TestClient, type TestServer } from "../support/server";
import { run } from "../support/run";

let database: DbHandle;
let t: TestServer;
const clients: TestClient[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-api-"));

beforeAll(async () => {
  database = await openTestDb();
  t = await startTestServer(database, { collab: { flushDelayMs: 5, writeBatchMs: 5 } });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await t?.close();
  await database?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

// Read loosely: the assertions check the shapes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

type ApiState = {
  template: { id: string; version: string };
  parties: { id: string; name: string; kind: string; role: string }[];
  options: { key: string; value: { choice: string; params?: Record<string, string> } | null; choices: { value: string }[] }[];
  articles: { id: string; number: number; title: string; text: string }[];
  annexes: { id: string; title: string; text: string }[];
  flux: Json;
  unresolvedVariables: string[];
};

async function api(cookie: string, id: string): Promise<ApiState> {
  const r = await fetch(`${t.base}/api/conventions/${id}`, { headers: { cookie } });
  expect(r.status).toBe(200);
  return r.json();
}

/** Runs the real CLI (`npm run -s flux -- file`) on a scenario and returns its parsed stdout. */
async function cli(scenario: unknown): Promise<unknown> {
  const file = path.join(tmp, `scenario-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(scenario));
  const p = await run("npm", ["run", "-s", "flux", "--", file]);
  expect(p.status, p.stderr).toBe(0);
  return JSON.parse(p.stdout);
}

describe("GET /api/conventions/:id", () => {
  it("publishes the demo convention's state; its flux result equals the CLI's output on its scenario", async () => {
    await seedDemo(database.db);
    const [bailleur] = await database.db.select().from(users).where(eq(users.email, DEMO_ACCOUNTS[0].email));
    const cookie = await cookieFor(database, bailleur.id);
    const list = await (await fetch(`${t.base}/api/conventions`, { headers: { cookie } })).json();
    const demo = list.find((c: { title: string }) => c.title.includes("Garonne Habitat Solidaire"));
    const state = await api(cookie, demo.id);
    expect(state.template.id).toBe("epci-multipartite");
    expect(state.parties.map((p) => p.role).sort()).toEqual(["commentaire", "edition", "edition", "edition", "lecture"]);
    expect(state.articles.length).toBeGreaterThan(8);
    expect(state.unresolvedVariables).toEqual([]);
    expect(state.flux.result).not.toBeNull();
    expect(state.flux.result).toEqual(await cli(state.flux.scenario));
    expect(state.flux.tables[0].territory.key).toBe("epci:243100518");
    // The Métropole's communes only: fewer dwellings than the bailleur's whole inventory of 15 000.
    expect(state.flux.tables[0].perimeter.dwellings).toBeLessThan(15_000);
    expect(state.flux.errors).toEqual([]);
    for (const a of state.articles) expect(a.text).not.toMatch(/\{\{|\[\[/);
  });

  for (const template of TEMPLATES) {
    it(`template ${template.id}: created convention validates against its template and matches the CLI`, async () => {
      const others = await membersOf(database, TEMPLATE_PARTIES[template.id]);
      const byKind = Object.fromEntries(others.map((o) => [o.organisation.kind, o.organisation]));
      const pilot = await bailleurWithInventory(database, { holders: demoHolders(byKind) });
      const id = await createConventionFromTemplate(database.db, { organisationId: pilot.organisation.id }, {
        templateId: template.id,
        title: `Convention ${template.title}`,
        year: 2026,
        territory: TEMPLATE_TERRITORIES[template.id],
        startDate: "2026-01-01",
        parties: others.map((o) => ({ organisationId: o.organisation.id, role: "edition" as const })),
      });
      // A second bailleur of a multipartite convention brings its own état des lieux once it accepts.
      for (const other of others.filter((o) => o.organisation.kind === "bailleur")) {
        await importFor(database, other, { year: 2026, csv: demoInventoryCsv(700), holders: demoHolders(byKind) });
        expect((await fetch(`${t.base}/api/conventions/${id}/invitation`, { method: "POST", headers: { cookie: await cookieFor(database, other.user.id), origin: t.base, "content-type": "application/json" }, body: JSON.stringify({ decision: "accepter" }) })).status).toBe(200);
      }
      const cookie = await cookieFor(database, pilot.user.id);
      const state = await api(cookie, id);
      const tpl = getTemplate(state.template.id)!;
      expect(state.template).toEqual({ id: template.id, version: template.version });
      for (const o of state.options) {
        expect(o.value).not.toBeNull();
        expect(validateOptionValue(tpl, o.key, o.value)).toEqual([]);
      }
      const templateArticles = tpl.sections.filter((s) => s.section === "article").length;
      expect(state.articles.length).toBeLessThanOrEqual(templateArticles);
      expect(state.articles.map((a) => a.number)).toEqual(state.articles.map((_, i) => i + 1));
      expect(state.unresolvedVariables).toEqual([]);
      for (const a of [...state.articles, ...state.annexes]) expect(a.text).not.toMatch(/\{\{|\[\[/);
      const bailleurs = template.multipartite ? 2 : 1;
      expect(state.flux.tables).toHaveLength(bailleurs);
      for (const table of state.flux.tables) {
        expect(table.result).not.toBeNull();
        expect(table.result).toEqual(await cli(table.scenario));
      }
      if (bailleurs === 1) expect(state.flux.result).toEqual(state.flux.tables[0].result);
      else expect(state.flux.consolidated.fluxRounded).toBe(state.flux.tables.reduce((n: number, t: { result: { fluxRounded: number } }) => n + t.result.fluxRounded, 0));
    });
  }

  it("answers 404 to a non-party and 401 without a session", async () => {
    const pilot = await bailleurWithInventory(database);
    const [prefet] = await membersOf(database, ["prefet"]);
    const outsider = await membersOf(database, ["commune"]);
    const id = await createConventionFromTemplate(database.db, { organisationId: pilot.organisation.id }, {
      templateId: "prefectoral",
      title: "Convention préfectorale",
      year: 2026,
      territory: { departement: "31" },
      startDate: "2026-01-01",
      parties: [{ organisationId: prefet.organisation.id, role: "lecture" }],
    });
    expect((await fetch(`${t.base}/api/conventions/${id}`, { headers: { cookie: await cookieFor(database, outsider[0].user.id) } })).status).toBe(404);
    expect((await fetch(`${t.base}/api/conventions/${id}`)).status).toBe(401);
    expect((await fetch(`${t.base}/api/conventions/${id}`, { headers: { cookie: await cookieFor(database, prefet.user.id) } })).status).toBe(200);
  });
});

describe("server-side checks of negotiated options", () => {
  it("refuses 25 % requalification under mixed management with a French message, and the document stays valid", async () => {
    const pilot = await bailleurWithInventory(database);
    const [al] = await membersOf(database, ["action_logement"]);
    const id = await createConventionFromTemplate(database.db, { organisationId: pilot.organisation.id }, {
      templateId: "action-logement",
      title: "Convention Action Logement",
      year: 2026,
      territory: { departement: "31" },
      startDate: "2026-01-01",
      parties: [{ organisationId: al.organisation.id, role: "edition" }],
    });
    // A client that skips the browser's check writes the invalid value straight into the shared document.
    const rogue = connectClient(t.base, id, await cookieFor(database, al.user.id));
    const watcher = connectClient(t.base, id, await cookieFor(database, pilot.user.id));
    clients.push(rogue, watcher);
    expect(await until(() => rogue.provider.synced && watcher.provider.synced)).toBe(true);
    const before = rogue.doc.getMap(DOC_KEYS.options).get("gestion_action_logement");
    rogue.doc.getMap(DOC_KEYS.options).set("gestion_action_logement", { choice: "mixte", params: { requalification: "0.25" } });
    const refusal = () =>
      [...watcher.doc.getMap(DOC_KEYS.refusals).entries()].find(([path]) => path.startsWith("options.gestion_action_logement"))?.[1] as
        | { message: string }
        | undefined;
    expect(await until(() => refusal() !== undefined)).toBe(true);
    expect(refusal()!.message).toMatch(/30\s?%/);
    expect(await until(() => JSON.stringify(watcher.doc.getMap(DOC_KEYS.options).get("gestion_action_logement")) === JSON.stringify(before))).toBe(true);
    expect(await until(() => JSON.stringify(rogue.doc.getMap(DOC_KEYS.options).get("gestion_action_logement")) === JSON.stringify(before))).toBe(true);
    // And a valid value goes through.
    rogue.doc.getMap(DOC_KEYS.options).set("gestion_action_logement", { choice: "mixte", params: { requalification: "0.35" } });
    expect(await until(() => (watcher.doc.getMap(DOC_KEYS.options).get("gestion_action_logement") as { params?: { requalification?: string } })?.params?.requalification === "0.35")).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    const stored = await t.server.collab.readDocument(id);
    expect((stored.getMap(DOC_KEYS.options).get("gestion_action_logement") as { params: { requalification: string } }).params.requalification).toBe("0.35");
  });
});
