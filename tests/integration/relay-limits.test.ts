// The relay's transport limits and its persistence acknowledgements, over real sockets: an oversized presence, too many
// sockets for one session, clients that stop reading, a database that refuses writes while someone types.
import WS from "ws";
import type * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACKS_PARAM, MESSAGE_PERSISTENCE, ownChangesSaved, readPersistence } from "../../app/collab/persistence";
import { createConvention, createMember } from "../../db/factories";
import type { DbHandle } from "../../db/client";
import { RELAY_CLOSE_CODES } from "../../server/collab/relay";
import { drizzleDocumentStore, type DocumentStore } from "../../server/collab/store";
import { openTestDb } from "../support/db";
import { connectClient, cookieFor, startTestServer, until, type TestServer } from "../support/server";

let database: DbHandle;

beforeAll(async () => {
  database = await openTestDb();
});
afterAll(async () => {
  await database?.close();
});

async function conventionWithEditors(count = 2) {
  const members = [];
  for (let i = 0; i < count; i++) members.push(await createMember(database.db, i === 0 ? "bailleur" : "prefet"));
  const convention = await createConvention(database.db, {
    pilotOrganisationId: members[0].organisation.id,
    parties: members.map((m) => ({ organisationId: m.organisation.id, role: "edition" as const })),
    document: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Texte" }] }] },
  });
  const cookies = await Promise.all(members.map((m) => cookieFor(database, m.user.id)));
  return { convention, members, cookies };
}

/** A raw socket to a convention, to look at close codes and to stop reading on purpose. */
function rawSocket(t: TestServer, conventionId: string, cookie: string) {
  const ws = new WS(`${t.base.replace(/^http/, "ws")}/collab/${conventionId}`, { headers: { cookie, origin: t.base } });
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return { ws, closed, opened };
}

