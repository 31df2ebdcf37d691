// A party fills in its own signature block (docs/decisions/0602-legal-persons-and-signature-blocks.md): its legal
// identity, shared by every convention it is party to, and its signatory on this convention. Only the party's own
// members with the edition role write it; the write and its audit rows commit together on an unsigned convention;
// then every document it reaches is mirrored again, and a convention « prête pour signature » whose text to sign
// changed goes back to negotiation, as after an edit of its text.
import { and, eq, inArray, ne } from "drizzle-orm";
import { conventionParties, conventionSignatureBlocks, conventions, organisationLegalIdentities, organisations } from "../../db/schema";
import { signatureBlockGaps } from "../domain/legal/completeness";
import { signatureBlockRefusal } from "../domain/legal/checks";
import { partyDesignation } from "../domain/legal/designation";
import type { SignatureBlockInput } from "../domain/legal/identity";
import { legalMessages } from "../domain/legal/messages";
import { ORGANISATION_KIND_LABELS, type OrganisationKind } from "../lib/roles";
import { recordAudit } from "./audit.server";
import { conventionParties as partiesOf } from "./convention-state.server";
import { bumpNegotiation, type Actor, type NegotiationDeps } from "./negotiation/context.server";
import { noteClientEdit } from "./negotiation/note-client-edit.server";
import { negotiationTransaction } from "./negotiation/transaction.server";

const refuse = (status: number, code: string, message: string, field: string | null = null): never => {
  throw Response.json({ code, message, field }, { status });
};

/** Writes the block of `organisationId` on a convention; answers the party as every reader now sees it. */
export async function setSignatureBlock(deps: NegotiationDeps, conventionId: string, actor: Actor, organisationId: string, input: SignatureBlockInput) {
  const [party] = await deps.db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(conventionParties)
    .innerJoin(organisations, eq(organisations.id, conventionParties.organisationId))
    .where(and(eq(conventionParties.conventionId, conventionId), eq(conventionParties.organisationId, organisationId)));
  if (!party) refuse(404, "SIGNATURE_BLOCK_NOT_A_PARTY", legalMessages.PARTIE_INCONNUE());
  if (party.id !== actor.organisationId) refuse(403, "SIGNATURE_BLOCK_OTHER_PARTY", legalMessages.AUTRE_PARTIE(party.name));
  if (actor.role !== "edition") refuse(403, "SIGNATURE_BLOCK_ROLE", legalMessages.ROLE_INSUFFISANT());
  const kindLabel = ORGANISATION_KIND_LABELS[party.kind as OrganisationKind] ?? party.kind;
  const refusal = signatureBlockRefusal(party.kind, kindLabel, input, new Date().toISOString().slice(0, 10));
  if (refusal) refuse(400, refusal.code, refusal.message, refusal.field);

  const reached = await negotiationTransaction(deps.db, conventionId, async (tx) => {
    const now = new Date();
    const signatory = input.signatory;
    const block = {
      civility: signatory.civility ?? null,
      name: signatory.name ?? null,
      title: signatory.title ?? null,
      delegation: signatory.delegation ?? false,
      actNumber: signatory.act?.number ?? null,
      actDate: signatory.act?.date ?? null,
      updatedBy: actor.userId,
      updatedAt: now,
    };
    await tx
      .insert(conventionSignatureBlocks)
      .values({ conventionId, organisationId, ...block })
      .onConflictDoUpdate({ target: [conventionSignatureBlocks.conventionId, conventionSignatureBlocks.organisationId], set: block });
    const ids = [conventionId];
    let legalChanged = false;
    if (input.legal) {
      const [previous] = await tx.select().from(organisationLegalIdentities).where(eq(organisationLegalIdentities.organisationId, organisationId));
      const identity = { legalName: input.legal.name, legalForm: input.legal.form, siren: input.legal.siren ?? null, address: input.legal.address ?? null };
      legalChanged =
        !previous || previous.legalName !== identity.legalName || previous.legalForm !== identity.legalForm || previous.siren !== identity.siren || previous.address !== identity.address;
      if (legalChanged) {
        await tx
          .insert(organisationLegalIdentities)
          .values({ organisationId, ...identity, updatedBy: actor.userId, updatedAt: now })
          .onConflictDoUpdate({ target: organisationLegalIdentities.organisationId, set: { ...identity, updatedBy: actor.userId, updatedAt: now } });
        // The same legal person is printed by every convention it is party to; signed ones keep what they signed.
        const others = await tx
          .select({ id: conventions.id })
          .from(conventionParties)
          .innerJoin(conventions, eq(conventions.id, conventionParties.conventionId))
          .where(and(eq(conventionParties.organisationId, organisationId), ne(conventions.status, "signee"), ne(conventions.id, conventionId)));
        ids.push(...others.map((row) => row.id));
      }
    }
    await tx.update(conventions).set({ updatedAt: now }).where(inArray(conventions.id, ids));
    for (const id of ids) {
      await recordAudit(tx, {
        conventionId: id,
        organisationId: actor.organisationId,
        userId: actor.userId,
        kind: "signature",
        details: {
          action: id === conventionId ? "bloc_de_signature" : "identite_juridique",
          organisation: organisationId,
          ...(id === conventionId ? { signatory: { ...signatory } } : {}),
          ...(legalChanged ? { legal: input.legal } : {}),
        },
      });
    }
    return ids;
  });

  for (const id of reached) {
    await noteClientEdit(deps, id, { userId: actor.userId, organisationId: actor.organisationId }, "modification d'un bloc de signature");
    await deps.collab.refreshAccess(id);
    await bumpNegotiation(deps.collab, id);
  }
  const parties = await partiesOf(deps.db, conventionId);
  const updated = parties.find((p) => p.id === organisationId)!;
  const [row] = await deps.db.select({ departement: conventions.departement }).from(conventions).where(eq(conventions.id, conventionId));
  return {
    party: updated,
    designation: partyDesignation(updated, row.departement),
    missing: signatureBlockGaps(updated),
    conventions: reached,
  };
}
