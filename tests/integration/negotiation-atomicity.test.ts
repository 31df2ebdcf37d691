// A negotiation command writes its row, its audit events and its automatic version in one transaction: when one
// statement fails, none of them stays. Failures are provoked in the real database by a CHECK constraint that refuses
// one convention's rows in one table, added for the test and dropped after it. Version numbers stay unique and
// gap-free under concurrent creation, on PGlite and on PostgreSQL.
import { randomUUID } from "node:crypto";
import { and, asc, count, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "../../db/client";
import { auditEvents, conventions, conventionVersions, negotiationPositions } from "../../db/schema";
import { noteClientEdit } from "../../app/models/negotiation.server";
import { openTestDb, testDbKind } from "../support/db";
import { startTestServer, until, type TestServer } from "../support/server";
import { api, makeReadyForSignature, negotiationFixture, type Json } from "./negotiation-support";

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

/**
 * Runs `act` while every insert of `table` for this convention fails (a CHECK constraint added NOT VALID, so rows
 * already there are not checked, and dropped afterwards; other conventions, hence other tests, are not affected).
 * Returns what `act` returned and what the server logged meanwhile, to check that the constraint is what failed.
 */
async function withInsertsRefused<T>(table: "audit_events" | "convention_versions", conventionId: string, act: () => Promise<T>) {
  if (!/^[0-9a-f-]{36}$/.test(conventionId)) throw new Error(`unexpected convention id ${conventionId}`);
  const constraint = `test_refuse_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await database.db.execute(sql.raw(`ALTER TABLE ${table} ADD CONSTRAINT ${constraint} CHECK (convention_id <> '${conventionId}') NOT VALID`));
  // The request handler logs the unexpected error; keep it (for the assertion) rather than print the query's bytes.
  const logged: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.map(errorText).join(" ")));
  try {
    const result = await act();
    return { result, logged: logged.join("\n"), violation: `violates check constraint "${constraint}"` };
  } finally {
    spy.mockRestore();
    await database.db.execute(sql.raw(`ALTER TABLE ${table} DROP CONSTRAINT ${constraint}`));
  }
}

const errorText = (e: unknown): string => (e instanceof Error ? `${e.message} ${errorText(e.cause)}` : e === undefined ? "" : String(e));

/** What the convention holds: status, audit events, positions, versions, and the value of one option. */
async function footprint(conventionId: string) {
  const rows = async (table: typeof auditEvents | typeof negotiationPositions | typeof conventionVersions) =>
    (await database.db.select({ n: count() }).from(table).where(eq(table.conventionId, conventionId)))[0].n;
  const [{ status }] = await database.db.select({ status: conventions.status }).from(conventions).where(eq(conventions.id, conventionId));
  return { status, audit: await rows(auditEvents), positions: await rows(negotiationPositions), versions: await rows(conventionVersions) };
}

const OPTION = "gestion_action_logement";
const optionChoice = async (cookie: string, id: string) =>
  (await api(t.base, cookie, "GET", `/api/conventions/${id}`)).body.options.find((o: Json) => o.key === OPTION).value.choice as string;

describe("one transaction per negotiation command", () => {
  it("keeps no position when its audit event cannot be written", async () => {
    const { conventionId: id, cookies } = await negotiationFixture(database);
    const position = { option: OPTION, position: "d_accord", reason: "Conforme" };
    const before = await footprint(id);
    const failed = await withInsertsRefused("audit_events", id, () => api(t.base, cookies.ddets, "POST", `/api/conventions/${id}/positions`, position));
    expect(failed.result.status).toBe(500);
    expect(failed.logged).toContain(failed.violation);
    expect(await footprint(id)).toEqual(before);
    // The same request goes through once the audit can be written: only the audit insert had failed.
    expect((await api(t.base, cookies.ddets, "POST", `/api/conventions/${id}/positions`, position)).status).toBe(201);
    expect(await footprint(id)).toEqual({ ...before, audit: before.audit + 1, positions: before.positions + 1 });
  });

  it("keeps neither the status change nor its audit event when its automatic version cannot be written", async () => {
    const { conventionId: id, cookies } = await negotiationFixture(database);
    const before = await footprint(id);
    expect(before.status).toBe("brouillon");
    const failed = await withInsertsRefused("convention_versions", id, () =>
      api(t.base, cookies.bailleur, "POST", `/api/conventions/${id}/status`, { status: "en_negociation" }),
    );
    expect(failed.result.status).toBe(500);
    expect(failed.logged).toContain(failed.violation);
    expect(await footprint(id)).toEqual(before);
    expect((await api(t.base, cookies.bailleur, "POST", `/api/conventions/${id}/status`, { status: "en_negociation" })).status).toBe(200);
    expect(await footprint(id)).toEqual({ ...before, status: "en_negociation", audit: before.audit + 2, versions: before.versions + 1 });
  });

  it("neither restores the document nor audits the restore when its automatic version cannot be written", async () => {
    const { conventionId: id, cookies } = await negotiationFixture(database);
    const original = await optionChoice(cookies.bailleur, id);
    const v1 = await api(t.base, cookies.bailleur, "POST", `/api/conventions/${id}/versions`, { name: "Avant le changement" });
    expect(v1.status).toBe(201);
    const changed = original === "deleguee" ? "directe" : "deleguee";
    await t.server.collab.updateDocument(id, (doc) => doc.getMap("options").set(OPTION, { choice: changed }));
    const before = await footprint(id);
    const failed = await withInsertsRefused("convention_versions", id, () =>
      api(t.base, cookies.bailleur, "POST", `/api/conventions/${id}/versions/${v1.body.number}/restore`, {}),
    );
    expect(failed.result.status).toBe(500);
    expect(failed.logged).toContain(failed.violation);
    expect(await footprint(id)).toEqual(before);
    expect(await optionChoice(cookies.bailleur, id)).toBe(changed);

    const restored = await api(t.base, cookies.bailleur, "POST", `/api/conventions/${id}/versions/${v1.body.number}/restore`, {});
    expect(restored.status).toBe(200);
    expect(await optionChoice(cookies.bailleur, id)).toBe(original);
    expect(await footprint(id)).toEqual({ ...before, audit: before.audit + 2, versions: before.versions + 1 });
  });

  it("leaves a ready convention ready when the return to negotiation after an edit cannot be versioned", async () => {
    const fx = await negotiationFixture(database);
    const id = fx.conventionId;
    await makeReadyForSignature(t.base, fx);
    const editor = { userId: fx.members.al.user.id, organisationId: fx.members.al.organisation.id };
    const deps = { db: database.db, collab: t.server.collab };
    const before = await footprint(id);
    expect(before.status).toBe("prete_pour_signature");
    const failed = await withInsertsRefused("convention_versions", id, () => noteClientEdit(deps, id, editor).then(() => "", errorText));
    expect(failed.result).toContain(failed.violation);
    expect(await footprint(id)).toEqual(before);
    expect(await noteClientEdit(deps, id, editor)).toBe(true);
    expect(await footprint(id)).toEqual({ ...before, status: "en_negociation", audit: before.audit + 2, versions: before.versions + 1 });
  });
});

describe("version numbers", () => {
  it("numbers versions created at the same time one after another, without gaps or duplicates", async () => {
    const { conventionId: id, cookies } = await negotiationFixture(database);
    const existing = (await api(t.base, cookies.bailleur, "GET", `/api/conventions/${id}/versions`)).body.length as number;
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) => api(t.base, cookies.bailleur, "POST", `/api/conventions/${id}/versions`, { name: `Jalon ${i + 1}` })),
    );
    expect(created.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(created.map((r) => r.body.number as number).sort((a, b) => a - b)).toEqual(Array.from({ length: 8 }, (_, i) => existing + i + 1));
    // Each version has exactly one audit event, naming its number.
    const audited = await database.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.conventionId, id), eq(auditEvents.kind, "version")))
      .orderBy(asc(auditEvents.id));
    expect(audited.map((e) => (e.details as Json).number).sort((a: number, b: number) => a - b)).toEqual(created.map((r) => r.body.number).sort((a, b) => a - b));
  });

  // PGlite has a single connection: no other writer can commit between our max() and our insert. On PostgreSQL a
  // writer that does not take the convention's lock can, and the unique index must make us take the next number.
  it.skipIf(testDbKind !== "postgres")("takes the next number when another writer commits the same one meanwhile (PostgreSQL)", async () => {
    const { conventionId: id, cookies } = await negotiationFixture(database);
    const first = await api(t.base, cookies.bailleur, "POST", `/api/conventions/${id}/versions`, { name: "Premier jalon" });
    expect(first.status).toBe(201);
    const taken = (first.body.number as number) + 1;
    // Two connections: one holds the other writer's transaction open, the other watches for our lock wait.
    const other = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
    let commitOther!: () => void;
    const otherMayCommit = new Promise<void>((resolve) => (commitOther = resolve));
    let otherInserted!: () => void;
    const inserted = new Promise<void>((resolve) => (otherInserted = resolve));
    try {
      const otherTx = other.begin(async (tx) => {
        await tx`INSERT INTO convention_versions (id, convention_id, number, name, automatic, status, snapshot, content)
                 VALUES (${randomUUID()}, ${id}, ${taken}, 'Écrite par un autre processus', true, 'brouillon', ${new Uint8Array([0, 0])}, ${tx.json({})})`;
        otherInserted();
        await otherMayCommit;
      });
      await inserted;
      const pending = api(t.base, cookies.bailleur, "POST", `/api/conventions/${id}/versions`, { name: "Jalon concurrent" });
      // Our insert of the same number now waits for the other transaction (a lock wait on its transaction id).
      const waiting = await until(async () => {
        const [{ n }] = await other`SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'insert into "convention_versions"%'`;
        return n > 0;
      }, 10_000);
      expect(waiting).toBe(true);
      commitOther();
      await otherTx;
      const created = await pending;
      expect(created.status).toBe(201);
      expect(created.body.number).toBe(taken + 1);
      const numbers = (await api(t.base, cookies.bailleur, "GET", `/api/conventions/${id}/versions`)).body.map((v: Json) => v.number);
      expect(numbers.slice(0, 3)).toEqual([taken + 1, taken, taken - 1]);
    } finally {
      commitOther();
      await other.end({ timeout: 5 });
    }
  });
});