describe("transport limits", () => {
  it("closes with 4413 a socket whose presence state is too large, and relays nothing of it", async () => {
    const t = await startTestServer(database, { collab: { maxPresenceBytes: 4_096 } });
    try {
      const s = await conventionWithEditors();
      const a = connectClient(t.base, s.convention.id, s.cookies[0]);
      const b = connectClient(t.base, s.convention.id, s.cookies[1]);
      const watcher = connectClient(t.base, s.convention.id, s.cookies[1]);
      expect(await until(() => a.provider.synced && b.provider.synced && watcher.provider.synced)).toBe(true);
      a.provider.awareness.setLocalStateField("user", { name: "A", color: "#112233", notes: "x".repeat(20_000) });
      expect(await until(() => a.closes.includes(RELAY_CLOSE_CODES.tooLarge))).toBe(true);
      // A marker from B, sent after A's state, reaches the watcher; A's state never did.
      b.provider.awareness.setLocalStateField("marker", "après");
      const watcherSees = () => [...watcher.provider.awareness.getStates().values()].map((state) => JSON.stringify(state));
      expect(await until(() => watcherSees().some((state) => state.includes("après")))).toBe(true);
      expect(watcherSees().some((state) => state.includes("xxxxxxxxxx"))).toBe(false);
      for (const c of [a, b, watcher]) c.destroy();
    } finally {
      await t.close();
    }
  });

  it("refuses with 4429 a socket beyond the per-session limit", async () => {
    const t = await startTestServer(database, { collab: { maxSocketsPerSession: 3 } });
    try {
      const s = await conventionWithEditors();
      const held = [0, 1, 2].map(() => connectClient(t.base, s.convention.id, s.cookies[0]));
      expect(await until(() => held.every((c) => c.provider.synced))).toBe(true);
      const extra = rawSocket(t, s.convention.id, s.cookies[0]);
      expect(await extra.closed).toBe(RELAY_CLOSE_CODES.tooManySockets);
      // Another session of another user is not affected.
      const other = connectClient(t.base, s.convention.id, s.cookies[1]);
      expect(await until(() => other.provider.synced)).toBe(true);
      for (const c of [...held, other]) c.destroy();
    } finally {
      await t.close();
    }
  });

  it("closes the sockets of clients that stop reading, so the server does not buffer the room's traffic for them", async () => {
    const t = await startTestServer(database, { collab: { maxBufferedBytes: 1_000_000, flushDelayMs: 5, writeBatchMs: 5 } });
    try {
      const s = await conventionWithEditors(3);
      const slow = [rawSocket(t, s.convention.id, s.cookies[1]), rawSocket(t, s.convention.id, s.cookies[2])];
      await Promise.all(slow.map((c) => c.opened));
      // They stop reading: the kernel buffers fill, then the server's.
      for (const c of slow) (c.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      const writer = connectClient(t.base, s.convention.id, s.cookies[0]);
      expect(await until(() => writer.provider.synced && t.server.collab.stats.connections === 3)).toBe(true);
      const rssBefore = process.memoryUsage().rss;
      const text = writer.doc.getText("flood");
      const chunk = "é".repeat(50_000);
      let sent = 0;
      // Up to 40 MB of updates for each of the two slow readers, unless the server closes them first.
      while (sent < 400 && t.server.collab.stats.connections > 1) {
        text.insert(text.length, chunk);
        sent++;
        // Let the server read and relay each batch (timers, not setImmediate: on a loaded machine the socket I/O
        // must get its turn, or the loop would outrun the server and count updates it never saw).
        if (sent % 10 === 0) await new Promise((r) => setTimeout(r, 20));
      }
      expect(await until(() => t.server.collab.stats.connections === 1, 10_000)).toBe(true);
      const grown = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
      console.log(`slow consumers dropped after ${sent} updates of 100 Ko; server RSS moved by ${grown.toFixed(1)} Mo`);
      // Without the bound, every update would wait in memory for each of them (2 × 40 Mo); the server dropped them
      // once about 1 Mo waited, beyond what the kernel's socket buffers hold.
      expect(sent).toBeLessThan(400);
      writer.destroy();
      for (const c of slow) c.ws.terminate();
    } finally {
      await t.close();
    }
  });
});

describe("acknowledged saves", () => {
  function ackedClient(t: TestServer, conventionId: string, cookie: string) {
    const c = connectClient(t.base, conventionId, cookie, { connect: false });
    const statuses: { saved: Uint8Array; failing: boolean }[] = [];
    c.provider.params = { [ACKS_PARAM]: "1" };
    c.provider.messageHandlers[MESSAGE_PERSISTENCE] = (_encoder: unknown, decoder: decoding.Decoder) => statuses.push(readPersistence(decoder));
    c.provider.connect();
    return { ...c, statuses };
  }

  it("tells the author when its changes are in the database, and that they are not while the database refuses writes", async () => {
    const real = drizzleDocumentStore(database.db);
    let failing = false;
    const attempts: number[] = [];
    const flaky: DocumentStore = {
      load: (id) => real.load(id),
      compact: (id, snapshot, upTo) => real.compact(id, snapshot, upTo),
      async appendMany(rows) {
        attempts.push(Date.now());
        if (failing) throw new Error("base injoignable");
        return real.appendMany(rows);
      },
    };
    const t = await startTestServer(database, { collab: { flushDelayMs: 5, writeBatchMs: 5, store: flaky } });
    try {
      const s = await conventionWithEditors();
      const author = ackedClient(t, s.convention.id, s.cookies[0]);
      // A plain y-websocket client (no opt-in) never receives the message: it would not understand it.
      const plain = connectClient(t.base, s.convention.id, s.cookies[1]);
      const plainGot: number[] = [];
      plain.provider.messageHandlers[MESSAGE_PERSISTENCE] = () => plainGot.push(1);
      expect(await until(() => author.provider.synced && plain.provider.synced && author.statuses.length > 0)).toBe(true);
      author.doc.getText("probe").insert(0, "premier");
      expect(await until(() => ownChangesSaved(author.doc, author.statuses.at(-1)?.saved ?? null))).toBe(true);
      expect(author.statuses.at(-1)?.failing).toBe(false);
      expect(await until(() => plain.doc.getText("probe").toString() === "premier")).toBe(true);
      expect(plainGot).toEqual([]);
      plain.destroy();

      // The database goes away while the author keeps typing: « non enregistré », and the retries keep their back-off.
      failing = true;
      const firstFailure = attempts.length;
      const typing = setInterval(() => author.doc.getText("probe").insert(0, "x"), 20);
      try {
        expect(await until(() => author.statuses.at(-1)?.failing === true)).toBe(true);
        expect(ownChangesSaved(author.doc, author.statuses.at(-1)!.saved)).toBe(false);
        expect(await until(() => attempts.length >= firstFailure + 5, 10_000)).toBe(true);
      } finally {
        clearInterval(typing);
      }
      const gaps = attempts.slice(firstFailure, firstFailure + 5).map((at, i, all) => (i === 0 ? 0 : at - all[i - 1])).slice(1);
      // 200, 400, 800, 1 600 ms of back-off after each failure (less the timers' own rounding), however fast one types.
      expect(gaps[0]).toBeGreaterThanOrEqual(190);
      expect(gaps[1]).toBeGreaterThanOrEqual(390);
      expect(gaps[2]).toBeGreaterThanOrEqual(790);
      expect(gaps[3]).toBeGreaterThanOrEqual(1590);
      failing = false;
      expect(await until(() => author.statuses.at(-1)?.failing === false && ownChangesSaved(author.doc, author.statuses.at(-1)!.saved), 10_000)).toBe(true);
      const stored = new Y.Doc();
      Y.applyUpdate(stored, Y.mergeUpdates((await real.load(s.convention.id)).updates));
      expect(stored.getText("probe").toString()).toBe(author.doc.getText("probe").toString());
      author.destroy();
    } finally {
      await t.close();
    }
  });
});
