import { and, asc, eq, lte } from "drizzle-orm";
import type { Db } from "../../db/client";
import { yjsUpdates } from "../../db/schema";

/**
 * The persistence contract of a collaborative document: bytes in, bytes out. Rows are merged Yjs updates in
 * append order; a snapshot is just an update that replaces every row up to a given id.
 */
export interface DocumentStore {
  load(conventionId: string): Promise<{ updates: Uint8Array[]; lastId: number }>;
  append(conventionId: string, update: Uint8Array): Promise<number>;
  compact(conventionId: string, snapshot: Uint8Array, upToId: number): Promise<number>;
}

export function drizzleDocumentStore(db: Db): DocumentStore {
  return {
    async load(conventionId) {
      const rows = await db
        .select({ id: yjsUpdates.id, update: yjsUpdates.update })
        .from(yjsUpdates)
        .where(eq(yjsUpdates.conventionId, conventionId))
        .orderBy(asc(yjsUpdates.id));
      return { updates: rows.map((r) => r.update), lastId: rows.at(-1)?.id ?? 0 };
    },
    async append(conventionId, update) {
      const [row] = await db.insert(yjsUpdates).values({ conventionId, update }).returning({ id: yjsUpdates.id });
      return row.id;
    },
    async compact(conventionId, snapshot, upToId) {
      return db.transaction(async (tx) => {
        await tx
          .delete(yjsUpdates)
          .where(and(eq(yjsUpdates.conventionId, conventionId), lte(yjsUpdates.id, upToId)));
        const [row] = await tx
          .insert(yjsUpdates)
          .values({ conventionId, update: snapshot })
          .returning({ id: yjsUpdates.id });
        return row.id;
      });
    },
  };
}
