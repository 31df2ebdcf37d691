import type { z } from "zod";
import { BailleurDataRefusal, changedTerms, writeFluxTerms, type FluxTermsInputSchema } from "../bailleur-data.server";
import { buildFluxInputs } from "../flux-inputs.server";
import { bumpNegotiation, type Actor, type NegotiationDeps } from "../negotiation/context.server";
import { annexSubject, requireAnnexYear } from "./annex-snapshot.server";

/**
 * The terms of a later year of the convention (forecast deductions, negotiated shares, droits de suite), entered from
 * its annual annex. They belong, like the convention's own, to the bailleur × territory × year
 * (docs/decisions/0011-territory-and-one-apportionment.md): every unsigned convention of that year on the territory
 * follows them, an annex not yet adopted too, an adopted annex never. Allowed on a signed convention, whose own year
 * they do not touch.
 */
export async function setAnnexTerms(deps: NegotiationDeps, conventionId: string, actor: Actor, year: number, input: z.infer<typeof FluxTermsInputSchema>) {
  if (actor.role !== "edition") throw new BailleurDataRefusal(403, "FORBIDDEN_ROLE", "Votre rôle sur cette convention ne permet pas de modifier les termes du flux.");
  const subject = await annexSubject(deps, conventionId);
  requireAnnexYear(subject, year);
  const inputs = await buildFluxInputs(deps.db, { ...subject.row, year }, subject.state.parties);
  if (!inputs) throw new BailleurDataRefusal(400, "BAILLEUR_INCONNU", "Ce bailleur n'est pas partie à la convention.", "bailleurId");
  const { bailleur, next } = changedTerms(actor, inputs, input);
  const territoryKey = subject.state.meta.territory.key;
  const reached = await writeFluxTerms(deps.db, actor, { bailleur, year, territoryKey, terms: next, conventionId });
  for (const id of reached) await deps.collab.refreshAccess(id);
  await bumpNegotiation(deps.collab, conventionId);
  return { bailleurId: bailleur.id, territory: territoryKey, year, terms: next };
}
