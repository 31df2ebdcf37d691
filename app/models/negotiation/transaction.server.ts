// The transaction every negotiation write runs in (docs/decisions/0402-negotiation-commands-in-one-transaction.md):
// it starts by locking the convention's row, which serialises the writes of one convention (version numbers, status
// moves) and makes "signed means frozen" exact: a write that waited behind the signature sees it and is refused.
import { and, eq } from "drizzle-orm";
import type { Db, DbTransaction } from "../../../db/client";
import { conventions } from "../../../db/schema";
import type { ConventionStatus } from "../../lib/status";
import { refuse } from "./context.server";

/**
 * Runs `write` in one database transaction on a convention that is not signed: the write, its audit rows and its
 * automatic version commit together or not at all. A refusal thrown inside rolls everything back. Never await the
 * collaboration service inside `write`: opening a room reads the database outside the transaction, which with
 * PGlite's single connection waits for this transaction to end.
 */
export async function negotiationTransaction<T>(
  db: Db,
  conventionId: string,
  write: (tx: DbTransaction, status: ConventionStatus) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const status = await lockConvention(tx, conventionId);
    if (status === "signee") refuse("STATUS_SIGNED_LOCKED", 409);
    return write(tx, status);
  });
}

/**
 * Locks the convention's row until the transaction ends and returns its status. `FOR NO KEY UPDATE` conflicts with
 * itself and with the status update, but not with the key-share locks that inserts referencing the convention take
 * (Yjs update rows, exports' audit events), so only negotiation writes queue behind it.
 */
export async function lockConvention(tx: DbTransaction, conventionId: string): Promise<ConventionStatus> {
  const [row] = await tx.select({ status: conventions.status }).from(conventions).where(eq(conventions.id, conventionId)).for("no key update");
  if (!row) refuse("CONVENTION_NOT_FOUND", 404);
  return row.status as ConventionStatus;
}

export async function statusOf(db: Db, conventionId: string): Promise<ConventionStatus> {
  const [row] = await db.select({ status: conventions.status }).from(conventions).where(eq(conventions.id, conventionId));
  return (row?.status ?? "brouillon") as ConventionStatus;
}

/** Conditional update: of two concurrent changes from the same status, only one wins. Signing records its date. */
export async function writeStatus(
  db: Db | DbTransaction,
  conventionId: string,
  from: ConventionStatus,
  to: ConventionStatus,
  signatureDate?: string | null,
): Promise<boolean> {
  const rows = await db
    .update(conventions)
    .set({ status: to, updatedAt: new Date(), ...(signatureDate ? { signatureDate } : {}) })
    .where(and(eq(conventions.id, conventionId), eq(conventions.status, from)))
    .returning({ id: conventions.id });
  return rows.length > 0;
}
