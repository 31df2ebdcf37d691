// Signing freezes a convention: the document and everything printed from outside it (parties, meta, inventory) are
// kept as they were, and from then on the read API and the exports read that frozen state, never the live data. Any
// later change (an import, a membership change) leaves a signed convention and its DOCX bytes as they were signed
// (docs/decisions/0010-server-owned-convention-data.md).
import { eq } from "drizzle-orm";
import * as Y from "yjs";
import type { Db, DbTransaction } from "../../db/client";
import { conventionSignatures } from "../../db/schema";
import type { CollabService } from "../collab/service";
import { replaceConventionData, type ServerData } from "../collab/state";
import { conventionFingerprint } from "../export/fingerprint.server";
import { loadConventionState } from "./convention-state.server";
import { loadServerData } from "./convention-data.server";

export interface PreparedSignature {
  snapshot: Uint8Array;
  serverData: ServerData;
  fingerprint: string;
}

/**
 * What the signature will freeze, read before the status changes: the live document and the server data as they are,
 * with the signature date and the "signée" status. Returns null when the convention has no structured content.
 */
export async function prepareSignature(
  deps: { db: Db; collab: CollabService },
  conventionId: string,
  signatureDate: string,
): Promise<PreparedSignature | null> {
  const server = await loadServerData(deps.db, conventionId);
  if (!server) return null;
  const doc = await deps.collab.readDocument(conventionId);
  try {
    const serverData: ServerData = {
      status: "signee",
      meta: { ...server.meta, signatureDate },
      parties: server.parties,
      flux: server.flux,
    };
    const mirrored = withMirror(doc, serverData);
    try {
      const { state } = await loadConventionState(deps.db, deps.collab, conventionId, mirrored);
      if (!state) return null;
      return { snapshot: Y.encodeStateAsUpdate(doc), serverData, fingerprint: conventionFingerprint(state).sha256 };
    } finally {
      mirrored.destroy();
    }
  } finally {
    doc.destroy();
  }
}

// A copy of the document whose mirror holds the given server data, so that the state is assembled from exactly that.
function withMirror(doc: Y.Doc, server: ServerData): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  replaceConventionData(copy, server);
  return copy;
}

/** Stores the frozen state; call it in the transaction that moves the status to "signée". */
export async function storeSignature(db: Db | DbTransaction, conventionId: string, userId: string, prepared: PreparedSignature) {
  await db.delete(conventionSignatures).where(eq(conventionSignatures.conventionId, conventionId));
  await db.insert(conventionSignatures).values({
    conventionId,
    signedBy: userId,
    snapshot: prepared.snapshot,
    serverData: prepared.serverData,
    fingerprint: prepared.fingerprint,
  });
}

/** When the convention was signed, if it was: the timestamp its exports carry from then on. */
export async function signedAt(db: Db, conventionId: string): Promise<Date | null> {
  const [row] = await db.select({ at: conventionSignatures.signedAt }).from(conventionSignatures).where(eq(conventionSignatures.conventionId, conventionId));
  return row?.at ?? null;
}
