import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { createConvention, createMember, createUser } from "../../db/factories";
import { sessions } from "../../db/schema";
import { hashPassword, verifyPassword } from "../../app/lib/password.server";
import {
  createSession,
  getSessionUser,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
} from "../../app/lib/session.server";
import { openTestDb } from "../support/db";
import { cookieFor, startTestServer, type TestServer } from "../support/server";

let database: DbHandle;
let t: TestServer;

beforeAll(async () => {
  database = await openTestDb();
  t = await startTestServer(database, { loginPerIpLimit: 1000 });
});
afterAll(async () => {
  await t?.close();
  await database?.close();
});

async function postLogin(email: string, password: string, origin = t.base) {
  return fetch(t.base + "/login", {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin },
    body: new URLSearchParams({ email, password }),
  });
}

describe("passwords", () => {
  it("hashes with scrypt, a per-user salt, and verifies only the right password", async () => {
    const a = await hashPassword("secret-1");
    const b = await hashPassword("secret-1");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("secret-1", a)).toBe(true);
    expect(await verifyPassword("secret-2", a)).toBe(false);
    expect(await verifyPassword("secret-1", "scrypt$garbage")).toBe(false);
  });
});

describe("POST /login", () => {
  it("answers 303 to the dashboard with an httpOnly, SameSite=Lax session cookie", async () => {
    const { user } = await createMember(database.db, "bailleur", { password: "bon-mot-de-passe" });
    const r = await postLogin(user.email.toUpperCase(), "bon-mot-de-passe");
    expect(r.status).toBe(303);
    expect(r.headers.get("location")).toBe("/");
    const cookie = r.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^conflux_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const dashboard = await fetch(t.base + "/", { headers: { cookie: cookie.split(";")[0] } });
    expect(await dashboard.text()).toContain("Mes conventions");
  });

  it("refuses wrong credentials with 401, a French message and no cookie", async () => {
    const { user } = await createMember(database.db, "bailleur", { password: "bon-mot-de-passe" });
    for (const [email, password] of [
      [user.email, "mauvais"],
      ["inconnu@test.conflux.fr", "bon-mot-de-passe"],
    ]) {
      const r = await postLogin(email, password);
      expect(r.status).toBe(401);
      expect(r.headers.get("set-cookie")).toBeNull();
      expect(await r.text()).toContain("Adresse e-mail ou mot de passe incorrect.");
    }
  });

  it("rejects a malformed e-mail with 400 and says what is expected", async () => {
    const r = await postLogin("pas-une-adresse", "x");
    expect(r.status).toBe(400);
    expect(await r.text()).toContain("Saisissez une adresse e-mail valide");
  });

  it("blocks an account after repeated failures, even with the right password", async () => {
    const { user } = await createMember(database.db, "commune", { password: "bon-mot-de-passe" });
    for (let i = 0; i < 10; i++) expect((await postLogin(user.email, `faux-${i}`)).status).toBe(401);
    const r = await postLogin(user.email, "bon-mot-de-passe");
    expect(r.status).toBe(429);
    expect(await r.text()).toContain("Trop de tentatives");
  });

  it("refuses a cross-site form post", async () => {
    const { user } = await createMember(database.db, "bailleur", { password: "bon-mot-de-passe" });
    const r = await postLogin(user.email, "bon-mot-de-passe", "https://evil.example");
    expect(r.status).toBe(403);
    expect(r.headers.get("set-cookie")).toBeNull();
  });

  it("is rate-limited per IP", async () => {
    const limited = await startTestServer(database, { loginPerIpLimit: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await fetch(limited.base + "/login", {
          method: "POST",
          redirect: "manual",
          headers: { "content-type": "application/x-www-form-urlencoded", origin: limited.base },
          body: new URLSearchParams({ email: `x${i}@test.conflux.fr`, password: "x" }),
        });
        statuses.push(r.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe("sessions", () => {
  it("logout invalidates the session server-side", async () => {
    const { user } = await createMember(database.db);
    const cookie = await cookieFor(database, user.id);
    const before = await fetch(t.base + "/api/conventions", { headers: { cookie } });
    expect(before.status).toBe(200);
    const out = await fetch(t.base + "/logout", { method: "POST", redirect: "manual", headers: { cookie, origin: t.base } });
    expect(out.status).toBe(303);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    const after = await fetch(t.base + "/api/conventions", { headers: { cookie } });
    expect(after.status).toBe(401);
    expect((await after.json()).message).toMatch(/session a expiré/);
  });

  it("expires after 12 hours idle and after 7 days in all", async () => {
    const { user } = await createMember(database.db);
    const start = new Date("2026-03-02T08:00:00Z");
    const idle = await createSession(database.db, user.id, start);
    expect(await getSessionUser(database.db, idle, new Date(start.getTime() + SESSION_IDLE_MS - 1000))).not.toBeNull();
    const touched = new Date(start.getTime() + SESSION_IDLE_MS - 1000);
    // Used just before the idle limit: the idle clock restarts.
    expect(await getSessionUser(database.db, idle, new Date(touched.getTime() + SESSION_IDLE_MS - 1000))).not.toBeNull();
    expect(await getSessionUser(database.db, idle, new Date(touched.getTime() + 2 * SESSION_IDLE_MS))).toBeNull();

    const absolute = await createSession(database.db, user.id, start);
    let now = start.getTime();
    while (now + SESSION_IDLE_MS / 2 < start.getTime() + SESSION_ABSOLUTE_MS) {
      now += SESSION_IDLE_MS / 2;
      expect(await getSessionUser(database.db, absolute, new Date(now))).not.toBeNull();
    }
    expect(await getSessionUser(database.db, absolute, new Date(start.getTime() + SESSION_ABSOLUTE_MS + 1))).toBeNull();
    const left = await database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(left).toHaveLength(0);
  });
});

describe("conventions and parties", () => {
  it("GET /api/conventions lists only the organisation's conventions, with its role", async () => {
    const pilot = await createMember(database.db, "bailleur");
    const prefet = await createMember(database.db, "prefet");
    const outsider = await createMember(database.db, "commune");
    const colleague = await createUser(database.db, { organisationId: prefet.organisation.id });
    const c = await createConvention(database.db, {
      title: "Convention test",
      pilotOrganisationId: pilot.organisation.id,
      parties: [
        { organisationId: pilot.organisation.id, role: "edition" },
        { organisationId: prefet.organisation.id, role: "commentaire" },
      ],
    });
    const list = await (await fetch(t.base + "/api/conventions", { headers: { cookie: await cookieFor(database, colleague.id) } })).json();
    expect(list).toEqual([expect.objectContaining({ id: c.id, title: "Convention test", role: "commentaire", parties: 2 })]);
    const none = await (await fetch(t.base + "/api/conventions", { headers: { cookie: await cookieFor(database, outsider.user.id) } })).json();
    expect(none).toEqual([]);
    expect((await fetch(t.base + "/api/conventions")).status).toBe(401);
  });

  it("answers 404 on the convention page to a non-party, 200 to a party, login redirect to nobody", async () => {
    const pilot = await createMember(database.db, "bailleur");
    const outsider = await createMember(database.db, "bailleur");
    const c = await createConvention(database.db, {
      pilotOrganisationId: pilot.organisation.id,
      parties: [{ organisationId: pilot.organisation.id, role: "edition" }],
    });
    const party = await fetch(`${t.base}/conventions/${c.id}`, { headers: { cookie: await cookieFor(database, pilot.user.id) } });
    expect(party.status).toBe(200);
    expect(await party.text()).toContain(c.title);
    const other = await fetch(`${t.base}/conventions/${c.id}`, { headers: { cookie: await cookieFor(database, outsider.user.id) } });
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain(c.title);
    const missing = await fetch(`${t.base}/conventions/00000000-0000-0000-0000-000000000000`, {
      headers: { cookie: await cookieFor(database, pilot.user.id) },
    });
    expect(missing.status).toBe(404);
    const anonymous = await fetch(`${t.base}/conventions/${c.id}`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(`/conventions/${c.id}`)}`);
  });

  it("sends security headers with a script nonce", async () => {
    const r = await fetch(t.base + "/login");
    const csp = r.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await r.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(html).toContain(`nonce="${nonce}"`);
  });
});
