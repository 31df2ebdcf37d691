import { count, eq } from "drizzle-orm";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { auditEvents, conventions, yjsUpdates } from "../../db/schema";
import { diffSide } from "../../app/domain/negotiation/diff";
import { openTestDb } from "../support/db";
import { connectClient, startTestServer, until, type TestServer } from "../support/server";
import { api, insertInArticle, negotiationFixture, type Json } from "./negotiation-support";

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

const view = async (cookie: string, id: string) => (await api(t.base, cookie, "GET", `/api/conventions/${id}/negotiation`)).body;

/** Edits the text through a real socket, as an editing browser would, and waits until the server has it. */
async function editThroughSocket(cookie: string, conventionId: string, articleId: string, text: string) {
  const client = connectClient(t.base, conventionId, cookie);
  try {
    await until(() => client.provider.synced, 10_000);
    insertInArticle(client.doc, articleId, text);
    const ok = await until(async () => {
      const res = await api(t.base, cookie, "GET", `/api/conventions/${conventionId}`);
      return res.body.articles.some((a: { id: string; text: string }) => a.id === articleId && a.text.includes(text));
    }, 10_000);
    expect(ok).toBe(true);
  } finally {
    client.destroy();
  }
}

describe("positions on options", () => {
  it("appends positions, shows current and history, and turns them 'à revoir' when the pilot changes the choice", async () => {
    const { conventionId: id, cookies, members } = await negotiationFixture(database);
    const bad = await api(t.base, cookies.ddets, "POST", `/api/conventions/${id}/positions`, { option: "gestion_action_logement", position: "peut-etre", reason: "x" });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/La position doit être l'une de/);
    const noCondition = await api(t.base, cookies.ddets, "POST", `/api/conventions/${id}/positions`, { option: "gestion_action_logement", position: "sous_conditions", reason: "x" });
    expect(noCondition.status).toBe(400);
    expect(noCondition.body.message).toMatch(/sous conditions/);
    const unknown = await api(t.base, cookies.ddets, "POST", `/api/conventions/${id}/positions`, { option: "inconnue", position: "d_accord", reason: "x" });
    expect(unknown.status).toBe(400);

    const first = await api(t.base, cookies.ddets, "POST", `/api/conventions/${id}/positions`, { option: "gestion_action_logement", position: "d_accord", reason: "Conforme au PDALHPD" });
    expect(first.status).toBe(201);
    const second = await api(t.base, cookies.ddets, "POST", `/api/conventions/${id}/positions`, {
      option: "gestion_action_logement",
      position: "pas_d_accord",
      reason: "La part requalifiée doit rester sous contrôle",
    });
    expect(second.status).toBe(201);

    const before = await view(cookies.bailleur, id);
    const mine = before.positions.filter((p: Json) => p.option === "gestion_action_logement" && p.party === members.ddets.organisation.id);
    expect(mine.map((p: Json) => [p.position, p.current, p.status])).toEqual([
      ["d_accord", false, "a_jour"],
      ["pas_d_accord", true, "a_jour"],
    ]);
    expect(mine[1].author).toBe(members.ddets.user.name);
    expect(before.consensus.find((c: Json) => c.option === "gestion_action_logement").state).toBe("desaccord");

    // The read API carries the same positions.
    const read = await api(t.base, cookies.departement, "GET", `/api/conventions/${id}`);
    expect(read.body.positions).toHaveLength(2);
    expect(read.body.positions[1]).toMatchObject({ option: "gestion_action_logement", party: members.ddets.organisation.id, position: "pas_d_accord", reason: "La part requalifiée doit rester sous contrôle", condition: null });

    // The pilot changes the choice (as the server, like the options panel's change relayed by the room).
    await t.server.collab.updateDocument(id, (doc) => doc.getMap("options").set("gestion_action_logement", { choice: "deleguee" }));
    const after = await view(cookies.bailleur, id);
    const current = after.positions.find((p: Json) => p.current && p.party === members.ddets.organisation.id);
    expect(current.status).toBe("a_revoir");
    expect(after.consensus.find((c: Json) => c.option === "gestion_action_logement").state).toBe("en_attente");

    const audit = after.audit.filter((e: Json) => e.kind === "position");
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ user: members.ddets.user.name, organisation: members.ddets.organisation.name });
  });
});

