// A server change of the shared document that a command records in SQL (the signature date, a restore). The
// document is not in the database transaction, so the change is made first on a copy, which the transaction stores
// as the automatic version; after commit, the very same Yjs update is applied to the live document through the
// collaboration service (docs/decisions/0402-negotiation-commands-in-one-transaction.md).
import * as Y from "yjs";
import type { CollabService } from "../../collab/service";

/** Applies `change` to `copy` in one Yjs transaction and returns the update it made, to apply to the live document. */
export function changeCopy(copy: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(copy);
  copy.transact(() => change(copy));
  return Y.encodeStateAsUpdate(copy, before);
}

/**
 * Applies an update made by `changeCopy` to the live document, as the server: every open browser receives it and it
 * is saved. Edits made since the copy was read are kept: the update merges with them like any Yjs update.
 */
export async function applyToLiveDocument(collab: CollabService, conventionId: string, update: Uint8Array) {
  await collab.updateDocument(conventionId, (doc) => Y.applyUpdate(doc, update));
}
