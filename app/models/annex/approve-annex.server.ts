import { and, eq } from "drizzle-orm";
import { fluxAnnexApprovals, fluxAnnexes } from "../../../db/schema";
import { recordAudit } from "../audit.server";
import { bumpNegotiation, refuse, requireNegotiator, type Actor, type NegotiationDeps } from "../negotiation/context.server";
import { annexApprovalRows, annexSnapshot, annexSubject, deriveApprovals, refuseAnnex, requireAnnexYear, type AnnexFrozen } from "./annex-snapshot.server";

/**
 * The actor's party approves the annual annex of `year` as its figures read now (or as they read at `expectedHash`,
 * refused with 409 when they have changed since). The approval that completes every negotiating party's adopts the
 * annex in the same transaction: its inputs, its base and its hash are frozen, and later imports or terms of that
 * year no longer move it.
 */
export async function approveAnnex(deps: NegotiationDeps, conventionId: string, actor: Actor, year: number, expectedHash?: string) {
  requireNegotiator(actor);
  const subject = await annexSubject(deps, conventionId);
  requireAnnexYear(subject, year);
  const result = await deps.db.transaction(async (tx) => {
    // The annex's row lock serialises its approvals: of two last approvals, the second sees the annex adopted.
    const [locked] = await tx.select().from(fluxAnnexes).where(and(eq(fluxAnnexes.conventionId, conventionId), eq(fluxAnnexes.year, year))).for("update");
    if (!locked) refuseAnnex(404, "ANNEXE_NON_GENEREE", [year]);
    if (locked.adoptedAt) refuseAnnex(409, "ANNEXE_ADOPTEE", [year]);
    const snapshot = await annexSnapshot(tx, subject, year);
    if (!snapshot.negotiators.some((party) => party.id === actor.organisationId)) refuse("FORBIDDEN_ROLE", 403);
    if (snapshot.missing.length > 0) refuseAnnex(409, "ANNEXE_NON_CALCULEE", [year], { missing: snapshot.missing });
    if (expectedHash && expectedHash !== snapshot.hash) refuseAnnex(409, "ANNEXE_A_CHANGE", [year], { hash: snapshot.hash });
    const [approval] = await tx
      .insert(fluxAnnexApprovals)
      .values({ annexId: locked.id, organisationId: actor.organisationId, userId: actor.userId, hash: snapshot.hash, text: snapshot.text })
      .returning({ at: fluxAnnexApprovals.createdAt });
    await recordAudit(tx, { conventionId, organisationId: actor.organisationId, userId: actor.userId, kind: "annexe", details: { action: "annexe_approuvee", annee: year, hash: snapshot.hash } });
    const { missing } = deriveApprovals(snapshot, await annexApprovalRows(tx, locked.id));
    let fingerprint: string | null = null;
    if (missing.length === 0) {
      const frozen: AnnexFrozen = {
        format: "conflux-annexe-v1",
        core: snapshot.fingerprint.core,
        base: snapshot.base,
        hash: snapshot.hash,
        conventionFingerprint: snapshot.fingerprint.conventionFingerprint,
      };
      fingerprint = snapshot.fingerprint.sha256;
      await tx.update(fluxAnnexes).set({ adoptedAt: new Date(), frozen, fingerprint }).where(eq(fluxAnnexes.id, locked.id));
      await recordAudit(tx, { conventionId, organisationId: null, userId: null, kind: "annexe", details: { action: "annexe_adoptee", annee: year, hash: snapshot.hash, fingerprint } });
    }
    return { year, party: actor.organisationId, status: "approuve" as const, hash: snapshot.hash, at: approval.at.toISOString(), adopted: fingerprint !== null, fingerprint };
  });
  await bumpNegotiation(deps.collab, conventionId);
  return result;
}