describe("per-party approvals", () => {
  it("all four negotiating parties approve an article; an edit of its text turns every approval 'à revoir' with the diff", async () => {
    const { conventionId: id, cookies } = await negotiationFixture(database);
    const { body: conv } = await api(t.base, cookies.bailleur, "GET", `/api/conventions/${id}`);
    const article = conv.articles[0];
    for (const party of ["bailleur", "ddets", "al", "commune"] as const) {
      const res = await api(t.base, cookies[party], "POST", `/api/conventions/${id}/approvals`, { article: article.id });
      expect(res.status).toBe(201);
    }
    let v = await view(cookies.departement, id);
    const ofArticle = () => v.approvals.filter((a: Json) => a.article === article.id);
    expect(ofArticle().map((a: Json) => a.status)).toEqual(["approuve", "approuve", "approuve", "approuve"]);
    expect(ofArticle()[0].hash).toMatch(/^[0-9a-f]{64}$/);

    await editThroughSocket(cookies.ddets, id, article.id, "Sous réserve de l'avis du comité, ");
    v = await view(cookies.departement, id);
    expect(ofArticle().map((a: Json) => a.status)).toEqual(["a_revoir", "a_revoir", "a_revoir", "a_revoir"]);
    const diff = ofArticle()[0].diff;
    expect(diff.filter((p: Json) => p.op === "added").map((p: Json) => p.text).join("")).toContain("Sous réserve de l'avis du comité,");
    expect(diffSide(diff, "before")).toBe(`${article.title}\n${article.text}`);
    // Other articles keep no approval; the read API lists the same statuses.
    const read = await api(t.base, cookies.bailleur, "GET", `/api/conventions/${id}`);
    expect(read.body.approvals.map((a: Json) => a.status)).toEqual(["a_revoir", "a_revoir", "a_revoir", "a_revoir"]);
    // Approving again binds the approval to the new text.
    await api(t.base, cookies.commune, "POST", `/api/conventions/${id}/approvals`, { article: article.id });
    v = await view(cookies.departement, id);
    expect(ofArticle().filter((a: Json) => a.status === "approuve")).toHaveLength(1);
  });
});

