// Several instances of the portal on one PostgreSQL and one Redis (docs/decisions/0013-scale-out-on-redis.md): each
// instance is a real process (server/index.ts), clients are real y-websocket clients spread over them as a load
// balancer would, Redis is the test's own server so that it can fail. Needs a shared PostgreSQL: on the embedded
// database (one process only) the file is skipped.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { DbHandle } from "../../db/client";
import { yjsUpdates } from "../../db/schema";
import { freePort, startChildServer, stopChild, type ChildServer } from "../support/child-server";
import { openTestDb } from "../support/db";
import { redisServerAvailable, startTestRedis, type TestRedis } from "../support/redis";
import { connectClient, until, type TestClient } from "../support/server";
import { api, negotiationFixture } from "./negotiation-support";

// Every y-websocket provider adds a process "exit" listener; this file opens more than the default ten on purpose.
process.setMaxListeners(0);

const PUBLIC_ORIGIN = "http://conflux.test";
const shared = Boolean(process.env.DATABASE_URL) && redisServerAvailable;

let database: DbHandle;
let redis: TestRedis;
const instances: ChildServer[] = [];
const clients: TestClient[] = [];

async function startInstance(): Promise<ChildServer> {
  const instance = await startChildServer(
    {
      DATABASE_URL: process.env.DATABASE_URL!,
      CONFLUX_REDIS_URL: redis.url,
      CONFLUX_ALLOWED_ORIGINS: PUBLIC_ORIGIN,
      CONFLUX_SAVE_DELAY_MS: "20",
      // Compaction every few rows: three instances compact the same documents all along, while rows still arrive.
      CONFLUX_COMPACT_AFTER_ROWS: "4",
    },
    await freePort(),
  );
  instances.push(instance);
  return instance;
}

const base = (instance: ChildServer) => `http://127.0.0.1:${instance.port}`;

/** A client behind the load balancer: the public Origin, connected to one instance. */
function client(instance: ChildServer, conventionId: string, cookie: string, doc?: Y.Doc): TestClient {
  const c = connectClient(base(instance), conventionId, cookie, { origin: PUBLIC_ORIGIN, doc });
  clients.push(c);
  return c;
}

/** What the database holds for a document, merged. */
async function stored(conventionId: string): Promise<Y.Doc> {
  const rows = await database.db.select({ update: yjsUpdates.update }).from(yjsUpdates).where(eq(yjsUpdates.conventionId, conventionId));
  const doc = new Y.Doc();
  if (rows.length) Y.applyUpdate(doc, Y.mergeUpdates(rows.map((r) => r.update)));
  return doc;
}

