// Request bodies, malformed input and the smaller security holes, against a real server on port 0: each class of
// route with declared and chunked bodies, raw sockets where a fetch client would hide what the server does.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { createMember } from "../../db/factories";
import { BODY_LIMITS, JSON_LIMITS } from "../../app/lib/limits";
import { MESSAGES } from "../../app/lib/messages";
import { openTestDb } from "../support/db";
import { connectClient, startTestServer, until, type TestServer } from "../support/server";
import { negotiationFixture } from "./negotiation-support";

let database: DbHandle;
let t: TestServer;
let cookie: string;
let conventionId: string;
let articleId: string;

beforeAll(async () => {
  database = await openTestDb();
  t = await startTestServer(database);
  const fixture = await negotiationFixture(database);
  conventionId = fixture.conventionId;
  cookie = fixture.cookies.bailleur;
  const read = await fetch(`${t.base}/api/conventions/${conventionId}`, { headers: { cookie } });
  articleId = ((await read.json()) as { articles: { id: string }[] }).articles[0].id;
});
afterAll(async () => {
  await t?.close();
  await database?.close();
});

/** A body sent in chunks, without Content-Length (Transfer-Encoding: chunked). */
function chunked(bytes: Uint8Array, chunkSize = 16 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

function post(path: string, body: BodyInit, headers: Record<string, string>) {
  return fetch(t.base + path, {
    method: "POST",
    redirect: "manual",
    headers: { origin: t.base, cookie, ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

const commentsPath = () => `/api/conventions/${conventionId}/comments`;
const JSON_TYPE = { "content-type": "application/json" };
const FORM_TYPE = { "content-type": "application/x-www-form-urlencoded" };
const encoder = new TextEncoder();
const commentOf = (length: number) => encoder.encode(JSON.stringify({ body: "x".repeat(length), article: articleId }));
const comment = (body: string) => JSON.stringify({ body, article: articleId });

/** Sends raw bytes on a socket and resolves with what the server answered before closing (or within 5 s). */
function rawExchange(request: string, keepSending?: { chunk: string; everyMs: number }): Promise<{ response: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(t.port, "127.0.0.1");
    let response = "";
    let timer: NodeJS.Timeout | undefined;
    const done = (closed: boolean) => {
      clearInterval(timer);
      clearTimeout(deadline);
      socket.destroy();
      resolve({ response, closed });
    };
    const deadline = setTimeout(() => done(false), 5_000);
    socket.on("data", (d) => (response += d.toString("latin1")));
    socket.on("close", () => done(true));
    socket.on("error", () => done(true));
    socket.write(request);
    if (keepSending) timer = setInterval(() => socket.writable && socket.write(keepSending.chunk), keepSending.everyMs);
  });
}

describe("body limits", () => {
  it("JSON API: accepts a body within 256 Ko, refuses one above with 413 JSON, declared or chunked", async () => {
    const ok = await post(commentsPath(), commentOf(100), JSON_TYPE);
    expect(ok.status).toBe(201);

    const tooBig = commentOf(BODY_LIMITS.json);
    for (const body of [tooBig, chunked(tooBig)]) {
      const r = await post(commentsPath(), body, JSON_TYPE);
      expect(r.status).toBe(413);
      expect(r.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await r.json()).toEqual({ code: "BODY_TOO_LARGE", message: `${MESSAGES.BODY_TOO_LARGE} Limite : 256 Ko.` });
    }
  });

  it("/login and other forms: 16 Ko, declared or chunked; an ordinary login still works", async () => {
    const { user } = await createMember(database.db, "commune", { password: "bon-mot-de-passe" });
    const login = new URLSearchParams({ email: user.email, password: "bon-mot-de-passe" }).toString();
    expect((await post("/login", login, FORM_TYPE)).status).toBe(303);

    const padded = encoder.encode(`${login}&pad=${"x".repeat(BODY_LIMITS.form)}`);
    for (const body of [padded, chunked(padded, 4096)]) {
      const r = await post("/login", body, FORM_TYPE);
      expect(r.status).toBe(413);
      expect(r.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await r.text()).toBe(`${MESSAGES.BODY_TOO_LARGE} Limite : 16 Ko.`);
    }
    // Remix's single-fetch form submissions go to /login.data: same class, same limit.
    expect((await post("/login.data", padded, FORM_TYPE)).status).toBe(413);
    expect((await post("/conventions/nouvelle", padded, FORM_TYPE)).status).toBe(413);
  });

  it("refuses a declared 100 Mo login body at once, without waiting for a byte of it", async () => {
    const { response } = await rawExchange(
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nOrigin: ${t.base}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n`,
    );
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response).toMatch(/\r\nConnection: close\r\n/i);
    expect(response).toContain("Limite : 16 Ko.");
  });

  it("cuts off a chunked body that keeps streaming past the bound", async () => {
    const chunk = `1000\r\n${"x".repeat(0x1000)}\r\n`;
    const { response, closed } = await rawExchange(
      `POST /api/conventions/${conventionId}/comments HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nOrigin: ${t.base}\r\n` +
        `Cookie: ${cookie}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      { chunk, everyMs: 1 },
    );
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response).toContain('"code":"BODY_TOO_LARGE"');
    // The server closed the connection although the client never finished its body.
    expect(closed).toBe(true);
  });

  it("the inventory upload keeps its 50 Mo bound, refused from its declared length", async () => {
    const { response } = await rawExchange(
      `POST /inventaires HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nOrigin: ${t.base}\r\nCookie: ${cookie}\r\n` +
        `Content-Type: multipart/form-data; boundary=x\r\nContent-Length: ${BODY_LIMITS.inventoryUpload + 1}\r\n\r\n`,
    );
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response).toContain("Limite : 50 Mo.");
  });

  it("the integrations' inventory upload has the same 50 Mo bound, refused in JSON, not the API's 256 Ko", async () => {
    const form = new FormData();
    form.set("year", "2026");
    form.set("file", new Blob([new Uint8Array(400 * 1024).fill(0x41)]), "grand.csv");
    const within = await fetch(`${t.base}/api/inventories`, { method: "POST", headers: { cookie, origin: t.base }, body: form });
    // Read and refused for what it contains, not for its size.
    expect(within.status).not.toBe(413);
    const { response } = await rawExchange(
      `POST /api/inventories HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nOrigin: ${t.base}\r\nCookie: ${cookie}\r\n` +
        `Content-Type: multipart/form-data; boundary=x\r\nContent-Length: ${BODY_LIMITS.inventoryUpload + 1}\r\n\r\n`,
    );
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response).toMatch(/"code":"BODY_TOO_LARGE"/);
  });
});