describe("status machine", () => {
  it("refuses 'prête pour signature' while an approval or a consensus is missing, then accepts it; an edit sends it back", async () => {
    const { conventionId: id, cookies, members } = await negotiationFixture(database);
    const post = (who: keyof typeof cookies, body: unknown) => api(t.base, cookies[who], "POST", `/api/conventions/${id}/status`, body);
    expect((await post("bailleur", { status: "signee", signatureDate: "2026-03-01" })).status).toBe(409);
    expect((await post("ddets", { status: "en_negociation" })).status).toBe(200);

    let v = await view(cookies.bailleur, id);
    const negotiators = ["bailleur", "ddets", "al", "commune"] as const;
    // Every option in consensus, but no approval yet.
    for (const option of v.options)
      for (const who of negotiators) {
        const res = await api(t.base, cookies[who], "POST", `/api/conventions/${id}/positions`, { option: option.key, position: who === "commune" ? "abstention" : "d_accord", reason: "Accord" });
        expect(res.status).toBe(201);
      }
    let refused = await post("bailleur", { status: "prete_pour_signature" });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("STATUS_APPROVALS_MISSING");
    expect(refused.body.message).toMatch(/approuvés/);

    // Every article approved, but the bailleur has not approved its flux table: only it can.
    for (const article of v.articles)
      for (const who of negotiators) expect((await api(t.base, cookies[who], "POST", `/api/conventions/${id}/approvals`, { article: article.id })).status).toBe(201);
    refused = await post("bailleur", { status: "prete_pour_signature" });
    expect(refused.body.code).toBe("STATUS_APPROVALS_MISSING");
    const [table] = v.tables;
    expect(table).toMatchObject({ id: `tableau:${members.bailleur.organisation.id}`, bailleur: members.bailleur.organisation.id, computed: true });
    expect(refused.body.readiness.missingApprovals).toEqual([{ article: table.id, party: members.bailleur.organisation.id }]);
    const notHis = await api(t.base, cookies.ddets, "POST", `/api/conventions/${id}/approvals`, { article: table.id });
    expect(notHis.status).toBe(403);
    expect(notHis.body.message).toMatch(/Seul le bailleur concerné/);
    expect((await api(t.base, cookies.bailleur, "POST", `/api/conventions/${id}/approvals`, { article: table.id })).status).toBe(201);

    // One party disagrees on one option.
    const disputed = v.options[0].key;
    await api(t.base, cookies.al, "POST", `/api/conventions/${id}/positions`, { option: disputed, position: "pas_d_accord", reason: "Non" });
    refused = await post("bailleur", { status: "prete_pour_signature" });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("STATUS_CONSENSUS_MISSING");
    expect(refused.body.readiness.optionsWithoutConsensus).toEqual([disputed]);

    await api(t.base, cookies.al, "POST", `/api/conventions/${id}/positions`, { option: disputed, position: "sous_conditions", reason: "Soit", condition: "Bilan à six mois" });
    const accepted = await post("ddets", { status: "prete_pour_signature" });
    expect(accepted.status).toBe(200);
    v = await view(cookies.bailleur, id);
    expect(v.status).toBe("prete_pour_signature");
    expect(v.versions[0]).toMatchObject({ automatic: true, status: "prete_pour_signature" });

    // An edit from a client socket sends it back to "en négociation", with an audit event and an automatic version.
    await editThroughSocket(cookies.al, id, v.articles[1].id, "Modification tardive. ");
    expect(await until(async () => (await view(cookies.bailleur, id)).status === "en_negociation", 10_000)).toBe(true);
    v = await view(cookies.bailleur, id);
    expect(v.audit.filter((e: Json) => e.kind === "status").at(-1).details).toMatchObject({ from: "prete_pour_signature", to: "en_negociation" });
    expect(v.approvals.filter((a: Json) => a.status === "a_revoir").length).toBe(4);

    // Re-approve the edited article, back to ready, then only the pilot signs, with a date.
    for (const who of negotiators) await api(t.base, cookies[who], "POST", `/api/conventions/${id}/approvals`, { article: v.articles[1].id });
    expect((await post("bailleur", { status: "prete_pour_signature" })).status).toBe(200);
    expect((await post("ddets", { status: "signee", signatureDate: "2026-03-01" })).status).toBe(403);
    const noDate = await post("bailleur", { status: "signee" });
    expect(noDate.status).toBe(409);
    expect(noDate.body.code).toBe("STATUS_SIGNATURE_DATE_REQUIRED");
    expect((await post("bailleur", { status: "signee", signatureDate: "2026-13-45" })).status).toBe(400);
    expect((await post("bailleur", { status: "signee", signatureDate: "2026-03-01" })).status).toBe(200);
    const [row] = await database.db.select({ status: conventions.status }).from(conventions).where(eq(conventions.id, id));
    expect(row.status).toBe("signee");
    const read = await api(t.base, cookies.departement, "GET", `/api/conventions/${id}`);
    expect(read.body.status).toBe("signee");
    expect(read.body.meta.signatureDate).toBe("2026-03-01");
    expect(members.bailleur.organisation.id).toBeTruthy();
  });
});

describe("flux table approvals", () => {
  it("a bailleur approves its own table; a change of its figures puts the approval « à revoir » with the difference", async () => {
    const { conventionId: id, cookies, members } = await negotiationFixture(database);
    const table = `tableau:${members.bailleur.organisation.id}`;
    expect((await api(t.base, cookies.bailleur, "POST", `/api/conventions/${id}/approvals`, { article: table })).status).toBe(201);
    expect((await view(cookies.al, id)).approvals.find((a: Json) => a.article === table)).toMatchObject({ status: "approuve" });

    const terms = await api(t.base, cookies.bailleur, "PUT", `/api/conventions/${id}/flux-terms`, {
      bailleurId: members.bailleur.organisation.id,
      deductions: { mutations: 9, anru: 0, orcod: 0, lhi: 0, ventes: 0 },
    });
    expect(terms.status, JSON.stringify(terms.body)).toBe(200);
    const after = (await view(cookies.al, id)).approvals.find((a: Json) => a.article === table);
    expect(after.status).toBe("a_revoir");
    expect(after.diff.filter((p: Json) => p.op === "added").map((p: Json) => p.text).join("")).toMatch(/9/);

    // Without an état des lieux, there is nothing to approve yet.
    const empty = await negotiationFixture(database, { inventory: false });
    const refused = await api(t.base, empty.cookies.bailleur, "POST", `/api/conventions/${empty.conventionId}/approvals`, { article: `tableau:${empty.members.bailleur.organisation.id}` });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/pas encore calculé/);
  });
});

