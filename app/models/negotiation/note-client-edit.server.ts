import { recordAudit } from "../audit.server";
import { bumpNegotiation, type Actor, type NegotiationDeps } from "./context.server";
import { insertVersion } from "./create-version.server";
import { lockConvention, statusOf, writeStatus } from "./transaction.server";

/**
 * Called by the collaboration server after a client changed the document: a "prête pour signature" convention goes
 * back to "en négociation" (audited, with an automatic version, in one transaction). Cheap when the status is
 * anything else: one read, no document copy.
 */
export async function noteClientEdit(
  deps: NegotiationDeps,
  conventionId: string,
  editor: { userId: string; organisationId: string },
  reason = "modification du texte",
) {
  if ((await statusOf(deps.db, conventionId)) !== "prete_pour_signature") return false;
  const doc = await deps.collab.readDocument(conventionId);
  try {
    const actor: Actor = { ...editor, role: "edition", isPilot: false };
    const moved = await deps.db.transaction(async (tx) => {
      // Under the row lock the status may have moved on (signed, or already sent back by another edit): then nothing.
      if ((await lockConvention(tx, conventionId)) !== "prete_pour_signature") return false;
      if (!(await writeStatus(tx, conventionId, "prete_pour_signature", "en_negociation"))) return false;
      await recordAudit(tx, {
        conventionId,
        organisationId: editor.organisationId,
        userId: editor.userId,
        kind: "status",
        details: { from: "prete_pour_signature", to: "en_negociation", reason },
      });
      await insertVersion(tx, deps, conventionId, actor, { name: "Retour en négociation après modification", automatic: true }, doc, "en_negociation");
      return true;
    });
    if (moved) await bumpNegotiation(deps.collab, conventionId);
    return moved;
  } finally {
    doc.destroy();
  }
}
