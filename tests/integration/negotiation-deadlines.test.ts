import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { openTestDb } from "../support/db";
import { startTestServer, type TestServer } from "../support/server";
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

describe("deadlines on negotiable options", () => {
  it("lets the pilot set and remove a deadline; the view flags it overdue without consensus; others are refused", async () => {
    const { conventionId, cookies } = await negotiationFixture(database);
    const path = `/api/conventions/${conventionId}/deadlines`;
    const option = "gestion_action_logement";
    const future = `${new Date().getUTCFullYear() + 1}-03-15`;

    const set = await api(t.base, cookies.bailleur, "POST", path, { option, deadline: future });
    expect(set.status).toBe(201);
    let view = await api(t.base, cookies.commune, "GET", `/api/conventions/${conventionId}/negotiation`);
    expect(view.body.deadlines).toEqual([expect.objectContaining({ option, deadline: future, overdue: false })]);

    // A past date with no consensus is overdue.
    expect((await api(t.base, cookies.bailleur, "POST", path, { option, deadline: "2020-01-31" })).status).toBe(201);
    view = await api(t.base, cookies.ddets, "GET", `/api/conventions/${conventionId}/negotiation`);
    expect(view.body.deadlines).toEqual([expect.objectContaining({ option, deadline: "2020-01-31", overdue: true })]);

    // Only the pilot sets deadlines; lecture cannot write at all; outsiders do not see the convention.
    for (const [who, status] of [["ddets", 403], ["commune", 403], ["departement", 403], ["outsider", 404]] as const) {
      const r = await api(t.base, cookies[who], "POST", path, { option, deadline: "2026-04-01" });
      expect(r.status, who).toBe(status);
    }
    const refused = await api(t.base, cookies.ddets, "POST", path, { option, deadline: "2026-04-01" });
    expect(refused.body.message).toBe("Seul le pilote de la convention fixe les échéances des options.");

    // Bad input: a date that does not exist, an unknown option.
    const bad = await api(t.base, cookies.bailleur, "POST", path, { option, deadline: "2026-02-30" });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/aaaa-mm-jj/);
    expect((await api(t.base, cookies.bailleur, "POST", path, { option: "inconnue", deadline: "2026-04-01" })).status).toBe(400);

    // Removing it appends a row; the history stays in the audit trail.
    expect((await api(t.base, cookies.bailleur, "POST", path, { option, deadline: null })).status).toBe(201);
    view = await api(t.base, cookies.bailleur, "GET", `/api/conventions/${conventionId}/negotiation`);
    expect(view.body.deadlines).toEqual([]);
    const deadlineEvents = (view.body.audit as { kind: string }[]).filter((e) => e.kind === "deadline");
    expect(deadlineEvents).toHaveLength(3);
  });
});
