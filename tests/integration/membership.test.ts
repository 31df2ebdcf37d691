import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { createMember } from "../../db/factories";
import { openTestDb } from "../support/db";
import { connectClient, cookieFor, startTestServer, until, type TestServer } from "../support/server";
import { api, negotiationFixture } from "./negotiation-support";

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

describe("parties of a convention after its creation", () => {
  it("the pilot invites, changes a role and removes a party; access follows at once, sockets included; all audited", async () => {
    const { conventionId, cookies, members } = await negotiationFixture(database, { inventory: true });
    const epci = await createMember(database.db, "epci");
    const epciCookie = await cookieFor(database, epci.user.id);
    const parties = `/api/conventions/${conventionId}/parties`;
    expect((await api(t.base, epciCookie, "GET", `/api/conventions/${conventionId}`)).status).toBe(404);

    // Invite as an editor: the new party reads the convention and its edits are relayed.
    expect((await api(t.base, cookies.bailleur, "POST", parties, { organisationId: epci.organisation.id, role: "edition" })).status).toBe(200);
    const state = await api(t.base, epciCookie, "GET", `/api/conventions/${conventionId}`);
    expect(state.status).toBe(200);
    expect(state.body.role).toBe("edition");
    // Its line appears in the flux table, computed like the others.
    const epciLine = `epci:${epci.organisation.id}`;
    expect(state.body.flux.tables[0].lines.filter((l: { key: string }) => l.key === epciLine)).toHaveLength(1);
    const newcomer = connectClient(t.base, conventionId, epciCookie);
    const watcher = connectClient(t.base, conventionId, cookies.ddets);
    try {
      expect(await until(() => newcomer.provider.synced && watcher.provider.synced)).toBe(true);
      newcomer.doc.getText("probe").insert(0, "bonjour");
      expect(await until(() => watcher.doc.getText("probe").toString() === "bonjour")).toBe(true);

      // Lowered to lecture: the open socket stops writing at once.
      expect((await api(t.base, cookies.bailleur, "POST", parties, { organisationId: epci.organisation.id, role: "lecture" })).status).toBe(200);
      newcomer.doc.getText("probe").insert(0, "INTERDIT ");
      await new Promise((r) => setTimeout(r, 400));
      expect(watcher.doc.getText("probe").toString()).toBe("bonjour");

      // Removed: 404 on the API and the socket is closed.
      expect((await api(t.base, cookies.bailleur, "DELETE", `${parties}/${epci.organisation.id}`)).status).toBe(200);
      expect((await api(t.base, epciCookie, "GET", `/api/conventions/${conventionId}`)).status).toBe(404);
      const after = await api(t.base, cookies.bailleur, "GET", `/api/conventions/${conventionId}`);
      expect(after.body.flux.tables[0].lines.some((l: { key: string }) => l.key === `epci:${epci.organisation.id}`)).toBe(false);
      expect(await until(() => newcomer.closes.includes(4403))).toBe(true);
    } finally {
      newcomer.destroy();
      watcher.destroy();
    }

    // Only the pilot manages parties; the pilot stays an editor; bad input is refused in French.
    const refused = await api(t.base, cookies.ddets, "POST", parties, { organisationId: epci.organisation.id, role: "edition" });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe("Seul le pilote de la convention invite des parties ou change leur rôle.");
    expect((await api(t.base, cookies.departement, "POST", parties, { organisationId: epci.organisation.id, role: "edition" })).status).toBe(403);
    expect((await api(t.base, cookies.outsider, "POST", parties, { organisationId: epci.organisation.id, role: "edition" })).status).toBe(404);
    expect((await api(t.base, cookies.bailleur, "POST", parties, { organisationId: members.bailleur.organisation.id, role: "lecture" })).status).toBe(400);
    expect((await api(t.base, cookies.bailleur, "DELETE", `${parties}/${members.bailleur.organisation.id}`)).status).toBe(400);
    const badRole = await api(t.base, cookies.bailleur, "POST", parties, { organisationId: epci.organisation.id, role: "admin" });
    expect(badRole.status).toBe(400);
    expect(badRole.body.message).toMatch(/edition, commentaire, lecture/);
    expect((await api(t.base, cookies.bailleur, "POST", parties, { organisationId: "inconnue", role: "edition" })).status).toBe(400);

    const view = await api(t.base, cookies.bailleur, "GET", `/api/conventions/${conventionId}/negotiation`);
    const memberships = (view.body.audit as { kind: string; details: { to: string | null } }[]).filter((e) => e.kind === "membership");
    expect(memberships.map((e) => e.details.to)).toEqual(["edition", "lecture", null]);
  });
});