describe("malformed input gets 400, never 500", () => {
  it("a NUL or another control character in an id of the URL", async () => {
    for (const path of [`/api/conventions/${conventionId}%00`, "/api/conventions/%01abc/comments", `/conventions/${conventionId}%00`]) {
      const r = await fetch(t.base + path, { headers: { cookie }, redirect: "manual" });
      expect(r.status, path).toBe(400);
      const text = await r.text();
      expect(text).toContain(MESSAGES.CONTROL_CHARACTER);
      expect(text).toContain("dans l'adresse");
    }
  });

  it("a NUL in a JSON string, names the field", async () => {
    const r = await post(commentsPath(), comment("bonjour\u0000"), JSON_TYPE);
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ code: "CONTROL_CHARACTER", message: MESSAGES.CONTROL_CHARACTER, field: "body" });
    // Tab and newline are text.
    expect((await post(commentsPath(), comment("ligne 1\n\tligne 2"), JSON_TYPE)).status).toBe(201);
  });

  it("a NUL in a form field", async () => {
    const r = await post("/login", new URLSearchParams({ email: "a@b.fr", password: "x\u0000y" }).toString(), FORM_TYPE);
    expect(r.status).toBe(400);
    expect(await r.text()).toBe(`${MESSAGES.CONTROL_CHARACTER} (champ « password »)`);
    const title = await post("/conventions/nouvelle", new URLSearchParams({ title: "Convention\u0001" }).toString(), FORM_TYPE);
    expect(title.status).toBe(400);
  });

  it(`JSON nested deeper than ${JSON_LIMITS.maxDepth} levels, the 50 000-deep comment anchor included`, async () => {
    const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
    const anchor = `{"body":"x","anchor":{"from":${deep(50_000)},"to":1}}`;
    const r = await post(commentsPath(), anchor, JSON_TYPE);
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({ code: "JSON_TOO_DEEP", message: MESSAGES.JSON_TOO_DEEP, field: null });
    // Just within the bound: parsed, then refused by the schema like any wrong anchor.
    const within = await post(commentsPath(), `{"body":"x","anchor":{"from":${deep(JSON_LIMITS.maxDepth - 2)},"to":1}}`, JSON_TYPE);
    expect(within.status).toBe(400);
    expect(((await within.json()) as { code: string }).code).toBe("FORM_INVALID");
  });
});

describe("login redirect", () => {
  it("never leaves the site, and a newline in the target does not break the answer", async () => {
    const { user } = await createMember(database.db, "commune", { password: "bon-mot-de-passe" });
    const page = await fetch(`${t.base}/login?redirectTo=%2F%09%2Fevil.example%2Fphish`);
    expect(page.status).toBe(200);
    const login = (redirectTo: string) =>
      post("/login", new URLSearchParams({ email: user.email, password: "bon-mot-de-passe", redirectTo }).toString(), FORM_TYPE);
    for (const target of ["/\t/evil.example/phish", "//evil.example", "/\\evil.example", "/%2F%2Fevil.example", "/x\nSet-Cookie: a=b", "https://evil.example"]) {
      const r = await login(target);
      expect(r.status, JSON.stringify(target)).toBe(303);
      expect(r.headers.get("location")).toBe("/");
    }
    expect((await login("/inventaires?annee=2026")).headers.get("location")).toBe("/inventaires?annee=2026");
  });
});

