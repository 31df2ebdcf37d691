import { randomUUID } from "node:crypto";
import { fluxAnnexes } from "../../../db/schema";
import { isUniqueViolation } from "../../../db/errors";
import { recordAudit } from "../audit.server";
import { bumpNegotiation, type Actor, type NegotiationDeps } from "../negotiation/context.server";
import { annexSnapshot, annexSubject, refuseAnnex, requireAnnexYear } from "./annex-snapshot.server";
import { annexView } from "./annex-view.server";

/**
 * The pilot generates the annual annex of `year`: refused (409, with what is missing, who must act and where) while
 * a bailleur lacks the year's data. From then on the annex follows its inputs until every negotiating party has
 * approved it. A signed convention is not touched: the annex is a row of its own.
 */
export async function generateAnnex(deps: NegotiationDeps, conventionId: string, actor: Actor, year: number) {
  if (!actor.isPilot || actor.role !== "edition") refuseAnnex(403, "ANNEXE_PILOTE_SEULEMENT", []);
  const subject = await annexSubject(deps, conventionId);
  requireAnnexYear(subject, year);
  try {
    await deps.db.transaction(async (tx) => {
      const snapshot = await annexSnapshot(tx, subject, year);
      if (snapshot.row) refuseAnnex(409, "ANNEXE_DEJA_GENEREE", [year]);
      if (snapshot.missing.length > 0) refuseAnnex(409, "ANNEXE_DONNEES_MANQUANTES", [year], { missing: snapshot.missing });
      await tx.insert(fluxAnnexes).values({ id: randomUUID(), conventionId, year, generatedBy: actor.userId });
      await recordAudit(tx, {
        conventionId,
        organisationId: actor.organisationId,
        userId: actor.userId,
        kind: "annexe",
        details: { action: "annexe_generee", annee: year, hash: snapshot.hash },
      });
    });
  } catch (error) {
    // Two pilots' members generating at once: the unique index lets one through.
    if (isUniqueViolation(error, "flux_annexes_convention_year_unique")) refuseAnnex(409, "ANNEXE_DEJA_GENEREE", [year]);
    throw error;
  }
  await bumpNegotiation(deps.collab, conventionId);
  return annexView(deps.db, await annexSnapshot(deps.db, subject, year));
}
