// Compaction of a document's update log when several instances write it (docs/decisions/0013-scale-out-on-redis.md):
// an instance compacts with the snapshot of what it knows; a row another instance wrote in between must survive.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { DbHandle } from "../../db/client";
import { createConvention, createMember } from "../../db/factories";
import { yjsUpdates } from "../../db/schema";
import { drizzleDocumentStore } from "../../server/collab/store";
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
});