describe.skipIf(!shared)("several instances on Redis", () => {
  beforeAll(async () => {
    database = await openTestDb();
    redis = await startTestRedis();
    for (let i = 0; i < 3; i++) await startInstance();
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const instance of instances) await stopChild(instance.process, "SIGTERM");
    await redis?.kill();
    await database?.close();
  });

  it("converges clients spread over three instances, presence included; lecture stays read-only; logout closes sockets everywhere", async () => {
    const [a, b, c] = instances;
    const fx = await negotiationFixture(database);
    const onA = client(a, fx.conventionId, fx.cookies.bailleur);
    const onB = client(b, fx.conventionId, fx.cookies.ddets);
    const onC = client(c, fx.conventionId, fx.cookies.al);
    const reader = client(c, fx.conventionId, fx.cookies.departement);
    expect(await until(() => [onA, onB, onC, reader].every((x) => x.provider.synced), 15_000)).toBe(true);

    onA.doc.getText("probe").insert(0, "A;");
    onB.doc.getText("probe").insert(0, "B;");
    onC.doc.getText("probe").insert(0, "C;");
    const text = (x: TestClient) => x.doc.getText("probe").toString();
    expect(await until(() => [onA, onB, onC, reader].every((x) => text(x).length === 6 && text(x) === text(onA)), 10_000)).toBe(true);

    // Presence: each sees the others' names, as the server rewrote them, whatever instance they are on.
    onA.provider.awareness.setLocalStateField("user", { name: "usurpé" });
    onB.provider.awareness.setLocalStateField("user", { name: "usurpé" });
    const names = (x: TestClient) => [...x.provider.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name).filter(Boolean);
    expect(await until(() => names(onC).length >= 2, 10_000)).toBe(true);
    expect(names(onC)).not.toContain("usurpé");

    // The département is in lecture: its edit is dropped on its instance and never reaches the others.
    reader.doc.getText("probe").insert(0, "INTERDIT;");
    onC.doc.getText("probe").insert(text(onC).length, "fin");
    expect(await until(() => text(onA).endsWith("fin"), 10_000)).toBe(true);
    expect(text(onA)).not.toContain("INTERDIT");
    expect(text(onB)).not.toContain("INTERDIT");

    // Logout on instance A closes the same session's socket on instance B.
    const session = fx.cookies.ddets;
    const logout = await fetch(`${base(a)}/logout`, { method: "POST", headers: { cookie: session, origin: base(a) }, redirect: "manual" });
    expect(logout.status).toBe(303);
    expect(await until(() => onB.closes.includes(4401), 10_000)).toBe(true);

    // A membership change made through instance A reaches Action Logement's socket on instance C: its edits stop
    // reaching the others. Each round, its edit is followed by a marker from another client of the same instance
    // (one publisher: Redis keeps their order), so that a round whose marker arrives alone shows the edit was dropped.
    const marker = client(c, fx.conventionId, fx.cookies.bailleur);
    expect(await until(() => marker.provider.synced, 10_000)).toBe(true);
    const lowered = await api(base(a), fx.cookies.bailleur, "POST", `/api/conventions/${fx.conventionId}/parties`, { organisationId: fx.members.al.organisation.id, role: "lecture" });
    expect(lowered.status).toBe(200);
    const watcher = client(a, fx.conventionId, fx.cookies.commune);
    expect(await until(() => watcher.provider.synced, 10_000)).toBe(true);
    let dropped = false;
    for (let round = 0; round < 50 && !dropped; round++) {
      onC.doc.getText("probe").insert(0, `edit${round};`);
      marker.doc.getText("probe").insert(0, `repere${round};`);
      expect(await until(() => text(watcher).includes(`repere${round};`), 10_000)).toBe(true);
      dropped = !text(watcher).includes(`edit${round};`);
    }
    expect(dropped).toBe(true);
  });

  it("loses nothing when an instance is killed during a burst of 2 000 updates: its clients go to another instance", async () => {
    const [a, b, c] = instances;
    const fx = await negotiationFixture(database);
    const writer = client(b, fx.conventionId, fx.cookies.bailleur);
    const watcherB = client(b, fx.conventionId, fx.cookies.ddets);
    const watcherA = client(a, fx.conventionId, fx.cookies.al);
    // When its instance dies, a client reconnects through the load balancer to a living one.
    for (const x of [writer, watcherB]) x.provider.on("connection-close", () => (x.provider.serverUrl = `${base(a).replace(/^http/, "ws")}/collab`));
    expect(await until(() => [writer, watcherB, watcherA].every((x) => x.provider.synced), 15_000)).toBe(true);

    const list = writer.doc.getArray<number>("burst");
    for (let i = 0; i < 2_000; i++) {
      list.push([i]);
      if (i === 700) void stopChild(b.process, "SIGKILL");
      if (i % 25 === 0) await new Promise((r) => setTimeout(r, 2));
    }
    const complete = (x: TestClient) => x.doc.getArray("burst").length === 2_000;
    expect(await until(() => [writer, watcherB, watcherA].every(complete), 30_000)).toBe(true);
    const fresh = client(c, fx.conventionId, fx.cookies.ddets);
    expect(await until(() => fresh.provider.synced && complete(fresh), 15_000)).toBe(true);
    expect(fresh.doc.getArray("burst").toArray()).toEqual([...Array(2_000).keys()]);
    // Every update is in the database (instance A saved what instance B could not).
    expect(await until(async () => (await stored(fx.conventionId)).getArray("burst").length === 2_000, 15_000)).toBe(true);
    instances.splice(instances.indexOf(b), 1, await startInstance());
  });

  it("loses nothing when Redis restarts in the middle of typing", async () => {
    const [a, b] = instances;
    const fx = await negotiationFixture(database);
    const onA = client(a, fx.conventionId, fx.cookies.bailleur);
    const onB = client(b, fx.conventionId, fx.cookies.ddets);
    expect(await until(() => onA.provider.synced && onB.provider.synced, 15_000)).toBe(true);
    const type = async (x: TestClient, label: string, from: number, to: number) => {
      for (let i = from; i < to; i++) {
        x.doc.getArray<string>("lignes").push([`${label}${i}`]);
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    await Promise.all([type(onA, "a", 0, 50), type(onB, "b", 0, 50)]);
    await redis.kill();
    // While Redis is down each instance serves its own clients; readiness says so.
    await Promise.all([type(onA, "a", 50, 100), type(onB, "b", 50, 100)]);
    const ready = await fetch(`${base(a)}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ redis: "injoignable", database: "ok" });
    await redis.start();
    await Promise.all([type(onA, "a", 100, 150), type(onB, "b", 100, 150)]);
    const all = (x: TestClient) => x.doc.getArray<string>("lignes").length === 300;
    expect(await until(() => all(onA) && all(onB), 30_000)).toBe(true);
    expect(onA.doc.getArray("lignes").toArray()).toEqual(onB.doc.getArray("lignes").toArray());
    expect(await until(async () => (await stored(fx.conventionId)).getArray("lignes").length === 300, 15_000)).toBe(true);
    expect((await fetch(`${base(a)}/ready`)).status).toBe(200);
  });
});
