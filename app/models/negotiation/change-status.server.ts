import { DOC_KEYS } from "../../domain/convention/state";
import { legalMessages } from "../../domain/legal/messages";
import { transitionRefusal, type Readiness } from "../../domain/negotiation/status";
import { message } from "../../lib/messages";
import { STATUS_LABELS, type ConventionStatus } from "../../lib/status";
import { recordAudit } from "../audit.server";
import { prepareSignature, storeSignature } from "../signature.server";
import { bumpNegotiation, refuse, type Actor, type NegotiationDeps } from "./context.server";
import { insertVersion } from "./create-version.server";
import { applyToLiveDocument, changeCopy } from "./document-change.server";
import { conventionParties } from "../convention-state.server";
import { approvalRows, derive, incompleteSignatureBlocks, positionRows } from "./readiness.server";
import { currentSnapshot } from "./snapshot.server";
import { negotiationTransaction, writeStatus } from "./transaction.server";

/**
 * Moves the convention through its status machine; each change is audited and makes an automatic version, in one
 * transaction. Signing writes the date into the document's meta (the version already shows it), then the
 * collaboration server is told, so that open sockets turn read-only.
 */
export async function changeStatus(
  deps: NegotiationDeps,
  conventionId: string,
  actor: Actor,
  input: { status: ConventionStatus; signatureDate?: string | null },
) {
  const doc = await deps.collab.readDocument(conventionId);
  try {
    const signatureDate = input.status === "signee" && input.signatureDate ? input.signatureDate : null;
    const update = signatureDate ? changeCopy(doc, (copy) => copy.getMap(DOC_KEYS.meta).set("signatureDate", signatureDate)) : null;
    // Signing freezes what is signed (app/models/signature.server.ts): read it before the transaction, which must not
    // wait on the collaboration service.
    const signature = signatureDate ? await prepareSignature(deps, conventionId, signatureDate) : null;
    if (signatureDate && !signature) refuse("DOCUMENT_EMPTY", 409);
    const from = await negotiationTransaction(deps.db, conventionId, async (tx, from) => {
      // Readiness is read under the row lock, so no approval or position can slip in between the check and the move.
      const readiness: Readiness =
        input.status === "prete_pour_signature"
          ? {
              ...derive(await currentSnapshot({ db: tx, collab: deps.collab }, conventionId, doc), await positionRows(tx, conventionId), await approvalRows(tx, conventionId)).readiness,
              // The blocks as the database holds them under the row lock, not the document's mirror of them.
              incompleteSignatureBlocks: incompleteSignatureBlocks(await conventionParties(tx, conventionId)),
            }
          : { missingApprovals: [], optionsWithoutConsensus: [] };
      const refusal = transitionRefusal({ from, to: input.status, role: actor.role, isPilot: actor.isPilot, signatureDate: input.signatureDate, readiness });
      if (refusal) {
        const status = refusal === "STATUS_ROLE_REFUSED" || refusal === "STATUS_PILOT_ONLY" ? 403 : 409;
        const blocks = readiness.incompleteSignatureBlocks ?? [];
        // The blocks' refusal names each party and what it still has to fill in (docs/domain.md, "Signature").
        const refused =
          refusal === "STATUS_SIGNATURE_BLOCKS_INCOMPLETE"
            ? { code: refusal, message: legalMessages.BLOCS_INCOMPLETS(blocks.map((b) => ({ partyName: b.partyName, labels: b.missing.map((m) => m.label) }))) }
            : message(refusal);
        throw Response.json({ ...refused, ...(["STATUS_APPROVALS_MISSING", "STATUS_CONSENSUS_MISSING", "STATUS_SIGNATURE_BLOCKS_INCOMPLETE"].includes(refusal) ? { readiness } : {}) }, { status });
      }
      if (!(await writeStatus(tx, conventionId, from, input.status, signatureDate))) refuse("STATUS_TRANSITION_REFUSED", 409);
      if (signature) await storeSignature(tx, conventionId, actor.userId, signature);
      await recordAudit(tx, {
        conventionId,
        organisationId: actor.organisationId,
        userId: actor.userId,
        kind: "status",
        details: { from, to: input.status, ...(input.signatureDate ? { signatureDate: input.signatureDate } : {}) },
      });
      await insertVersion(tx, deps, conventionId, actor, { name: `Passage au statut « ${STATUS_LABELS[input.status]} »`, automatic: true }, doc, input.status);
      return from;
    });
    if (update) await applyToLiveDocument(deps.collab, conventionId, update);
    // The collaboration server follows the status at once: signing freezes the text (open sockets turn read-only),
    // and "prête pour signature" makes the next edit send the convention back to negotiation.
    await deps.collab.refreshAccess(conventionId);
    await bumpNegotiation(deps.collab, conventionId);
    return { status: input.status, from };
  } finally {
    doc.destroy();
  }
}
