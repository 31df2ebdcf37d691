// Signed means frozen for the negotiation: once the pilot has signed, every negotiation write answers 409 with the
// same French message and code over HTTP, nothing is written, and reading stays open to every party.
import { asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import {
  auditEvents,
  conventions,
  conventionVersions,
  negotiationApprovals,
  negotiationCommentEvents,
  negotiationComments,
  negotiationDeadlines,
  negotiationPositions,
} from "../../db/schema";
import { MESSAGES } from "../../app/lib/messages";
import { openTestDb } from "../support/db";
import { startTestServer, type TestServer } from "../support/server";
import { api, makeReadyForSignature, negotiationFixture, type Json, type PartyKey } from "./negotiation-support";

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

/** How many rows each negotiation table and the audit trail hold for a convention, and its status. */
async function footprint(conventionId: string) {
  const n = async (table: typeof auditEvents | typeof negotiationPositions | typeof negotiationApprovals | typeof negotiationComments | typeof negotiationCommentEvents | typeof negotiationDeadlines | typeof conventionVersions) => {
    const [{ rows }] = await database.db.select({ rows: count() }).from(table).where(eq(table.conventionId, conventionId));
    return rows;
  };
  const [{ status }] = await database.db.select({ status: conventions.status }).from(conventions).where(eq(conventions.id, conventionId));
  return {
    status,
    audit: await n(auditEvents),
    positions: await n(negotiationPositions),
    approvals: await n(negotiationApprovals),
    comments: await n(negotiationComments),
    commentEvents: await n(negotiationCommentEvents),
    deadlines: await n(negotiationDeadlines),
    versions: await n(conventionVersions),
  };
}

describe("a signed convention", () => {
  it("answers 409 STATUS_SIGNED_LOCKED to every negotiation write, writes nothing, and stays readable", async () => {
    const fx = await negotiationFixture(database);
    const c = `/api/conventions/${fx.conventionId}`;
    const { body: conv } = await api(t.base, fx.cookies.bailleur, "GET", c);
    const article = conv.articles[0].id;
    const option = "gestion_action_logement";
    const thread = (await api(t.base, fx.cookies.commune, "POST", `${c}/comments`, { article, body: "Avant la signature" })).body.id;
    await makeReadyForSignature(t.base, fx);
    const signed = await api(t.base, fx.cookies.bailleur, "POST", `${c}/status`, { status: "signee", signatureDate: "2026-03-01" });
    expect(signed.status).toBe(200);

    const before = await footprint(fx.conventionId);
    const textBefore = (await api(t.base, fx.cookies.bailleur, "GET", c)).body.articles;
    expect(before.status).toBe("signee");
    expect(before.versions).toBeGreaterThan(0);

    // Each write by a party whose role allows it before the signature.
    const writes: { name: string; who: PartyKey; path: string; body: unknown }[] = [
      { name: "position", who: "ddets", path: "/positions", body: { option, position: "pas_d_accord", reason: "Trop tard ?" } },
      { name: "approval", who: "commune", path: "/approvals", body: { article } },
      { name: "comment", who: "commune", path: "/comments", body: { article, body: "Une remarque après signature" } },
      { name: "reply", who: "ddets", path: `/comments/${thread}/replies`, body: { body: "Une réponse" } },
      { name: "resolve", who: "commune", path: `/comments/${thread}/resolve`, body: {} },
      { name: "reopen", who: "ddets", path: `/comments/${thread}/reopen`, body: {} },
      { name: "deadline", who: "bailleur", path: "/deadlines", body: { option, deadline: "2027-03-15" } },
      { name: "named version", who: "bailleur", path: "/versions", body: { name: "Après signature" } },
      { name: "restore", who: "bailleur", path: "/versions/1/restore", body: {} },
      { name: "status to en_negociation", who: "bailleur", path: "/status", body: { status: "en_negociation" } },
      { name: "status to signee again", who: "bailleur", path: "/status", body: { status: "signee", signatureDate: "2026-04-01" } },
    ];
    const answers: Record<string, { status: number; code: unknown; message: unknown }> = {};
    for (const w of writes) {
      const res = await api(t.base, fx.cookies[w.who], "POST", c + w.path, w.body);
      answers[w.name] = { status: res.status, code: res.body.code, message: res.body.message };
    }
    const refused = { status: 409, code: "STATUS_SIGNED_LOCKED", message: MESSAGES.STATUS_SIGNED_LOCKED };
    expect(answers).toEqual(Object.fromEntries(writes.map((w) => [w.name, refused])));
    expect(MESSAGES.STATUS_SIGNED_LOCKED).toMatch(/avenant ou l'annexe annuelle/);

    // A role that could never write keeps its 403: the freeze does not reveal more than the role allows.
    expect((await api(t.base, fx.cookies.departement, "POST", `${c}/positions`, { option, position: "d_accord", reason: "x" })).status).toBe(403);

    expect(await footprint(fx.conventionId)).toEqual(before);
    expect((await api(t.base, fx.cookies.bailleur, "GET", c)).body.articles).toEqual(textBefore);

    // Reading stays open to every party, lecture included.
    for (const who of ["bailleur", "commune", "departement"] as const) {
      for (const path of ["", "/negotiation", "/comments", "/versions", "/versions/1/diff/2"]) {
        const res = await api(t.base, fx.cookies[who], "GET", c + path);
        expect(res.status, `${who} GET ${path}`).toBe(200);
      }
    }
    const view = (await api(t.base, fx.cookies.departement, "GET", `${c}/negotiation`)).body;
    expect(view.status).toBe("signee");
  });

  it("refuses the positions that reach the database after the signature, whatever the interleaving", async () => {
    const fx = await negotiationFixture(database);
    const c = `/api/conventions/${fx.conventionId}`;
    await makeReadyForSignature(t.base, fx);
    const before = await footprint(fx.conventionId);
    const option = "gestion_action_logement";
    // Four parties keep stating positions while the pilot signs, and each states one more once the signature is
    // answered: some land before the signature's commit, some are in flight across it, the last ones come after.
    let signing = true;
    const stream = async (who: "ddets" | "al" | "commune" | "bailleur") => {
      const answers: Json[] = [];
      for (let i = 0; ; i++) {
        const last = !signing;
        answers.push(await api(t.base, fx.cookies[who], "POST", `${c}/positions`, { option, position: who === "commune" ? "abstention" : "d_accord", reason: `Confirmé ${i}` }));
        if (last) return answers;
      }
    };
    const streams = (["ddets", "al", "commune", "bailleur"] as const).map(stream);
    const signed = await api(t.base, fx.cookies.bailleur, "POST", `${c}/status`, { status: "signee", signatureDate: "2026-03-01" });
    signing = false;
    const answers = (await Promise.all(streams)).flat();
    expect(signed.status).toBe(200);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    const late = answers.filter((x) => x.status === 409);
    expect(late.length).toBeGreaterThanOrEqual(4);
    for (const a of late) expect(a.body.code).toBe("STATUS_SIGNED_LOCKED");
    const accepted = answers.filter((a) => a.status === 201).length;

    // Exactly the accepted positions were written, each with its audit event, all before the signature's event.
    const after = await footprint(fx.conventionId);
    expect(after.positions).toBe(before.positions + accepted);
    const trail = await database.db
      .select({ id: auditEvents.id, kind: auditEvents.kind, details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.conventionId, fx.conventionId))
      .orderBy(asc(auditEvents.id));
    const signature = trail.find((e) => e.kind === "status" && (e.details as Json).to === "signee")!;
    expect(trail.filter((e) => e.kind === "position" && e.id > signature.id)).toEqual([]);
    expect(trail.filter((e) => e.kind === "position")).toHaveLength(after.positions);
  });
});