describe("versions", () => {
  it("restores version 2 after later edits as a new forward change", async () => {
    const { conventionId: id, cookies } = await negotiationFixture(database);
    const articleText = async () => (await api(t.base, cookies.bailleur, "GET", `/api/conventions/${id}`)).body.articles.map((a: Json) => `${a.title}\n${a.text}`);
    const { body: conv } = await api(t.base, cookies.bailleur, "GET", `/api/conventions/${id}`);
    const target = conv.articles[0].id;

    expect((await api(t.base, cookies.ddets, "POST", `/api/conventions/${id}/versions`, { name: "Projet DDETS" })).status).toBe(403);
    expect((await api(t.base, cookies.bailleur, "POST", `/api/conventions/${id}/versions`, { name: "  " })).status).toBe(400);
    const v1 = await api(t.base, cookies.bailleur, "POST", `/api/conventions/${id}/versions`, { name: "Projet initial" });
    expect(v1.status).toBe(201);
    await editThroughSocket(cookies.ddets, id, target, "Première modification. ");
    await t.server.collab.updateDocument(id, (doc) => doc.getMap("options").set("gestion_action_logement", { choice: "deleguee" }));
    const v2 = await api(t.base, cookies.bailleur, "POST", `/api/conventions/${id}/versions`, { name: "Après la réunion du 12 mars" });
    expect(v2.body.number).toBe(2);
    const textOfV2 = await articleText();

    await editThroughSocket(cookies.al, id, target, "Seconde modification. ");
    await t.server.collab.updateDocument(id, (doc) => doc.getMap("options").set("gestion_action_logement", { choice: "directe" }));
    expect(await articleText()).not.toEqual(textOfV2);

    const diff = await api(t.base, cookies.departement, "GET", `/api/conventions/${id}/versions/1/diff/2`);
    expect(diff.status).toBe(200);
    const changed = diff.body.articles.find((a: Json) => a.id === target);
    expect(changed.change).toBe("modifie");
    expect(changed.text.filter((p: Json) => p.op === "added").map((p: Json) => p.text).join("")).toContain("Première modification.");
    expect(diff.body.options).toContain("gestion_action_logement.choice");

    const [{ n: rowsBefore }] = await database.db.select({ n: count() }).from(yjsUpdates).where(eq(yjsUpdates.conventionId, id));
    const restored = await api(t.base, cookies.bailleur, "POST", `/api/conventions/${id}/versions/${v2.body.id}/restore`, {});
    expect(restored.status).toBe(200);
    expect(await articleText()).toEqual(textOfV2);
    const read = await api(t.base, cookies.bailleur, "GET", `/api/conventions/${id}`);
    expect(read.body.options.find((o: Json) => o.key === "gestion_action_logement").value.choice).toBe("deleguee");

    // History: a new version and an audit event record the restore; the update log only grew.
    const v = await view(cookies.commune, id);
    expect(v.versions[0]).toMatchObject({ number: 3, automatic: true });
    expect(v.versions[0].name).toMatch(/Restauration de la version 2/);
    expect(v.audit.some((e: Json) => e.kind === "version" && e.details.action === "restore" && e.details.number === 2)).toBe(true);
    expect(await until(async () => {
      const [{ n }] = await database.db.select({ n: count() }).from(yjsUpdates).where(eq(yjsUpdates.conventionId, id));
      return n > rowsBefore;
    })).toBe(true);
    const sameAsV2 = await api(t.base, cookies.bailleur, "GET", `/api/conventions/${id}/versions/2/diff/3`);
    expect(sameAsV2.body.articles.every((a: Json) => a.change === "identique")).toBe(true);
    // The creation, two versions, the restore and its automatic version (the relay's journal of the live edits, written
    // per author and minute, is not counted here: tests/integration/journal.test.ts covers it).
    const audits = await database.db.select({ kind: auditEvents.kind }).from(auditEvents).where(eq(auditEvents.conventionId, id));
    expect(audits.filter((e) => !["text", "option", "parameter"].includes(e.kind))).toHaveLength(5);
  });
});

