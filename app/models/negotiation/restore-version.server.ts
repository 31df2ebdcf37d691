import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { BODY_FRAGMENT } from "../../collab/document";
import { editorSchema } from "../../collab/document.server";
import { replaceConventionData, type ClientData } from "../../collab/state";
import type { VersionContent } from "../../domain/negotiation/versions";
import { recordAudit } from "../audit.server";
import { bumpNegotiation, refuse, type Actor, type NegotiationDeps } from "./context.server";
import { insertVersion } from "./create-version.server";
import { applyToLiveDocument, changeCopy } from "./document-change.server";
import { negotiationTransaction, writeStatus } from "./transaction.server";
import { versionContent } from "./versions.server";

/**
 * Restores a version as a new forward change: the body fragment is transformed into the version's (y-tiptap diffs
 * it, so concurrent readers keep their carets where the text did not change) and the data maps get its values, in
 * one Yjs transaction. History is kept: the audit event, the status change it may cause and the automatic version
 * that records the result commit together, then the change reaches the live document through the collaboration
 * service. Signed conventions cannot be restored.
 */
export async function restoreVersion(deps: NegotiationDeps, conventionId: string, actor: Actor, ref: string) {
  if (!actor.isPilot) refuse("VERSION_PILOT_ONLY", 403);
  const version = await versionContent(deps.db, conventionId, ref);
  const doc = await deps.collab.readDocument(conventionId);
  try {
    const update = changeCopy(doc, (copy) => applyVersion(copy, version.content));
    const { created, statusChanged } = await negotiationTransaction(deps.db, conventionId, async (tx, from) => {
      await recordAudit(tx, {
        conventionId,
        organisationId: actor.organisationId,
        userId: actor.userId,
        kind: "version",
        details: { action: "restore", version: version.id, number: version.number, name: version.name },
      });
      // Restoring changes the text: a ready convention goes back to negotiation, as after a client's edit.
      const statusChanged = from === "prete_pour_signature" && (await writeStatus(tx, conventionId, from, "en_negociation"));
      if (statusChanged)
        await recordAudit(tx, {
          conventionId,
          organisationId: actor.organisationId,
          userId: actor.userId,
          kind: "status",
          details: { from, to: "en_negociation", reason: "restauration d'une version" },
        });
      const name = `Restauration de la version ${version.number} (${version.name})`;
      const created = await insertVersion(tx, deps, conventionId, actor, { name, automatic: true }, doc, statusChanged ? "en_negociation" : from);
      return { created, statusChanged };
    });
    await applyToLiveDocument(deps.collab, conventionId, update);
    if (statusChanged) await deps.collab.refreshAccess(conventionId);
    await bumpNegotiation(deps.collab, conventionId);
    return { restored: { id: version.id, number: version.number }, version: created };
  } finally {
    doc.destroy();
  }
}

/**
 * Makes the document read as `content`: the body by y-tiptap's structural diff, the data clients write key by key.
 * Meta, the inventory and the parties are the server's, from the database: a version does not bring them back.
 */
function applyVersion(doc: Y.Doc, c: VersionContent) {
  prosemirrorJSONToYXmlFragment(editorSchema(), c.body, doc.getXmlFragment(BODY_FRAGMENT));
  replaceConventionData(doc, { parameters: c.parameters, options: c.options } as ClientData);
}
