// Role × action matrix over HTTP and the socket: édition, commentaire, lecture and a non-party user.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { openTestDb } from "../support/db";
import { connectClient, startTestServer, until, type TestServer } from "../support/server";
import { api, insertInArticle, negotiationFixture, type Json, type PartyKey } from "./negotiation-support";

let database: DbHandle;
let t: TestServer;
let fx: Awaited<ReturnType<typeof negotiationFixture>>;
let article: string;
let thread: string;

beforeAll(async () => {
  database = await openTestDb();
  t = await startTestServer(database);
  fx = await negotiationFixture(database);
  const { body } = await api(t.base, fx.cookies.bailleur, "GET", `/api/conventions/${fx.conventionId}`);
  article = body.articles[0].id;
  thread = (await api(t.base, fx.cookies.bailleur, "POST", `/api/conventions/${fx.conventionId}/comments`, { article, body: "Fil de départ" })).body.id;
});
afterAll(async () => {
  await t?.close();
  await database?.close();
});

type Action = { name: string; method: string; path: () => string; body?: () => unknown };
const c = () => `/api/conventions/${fx.conventionId}`;
const ACTIONS: Action[] = [
  { name: "read convention", method: "GET", path: () => c() },
  { name: "read negotiation", method: "GET", path: () => `${c()}/negotiation` },
  { name: "read comments", method: "GET", path: () => `${c()}/comments` },
  { name: "read versions", method: "GET", path: () => `${c()}/versions` },
  { name: "state position", method: "POST", path: () => `${c()}/positions`, body: () => ({ option: "gestion_action_logement", position: "abstention", reason: "Pas concerné" }) },
  { name: "approve article", method: "POST", path: () => `${c()}/approvals`, body: () => ({ article }) },
  { name: "comment", method: "POST", path: () => `${c()}/comments`, body: () => ({ article, body: "Une remarque" }) },
  { name: "reply", method: "POST", path: () => `${c()}/comments/${thread}/replies`, body: () => ({ body: "Une réponse" }) },
  { name: "resolve", method: "POST", path: () => `${c()}/comments/${thread}/resolve`, body: () => ({}) },
  { name: "reopen", method: "POST", path: () => `${c()}/comments/${thread}/reopen`, body: () => ({}) },
  { name: "create version", method: "POST", path: () => `${c()}/versions`, body: () => ({ name: "Jalon" }) },
  { name: "status to brouillon (same)", method: "POST", path: () => `${c()}/status`, body: () => ({ status: "brouillon" }) },
];

// Expected HTTP status per action for: pilot édition, other édition, commentaire, lecture, non-party.
const EXPECTED: Record<string, [number, number, number, number, number]> = {
  "read convention": [200, 200, 200, 200, 404],
  "read negotiation": [200, 200, 200, 200, 404],
  "read comments": [200, 200, 200, 200, 404],
  "read versions": [200, 200, 200, 200, 404],
  "state position": [201, 201, 201, 403, 404],
  "approve article": [201, 201, 201, 403, 404],
  comment: [201, 201, 201, 403, 404],
  reply: [201, 201, 201, 403, 404],
  resolve: [200, 200, 200, 403, 404],
  reopen: [200, 200, 200, 403, 404],
  "create version": [201, 403, 403, 403, 404],
  "status to brouillon (same)": [409, 409, 403, 403, 404],
};
const WHO: PartyKey[] = ["bailleur", "ddets", "commune", "departement", "outsider"];

describe("role × action matrix over HTTP", () => {
  it("gives each role exactly its rights", async () => {
    const actual: Record<string, number[]> = {};
    for (const action of ACTIONS) {
      actual[action.name] = [];
      for (const who of WHO) {
        const res = await api(t.base, fx.cookies[who], action.method, action.path(), action.body?.());
        actual[action.name].push(res.status);
        if (res.status >= 400) expect(typeof res.body.message, `${action.name} / ${who}`).toBe("string");
      }
    }
    expect(actual).toEqual(EXPECTED);
  });

  it("refuses a position stated for another party (403), without a session (401), cross-site (403) and non-JSON (415)", async () => {
    const body = { option: "gestion_action_logement", position: "d_accord", reason: "Oui" };
    const other = await api(t.base, fx.cookies.ddets, "POST", `${c()}/positions`, { ...body, party: fx.members.al.organisation.id });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe("POSITION_OTHER_PARTY");
    const own = await api(t.base, fx.cookies.ddets, "POST", `${c()}/positions`, { ...body, party: fx.members.ddets.organisation.id });
    expect(own.status).toBe(201);
    expect((await api(t.base, null, "POST", `${c()}/positions`, body)).status).toBe(401);
    expect((await api(t.base, fx.cookies.ddets, "POST", `${c()}/positions`, body, { origin: "https://evil.example" })).status).toBe(403);
    const form = await api(t.base, fx.cookies.ddets, "POST", `${c()}/positions`, "option=x", { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    expect(form.body.message).toMatch(/JSON/);
    const broken = await api(t.base, fx.cookies.ddets, "POST", `${c()}/positions`, "{not json");
    expect(broken.status).toBe(400);
    // A non-party gets 404 even with another party's option and a bogus body: existence is not revealed.
    expect((await api(t.base, fx.cookies.outsider, "POST", `${c()}/positions`, "{not json")).status).toBe(404);
    // Restore and diff of unknown versions.
    expect((await api(t.base, fx.cookies.bailleur, "POST", `${c()}/versions/999/restore`, {})).status).toBe(404);
    expect((await api(t.base, fx.cookies.ddets, "POST", `${c()}/versions/1/restore`, {})).status).toBe(403);
    expect((await api(t.base, fx.cookies.departement, "GET", `${c()}/versions/1/diff/1`)).status).toBe(200);
    expect((await api(t.base, fx.cookies.outsider, "GET", `${c()}/versions/1/diff/2`)).status).toBe(404);
  });
});

describe("role × action matrix over the socket", () => {
  it("relays and saves edits of édition only; commentaire and lecture read; a non-party is closed with 4403", async () => {
    const clients = Object.fromEntries(WHO.map((who) => [who, connectClient(t.base, fx.conventionId, fx.cookies[who])])) as Record<PartyKey, ReturnType<typeof connectClient>>;
    try {
      for (const who of ["bailleur", "ddets", "commune", "departement"] as const) expect(await until(() => clients[who].provider.synced, 10_000), who).toBe(true);
      expect(await until(() => clients.outsider.closes.includes(4403), 10_000)).toBe(true);
      for (const who of ["ddets", "commune", "departement"] as const) insertInArticle(clients[who].doc, article, `[${who}] `);
      const text = async () => (await api(t.base, fx.cookies.bailleur, "GET", c())).body.articles.find((a: Json) => a.id === article).text as string;
      expect(await until(async () => (await text()).includes("[ddets]"), 10_000)).toBe(true);
      // The bailleur's live copy receives the édition edit only.
      expect(await until(() => clients.bailleur.doc.getXmlFragment("body").toString().includes("[ddets]"))).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(await text()).not.toMatch(/\[commune\]|\[departement\]/);
      expect(clients.bailleur.doc.getXmlFragment("body").toString()).not.toMatch(/\[commune\]|\[departement\]/);
    } finally {
      for (const client of Object.values(clients)) client.destroy();
    }
  });
});
