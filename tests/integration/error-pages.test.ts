// An unknown address answers a French 404 inside the layout (header, navigation, a way back) and leaves no stack trace
// in the log; the favicon is served (browsers ask for /favicon.ico whatever the page says).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "../../db/client";
import { createMember } from "../../db/factories";
import { openTestDb } from "../support/db";
import { cookieFor, startTestServer, type TestServer } from "../support/server";

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

describe("error pages", () => {
  it("an unknown address: 404 in French inside the layout, nothing in the error log", async () => {
    const member = await createMember(database.db, "prefet");
    const logged: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    try {
      for (const cookie of [await cookieFor(database, member.user.id), ""]) {
        const response = await fetch(`${t.base}/une/adresse/inconnue`, { headers: cookie ? { cookie } : {} });
        expect(response.status).toBe(404);
        const html = await response.text();
        expect(html).toContain("<title>Page introuvable — Conflux</title>");
        expect(html).toContain("Page introuvable");
        expect(html).toContain("Retour à mes conventions");
        expect(html).toContain('class="topbar"');
        expect(html).not.toMatch(/No route matches|at [\w.]+ \(/);
      }
      // A convention the user is not party to: the same 404, with the catalogue's message.
      const cookie = await cookieFor(database, member.user.id);
      const hidden = await fetch(`${t.base}/conventions/00000000-0000-0000-0000-000000000000`, { headers: { cookie } });
      expect(hidden.status).toBe(404);
      expect(await hidden.text()).toContain("Convention introuvable, ou votre organisation n&#x27;y est pas partie.");
    } finally {
      spy.mockRestore();
    }
    expect(logged).toEqual([]);
  });

  it("serves the favicon in both formats", async () => {
    const ico = await fetch(`${t.base}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect([...new Uint8Array(await ico.arrayBuffer()).slice(0, 4)]).toEqual([0, 0, 1, 0]);
    expect((await fetch(`${t.base}/favicon.svg`)).status).toBe(200);
  });
});
