// Versions: a snapshot of the document (its Yjs state and its extracted content), numbered per convention. The
// automatic versions of other commands are written by `insertVersion` inside their transaction; `createVersion` and
// `createNamedVersion` are commands of their own. Numbering: docs/decisions/0402-negotiation-commands-in-one-transaction.md.
import { randomUUID } from "node:crypto";
import { eq, max, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { DbTransaction } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { conventionVersions } from "../../../db/schema";
import type { ConventionStatus } from "../../lib/status";
import { recordAudit } from "../audit.server";
import { bumpNegotiation, refuse, type Actor, type NegotiationDeps } from "./context.server";
import { contentOf, currentSnapshot } from "./snapshot.server";
import { negotiationTransaction } from "./transaction.server";

export interface VersionInput {
  name: string;
  automatic: boolean;
}

const NUMBER_UNIQUE = "convention_versions_number_unique";
const NUMBER_ATTEMPTS = 4;

/**
 * Inside a command's transaction (which holds the convention's row lock): stores `doc`, a copy of the document read
 * before the transaction, as the next version, with its audit event. `status` is the convention's status as the
 * transaction leaves it.
 */
export async function insertVersion(
  tx: DbTransaction,
  deps: NegotiationDeps,
  conventionId: string,
  actor: Pick<Actor, "userId" | "organisationId"> | null,
  input: VersionInput,
  doc: Y.Doc,
  status: ConventionStatus,
) {
  const snap = await currentSnapshot({ db: tx, collab: deps.collab }, conventionId, doc);
  const snapshot = Y.encodeStateAsUpdate(doc);
  const content = contentOf(snap);
  const id = randomUUID();
  const number = await nextVersionRow(tx, conventionId, {
    id,
    name: input.name,
    automatic: input.automatic,
    status,
    organisationId: actor?.organisationId ?? null,
    userId: actor?.userId ?? null,
    snapshot,
    content,
  });
  await recordAudit(tx, {
    conventionId,
    organisationId: actor?.organisationId ?? null,
    userId: actor?.userId ?? null,
    kind: "version",
    details: { action: "create", version: id, number, name: input.name, automatic: input.automatic },
  });
  return { id, number, name: input.name };
}

/**
 * Inserts the version row under the next free number and returns it. The row lock serialises numbering among
 * negotiation commands; a writer that does not take it could still commit the same number between our max() and our
 * insert. The unique index then refuses ours, the savepoint undoes only this attempt (the command's transaction
 * survives), and the next attempt reads the new maximum. Any other error is not a numbering race and goes up as is.
 */
async function nextVersionRow(tx: DbTransaction, conventionId: string, row: Omit<typeof conventionVersions.$inferInsert, "conventionId" | "number">) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await tx.transaction(async (savepoint) => {
        const [{ next }] = await savepoint
          .select({ next: sql<number>`coalesce(${max(conventionVersions.number)}, 0) + 1` })
          .from(conventionVersions)
          .where(eq(conventionVersions.conventionId, conventionId));
        await savepoint.insert(conventionVersions).values({ ...row, conventionId, number: Number(next) });
        return Number(next);
      });
    } catch (error) {
      if (attempt >= NUMBER_ATTEMPTS || !isUniqueViolation(error, NUMBER_UNIQUE)) throw error;
    }
  }
}

/** Stores a snapshot of the live document as a version of its own (refused once the convention is signed). */
export async function createVersion(
  deps: NegotiationDeps,
  conventionId: string,
  actor: Pick<Actor, "userId" | "organisationId"> | null,
  input: VersionInput,
) {
  const doc = await deps.collab.readDocument(conventionId);
  try {
    return await negotiationTransaction(deps.db, conventionId, (tx, status) => insertVersion(tx, deps, conventionId, actor, input, doc, status));
  } finally {
    doc.destroy();
  }
}

/** A version named by the pilot. */
export async function createNamedVersion(deps: NegotiationDeps, conventionId: string, actor: Actor, name: string) {
  if (!actor.isPilot) refuse("VERSION_PILOT_ONLY", 403);
  const version = await createVersion(deps, conventionId, actor, { name, automatic: false });
  await bumpNegotiation(deps.collab, conventionId);
  return version;
}
