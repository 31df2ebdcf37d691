import { and, asc, eq, lte, notInArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { yjsUpdates } from "../../db/schema";
import * as Y from "yjs";

/**
 * The persistence contract of a collaborative document: bytes in, bytes out. Rows are merged Yjs updates in
 * append order; a snapshot is just an update that replaces every row up to a given id.
 */
export interface DocumentStore {
  load(conventionId: string): Promise<{ updates: Uint8Array[]; ids: number[]; lastId: number }>;
  /** Appends rows in one statement; returns, per row, the highest id written for its convention. */
  appendMany(rows: { conventionId: string; update: Uint8Array }[]): Promise<number[]>;
  /**
   * Replaces every row up to `upToId` by one row: `snapshot` merged with the rows it may lack. The rows whose ids are
   * listed in `known` (the compacting instance loaded them or wrote them itself, so the snapshot holds them) are not
   * read again. Only explicit ids: a row inserted by another instance commits after rows with higher ids at times, so
   * "every row up to some id" is never known to be held.
   */
  compact(conventionId: string, snapshot: Uint8Array, upToId: number, known?: readonly number[]): Promise<number>;
}

export function drizzleDocumentStore(db: Db): DocumentStore {
  return {
    async load(conventionId) {
      const rows = await db
        .select({ id: yjsUpdates.id, update: yjsUpdates.update })
        .from(yjsUpdates)
        .where(eq(yjsUpdates.conventionId, conventionId))
        .orderBy(asc(yjsUpdates.id));
      return { updates: rows.map((r) => r.update), ids: rows.map((r) => r.id), lastId: rows.at(-1)?.id ?? 0 };
    },
    async appendMany(rows) {
      if (rows.length === 0) return [];
      // One JSON parameter instead of two per row: with PGlite the statement runs on the server's thread, and this
      // form costs about half as much for a batch of 50 rows as a multi-row VALUES list (measured; ADR 0003).
      const payload = JSON.stringify(rows.map((r) => ({ c: r.conventionId, u: Buffer.from(r.update).toString("hex") })));
      const result = await db.execute<{ id: number | string; convention_id: string }>(
        sql`INSERT INTO yjs_updates (convention_id, "update") SELECT x.c, decode(x.u, 'hex') FROM json_to_recordset(${payload}::json) AS x(c text, u text) RETURNING id, convention_id`,
      );
      const written = (Array.isArray(result) ? result : (result as { rows: { id: number | string; convention_id: string }[] }).rows) as {
        id: number | string;
        convention_id: string;
      }[];
      const last = new Map<string, number>();
      for (const w of written) last.set(w.convention_id, Math.max(last.get(w.convention_id) ?? 0, Number(w.id)));
      return rows.map((r) => last.get(r.conventionId)!);
    },
    async compact(conventionId, snapshot, upToId, known = []) {
      return db.transaction(async (tx) => {
        // Several instances may compact the same document: one at a time, and the rows replaced that the snapshot may
        // lack are merged into it, so that a row another instance wrote, and this one has not seen yet, is never lost.
        // Rows the instance knows it holds are skipped: merging is the costly part, and it runs on the event loop.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`yjs:${conventionId}`}))`);
        const replaced = await tx
          .select({ update: yjsUpdates.update })
          .from(yjsUpdates)
          .where(
            and(
              eq(yjsUpdates.conventionId, conventionId),
              lte(yjsUpdates.id, upToId),
              known.length > 0 ? notInArray(yjsUpdates.id, [...known]) : undefined,
            ),
          )
          .orderBy(asc(yjsUpdates.id));
        await tx.delete(yjsUpdates).where(and(eq(yjsUpdates.conventionId, conventionId), lte(yjsUpdates.id, upToId)));
        const merged = replaced.length > 0 ? Y.mergeUpdates([...replaced.map((r) => r.update), snapshot]) : snapshot;
        const [row] = await tx.insert(yjsUpdates).values({ conventionId, update: merged }).returning({ id: yjsUpdates.id });
        return row.id;
      });
    },
  };
}

interface QueuedWrite {
  conventionId: string;
  update: Uint8Array;
  resolve(id: number): void;
  reject(error: unknown): void;
}

/**
 * Coalesces the writes of every open document into one INSERT per tick. With PGlite the database runs on the
 * server's own thread, so the number of statements, not their size, is what steals time from relaying edits.
 */
export class BatchWriter {
  private queue: QueuedWrite[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: DocumentStore,
    private readonly delayMs: number,
    private readonly maxRows = 500,
  ) {}

  write(conventionId: string, update: Uint8Array): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ conventionId, update, resolve, reject });
      this.schedule(this.delayMs);
    });
  }

  private schedule(delay: number) {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.running.then(() => this.writeBatch());
    }, delay);
  }

  private async writeBatch() {
    const batch = this.queue.splice(0, this.maxRows);
    if (batch.length === 0) return;
    try {
      const ids = await this.store.appendMany(batch.map(({ conventionId, update }) => ({ conventionId, update })));
      batch.forEach((w, i) => w.resolve(ids[i]));
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
    if (this.queue.length > 0) this.schedule(0);
  }

  /** Writes whatever is queued now (shutdown). */
  async flushNow(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.queue.length > 0) {
      this.running = this.running.then(() => this.writeBatch());
      await this.running;
    }
    await this.running;
  }
}
