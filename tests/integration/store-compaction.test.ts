// Compaction of a document's update log when several instances write it (docs/decisions/0013-scale-out-on-redis.md):
// an instance compacts with the snapshot of what it knows; a row another instance wrote in between must survive.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { DbHandle } from "../../db/client";
import { createConvention, createMember } from "../../db/factories";
import { yjsUpdates } from "../../db/schema";
import { Room } from "../../server/collab/room";
import { BatchWriter, drizzleDocumentStore } from "../../server/collab/store";
import { openTestDb } from "../support/db";

let database: DbHandle;
beforeAll(async () => {
  database = await openTestDb();
});
afterAll(async () => {
  await database?.close();
});

/** An update that appends `value` to the array "log" of a document of its own (its own client id). */
function edit(value: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getArray<string>("log").push([value]);
  return Y.encodeStateAsUpdate(doc);
}

describe("compaction of the update log", () => {
  async function documentWith(edits: Uint8Array[]) {
    const { organisation } = await createMember(database.db, "bailleur");
    const convention = await createConvention(database.db, { pilotOrganisationId: organisation.id, parties: [{ organisationId: organisation.id, role: "edition" }] });
    const store = drizzleDocumentStore(database.db);
    const ids = [];
    for (const update of edits) ids.push(...(await store.appendMany([{ conventionId: convention.id, update }])));
    const contents = async () => {
      const { updates } = await store.load(convention.id);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.mergeUpdates(updates));
      return doc.getArray<string>("log").toArray().sort();
    };
    return { conventionId: convention.id, store, ids, contents };
  }

  it("keeps a row written by another instance that the compacting one never saw", async () => {
    const fromA1 = edit("A1");
    const fromB = edit("B");
    const fromA2 = edit("A2");
    const { conventionId, store, ids, contents } = await documentWith([fromA1, fromB, fromA2]);
    // Instance A knows only its own edits, and compacts up to its last row: B's row lies in between.
    await store.compact(conventionId, Y.mergeUpdates([fromA1, fromA2]), ids[2]);
    expect(await contents()).toEqual(["A1", "A2", "B"]);
    const rows = await database.db.select({ id: yjsUpdates.id }).from(yjsUpdates).where(eq(yjsUpdates.conventionId, conventionId));
    expect(rows.length).toBe(1);
  });

  it("keeps everything when two instances compact the same document at once", async () => {
    const fromA1 = edit("A1");
    const fromB = edit("B");
    const fromA2 = edit("A2");
    const { conventionId, store, ids, contents } = await documentWith([fromA1, fromB, fromA2]);
    await Promise.all([store.compact(conventionId, Y.mergeUpdates([fromA1, fromA2]), ids[2]), store.compact(conventionId, fromB, ids[1])]);
    expect(await contents()).toEqual(["A1", "A2", "B"]);
  });

  it("does not read again the rows the compacting instance declares it holds, and still merges the others", async () => {
    const fromA1 = edit("A1");
    const fromB = edit("B");
    const fromA2 = edit("A2");
    const { conventionId, store, ids, contents } = await documentWith([fromA1, fromB, fromA2]);
    // A declares A1 and A2 known: only B's row is merged. To show the declared rows are skipped, the snapshot lacks A1
    // (a real instance never declares a row it does not hold): A1 is gone, B is kept.
    await store.compact(conventionId, fromA2, ids[2], [ids[0], ids[2]]);
    expect(await contents()).toEqual(["A2", "B"]);
  });

  it("merges every row not listed, those with smaller ids than a listed one included", async () => {
    const fromA1 = edit("A1");
    const fromB = edit("B");
    const fromA2 = edit("A2");
    const { conventionId, store, ids, contents } = await documentWith([fromA1, fromB, fromA2]);
    await store.compact(conventionId, fromA2, ids[2], [ids[2]]);
    expect(await contents()).toEqual(["A1", "A2", "B"]);
  });

  it("a room compacting its document keeps a row another instance wrote between two of its own", async () => {
    const { conventionId, store, contents } = await documentWith([]);
    const room = new Room(conventionId, store, new BatchWriter(store, 5), {
      flushDelayMs: 5,
      compactAfterRows: 2,
      maxPresenceBytes: 8 * 1024,
      maxBufferedBytes: 1024 * 1024,
      closeCodes: { tooLarge: 4413 },
    });
    try {
      await room.ready;
      room.applyServerUpdate(edit("A1"));
      await room.drain();
      // Another instance's row, which this room never received: its id lies between the room's two rows.
      await store.appendMany([{ conventionId, update: edit("B") }]);
      room.applyServerUpdate(edit("A2"));
      await room.drain(); // the second row reaches the threshold: the room compacts up to it
      const rows = await database.db.select({ id: yjsUpdates.id }).from(yjsUpdates).where(eq(yjsUpdates.conventionId, conventionId));
      expect(rows.length).toBe(1);
      expect(await contents()).toEqual(["A1", "A2", "B"]);
    } finally {
      room.destroy();
    }
  });
});