describe("login throttle", () => {
  const ATTACKER = "203.0.113.7";
  const OWNER = "198.51.100.2";
  // No session cookie: a signed-in visitor's POST /login ends on the page's redirect to the dashboard.
  const attempt = (email: string, password: string, ip: string) =>
    post("/login", new URLSearchParams({ email, password }).toString(), { ...FORM_TYPE, cookie: "", "x-forwarded-for": ip });

  it("an attacker's address locked out of an account does not lock the owner out from another address", async () => {
    const { user } = await createMember(database.db, "prefet", { password: "bon-mot-de-passe" });
    for (let i = 0; i < 10; i++) expect((await attempt(user.email, `faux-${i}`, ATTACKER)).status).toBe(401);
    // The attacker's pair is refused even with the right password.
    const blocked = await attempt(user.email, "bon-mot-de-passe", ATTACKER);
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain("Trop de tentatives");
    // The owner, elsewhere, signs in (slowed a little by the account-wide brake, not refused).
    expect((await attempt(user.email, "bon-mot-de-passe", OWNER)).status).toBe(303);
    // And the attacker's pair is still limited afterwards.
    expect((await attempt(user.email, "bon-mot-de-passe", ATTACKER)).status).toBe(429);
  });
});

describe("Origin: scheme and host", () => {
  const write = (origin: string, extra: Record<string, string> = {}) =>
    post(commentsPath(), comment("origine"), { ...JSON_TYPE, origin, ...extra });

  it("refuses an Origin of the right host but the wrong scheme; accepts the site's own", async () => {
    expect((await write(t.base)).status).toBe(201);
    const foreign = await write(t.base.replace("http://", "https://"));
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({ code: "ORIGIN_REFUSED", message: MESSAGES.ORIGIN_REFUSED });
  });

  it("behind the trusted proxy, X-Forwarded-Proto gives the scheme", async () => {
    const https = t.base.replace("http://", "https://");
    expect((await write(https, { "x-forwarded-proto": "https" })).status).toBe(201);
    expect((await write(t.base, { "x-forwarded-proto": "https" })).status).toBe(403);
  });

  it("allowed extra origins are compared with their scheme", async () => {
    const s = await startTestServer(database, { allowedOrigins: ["https://portail.exemple.fr"] });
    try {
      const send = (origin: string) =>
        fetch(`${s.base}${commentsPath()}`, { method: "POST", headers: { ...JSON_TYPE, cookie, origin }, body: comment("x") });
      expect((await send("https://portail.exemple.fr")).status).toBe(201);
      expect((await send("http://portail.exemple.fr")).status).toBe(403);
    } finally {
      await s.close();
    }
  });

  it("the collaboration socket refuses the wrong scheme with 4403 and accepts the right one", async () => {
    const wrong = connectClient(t.base, conventionId, cookie, { origin: t.base.replace("http://", "https://") });
    const right = connectClient(t.base, conventionId, cookie);
    try {
      expect(await until(() => wrong.closes.includes(4403))).toBe(true);
      expect(await until(() => right.provider.synced)).toBe(true);
    } finally {
      wrong.destroy();
      right.destroy();
    }
  });
});

describe("response headers", () => {
  it("CSP lets sockets reach this site only", async () => {
    const r = await fetch(`${t.base}/login`);
    const csp = r.headers.get("content-security-policy") ?? "";
    const connect = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("connect-src"));
    expect(connect).toBe(`connect-src 'self' ws://127.0.0.1:${t.port}`);
    const proxied = await fetch(`${t.base}/login`, { headers: { "x-forwarded-proto": "https" } });
    expect(proxied.headers.get("content-security-policy")).toContain(`connect-src 'self' wss://127.0.0.1:${t.port}`);
  });

  it("Cache-Control: no-store on every /api answer, refusals included, and on the DOCX export", async () => {
    const answers = [
      await fetch(`${t.base}/api/conventions`, { headers: { cookie } }),
      await fetch(`${t.base}${commentsPath()}`, { headers: { cookie } }),
      await fetch(`${t.base}/api/conventions/inconnue`, { headers: { cookie } }),
      await fetch(`${t.base}/api/conventions`),
      await post(commentsPath(), commentOf(BODY_LIMITS.json), JSON_TYPE),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 404, 401, 413]);
    for (const r of answers) expect(r.headers.get("cache-control")).toBe("no-store");
    const exported = await fetch(`${t.base}/conventions/${conventionId}/export.docx`, { headers: { cookie } });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("cache-control")).toContain("no-store");
  });
});
