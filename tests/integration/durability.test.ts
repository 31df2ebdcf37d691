import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openDb, type DbHandle } from "../../db/client";
import { createConvention, createMember } from "../../db/factories";
import { yjsUpdates } from "../../db/schema";
import { freePort, startChildServer, stopChild, type ChildServer } from "../support/child-server";
import { connectClient, cookieFor, until, type TestClient } from "../support/server";

const url = process.env.DATABASE_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-durability-"));
const env: Record<string, string> = url ? { DATABASE_URL: url } : { CONFLUX_DATA_DIR: dataDir, CONFLUX_DEMO_SEED: "false" };
const open = (): Promise<DbHandle> =>
  url ? openDb({ kind: "postgres", url, max: 2 }) : openDb({ kind: "pglite", dataDir: path.join(dataDir, "pglite") });

const children: ChildServer[] = [];
const clients: TestClient[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const c of children) await stopChild(c.process, "SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("durability", () => {
  it("loses nothing a connected client holds when the server is killed during a burst of 2 000 updates", async () => {
    // PGlite has no cross-process lock: the test writes its fixtures, closes, and only then lets the server open it.
    const setup = await open();
    const bailleur = await createMember(setup.db, "bailleur");
    const prefet = await createMember(setup.db, "prefet");
    const convention = await createConvention(setup.db, {
      pilotOrganisationId: bailleur.organisation.id,
      parties: [
        { organisationId: bailleur.organisation.id, role: "edition" },
        { organisationId: prefet.organisation.id, role: "edition" },
      ],
    });
    const cookieA = await cookieFor(setup, bailleur.user.id);
    const cookieB = await cookieFor(setup, prefet.user.id);
    await setup.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = await startChildServer(env, port);
    children.push(first);
    const a = connectClient(base, convention.id, cookieA);
    clients.push(a);
    expect(await until(() => a.provider.synced, 10_000)).toBe(true);

    const text = a.doc.getText("burst");
    for (let i = 0; i < 2_000; i++) {
      text.insert(text.length, `${i % 10}`);
      if (i % 20 === 19) await new Promise((r) => setImmediate(r));
      if (i === 1_000) first.process.kill("SIGKILL");
    }
    await stopChild(first.process, "SIGKILL");
    expect(text.length).toBe(2_000);

    const second = await startChildServer(env, port);
    children.push(second);
    // The client reconnects on its own and the two sync steps exchange what each side lacks.
    const fresh = () => {
      const c = connectClient(base, convention.id, cookieB);
      clients.push(c);
      return c;
    };
    expect(await until(() => a.provider.wsconnected && a.provider.synced, 20_000)).toBe(true);
    let b = fresh();
    expect(
      await until(() => b.provider.synced && b.doc.getText("burst").toString() === text.toString(), 20_000),
    ).toBe(true);
    expect(Y.encodeStateVector(b.doc)).toEqual(Y.encodeStateVector(a.doc));
    b.destroy();
    a.destroy();

    // A graceful stop flushes; what the database holds is the client's document.
    expect(await stopChild(second.process, "SIGTERM")).toBe(0);
    const check = await open();
    try {
      const rows = await check.db.select().from(yjsUpdates).where(eq(yjsUpdates.conventionId, convention.id));
      const stored = new Y.Doc();
      for (const r of rows) Y.applyUpdate(stored, r.update);
      expect(stored.getText("burst").toString()).toBe(text.toString());
    } finally {
      await check.close();
    }

    // And a third server start serves the same state to a fresh client.
    const third = await startChildServer(env, port);
    children.push(third);
    b = fresh();
    expect(await until(() => b.provider.synced && b.doc.getText("burst").length === 2_000, 20_000)).toBe(true);
    expect(b.doc.getText("burst").toString()).toBe(text.toString());
    await stopChild(third.process, "SIGTERM");
  });
});