describe("comment threads", () => {
  it("anchors a thread to a text range that survives concurrent edits; replies, resolve and reopen; lecture reads", async () => {
    const { conventionId: id, cookies } = await negotiationFixture(database);
    const { body: conv } = await api(t.base, cookies.bailleur, "GET", `/api/conventions/${id}`);
    const article = conv.articles[0];
    const client = connectClient(t.base, id, cookies.ddets);
    try {
      expect(await until(() => client.provider.synced, 10_000)).toBe(true);
      // The range: the first five characters of the article's first text run.
      insertInArticle(client.doc, article.id, "ALPHA ");
      const run = findRun(client.doc, "ALPHA ");
      const from = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(run, 0));
      const to = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(run, 5));
      const created = await api(t.base, cookies.commune, "POST", `/api/conventions/${id}/comments`, { article: article.id, body: "Pourquoi ALPHA ?", anchor: { from, to, quote: "ALPHA" } });
      expect(created.status).toBe(201);
      expect((await api(t.base, cookies.commune, "POST", `/api/conventions/${id}/comments`, { body: "Sans ancre" })).status).toBe(400);

      // Someone types before the anchored words: the stored anchor still designates "ALPHA".
      run.insert(0, "Préambule ajouté. ");
      const [thread] = (await api(t.base, cookies.departement, "GET", `/api/conventions/${id}/comments`)).body;
      const start = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(thread.anchor.from), client.doc)!;
      const end = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(thread.anchor.to), client.doc)!;
      expect((start.type as Y.XmlText).toString().replace(/<[^>]+>/g, "").slice(start.index, end.index)).toBe("ALPHA");

      expect((await api(t.base, cookies.bailleur, "POST", `/api/conventions/${id}/comments/${thread.id}/replies`, { body: "Voir l'article 3." })).status).toBe(201);
      expect((await api(t.base, cookies.commune, "POST", `/api/conventions/${id}/comments/${thread.id}/resolve`, {})).status).toBe(200);
      let [seen] = (await api(t.base, cookies.departement, "GET", `/api/conventions/${id}/comments`)).body;
      expect(seen).toMatchObject({ resolved: true, body: "Pourquoi ALPHA ?", replies: [{ body: "Voir l'article 3." }] });
      expect((await api(t.base, cookies.departement, "POST", `/api/conventions/${id}/comments/${thread.id}/reopen`, {})).status).toBe(403);
      expect((await api(t.base, cookies.ddets, "POST", `/api/conventions/${id}/comments/${thread.id}/reopen`, {})).status).toBe(200);
      [seen] = (await api(t.base, cookies.departement, "GET", `/api/conventions/${id}/comments`)).body;
      expect(seen.resolved).toBe(false);
      expect((await api(t.base, cookies.ddets, "POST", `/api/conventions/${id}/comments/inconnu/replies`, { body: "?" })).status).toBe(404);
      const audit = (await view(cookies.departement, id)).audit.filter((e: Json) => e.kind === "comment").map((e: Json) => e.details.action);
      expect(audit).toEqual(["create", "reply", "resolve", "reopen"]);
    } finally {
      client.destroy();
    }
  });
});

function findRun(doc: Y.Doc, prefix: string): Y.XmlText {
  const walk = (node: Y.XmlElement | Y.XmlFragment): Y.XmlText | null => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText && child.toString().replace(/<[^>]+>/g, "").startsWith(prefix)) return child;
      if (child instanceof Y.XmlElement) {
        const found = walk(child);
        if (found) return found;
      }
    }
    return null;
  };
  const run = walk(doc.getXmlFragment("body"));
  if (!run) throw new Error("run not found");
  return run;
}
