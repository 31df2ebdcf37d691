// What several instances must count together, and the probes a load balancer reads
// (docs/decisions/0013-scale-out-on-redis.md). Two in-process instances share the test's database handle and the
// test's own Redis, so that this runs on the embedded database too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { createMember } from "../../db/factories";
import { freePort } from "../support/child-server";
import { openTestDb } from "../support/db";
import { redisServerAvailable, startTestRedis, type TestRedis } from "../support/redis";
import { startTestServer, until, type TestServer } from "../support/server";

let database: DbHandle;

beforeAll(async () => {
  database = await openTestDb();
});
afterAll(async () => {
  await database?.close();
});

/** A login attempt; the address is the one a trusted proxy on loopback reports (X-Forwarded-For). */
async function login(server: TestServer, email: string, password: string, ip = "192.0.2.1") {
  return fetch(`${server.base}/login`, {
    method: "POST",
    headers: { origin: server.base, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
}

describe("probes of a single instance", () => {
  it("is alive and ready without Redis; ready says Redis is unreachable when it is configured but down", async () => {
    const alone = await startTestServer(database);
    try {
      const health = await (await fetch(`${alone.base}/health`)).json();
      expect(health).toMatchObject({ status: "ok", instance: null });
      expect(Object.keys(health.eventLoop).sort()).toEqual(["maxMs", "p99Ms"]);
      const ready = await fetch(`${alone.base}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: "pret", database: "ok", redis: "non configuré" });
    } finally {
      await alone.close();
    }
    const orphan = await startTestServer(database, { redisUrl: `redis://127.0.0.1:${await freePort()}` });
    try {
      const ready = await fetch(`${orphan.base}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: "indisponible", database: "ok", redis: "injoignable" });
      // Still serving its own users meanwhile.
      expect((await fetch(`${orphan.base}/login`)).status).toBe(200);
    } finally {
      await orphan.close();
    }
  });
});

describe.skipIf(!redisServerAvailable)("limits counted across instances", () => {
  let redis: TestRedis;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    redis = await startTestRedis();
    a = await startTestServer(database, { redisUrl: redis.url, loginPerIpLimit: 5 });
    b = await startTestServer(database, { redisUrl: redis.url, loginPerIpLimit: 5 });
    expect(await until(async () => (await fetch(`${a.base}/ready`)).status === 200 && (await fetch(`${b.base}/ready`)).status === 200, 10_000)).toBe(true);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.kill();
  });

  it("counts the per-address login limit over both instances", async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(i % 2 ? b : a, `inconnu-${i}@exemple.fr`, "mauvais")).status);
    // Five attempts allowed from this address in all, wherever they land; the sixth is refused by instance B.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it("locks an address out of an account after failures spread over both instances, not the owner's address", async () => {
    const redisOnly = await startTestRedis();
    const c = await startTestServer(database, { redisUrl: redisOnly.url });
    const d = await startTestServer(database, { redisUrl: redisOnly.url });
    try {
      const { user } = await createMember(database.db, "bailleur", { password: "le-bon-mot-de-passe" });
      const attacker = "203.0.113.7";
      for (let i = 0; i < 10; i++) expect((await login(i % 2 ? d : c, user.email, "mauvais", attacker)).status).toBe(401);
      // The eleventh attempt from that address is refused before the password is checked, on either instance.
      expect((await login(c, user.email, "le-bon-mot-de-passe", attacker)).status).toBe(429);
      expect((await login(d, user.email, "le-bon-mot-de-passe", attacker)).status).toBe(429);
      // The owner, from its own address, signs in (after the account-wide slow-down).
      expect((await login(d, user.email, "le-bon-mot-de-passe", "198.51.100.2")).status).toBe(303);
    } finally {
      await c.close();
      await d.close();
      await redisOnly.kill();
    }
  });
});
