// What an annual annex needs before it can be generated (docs/domain.md, "L'annexe annuelle du flux"): every bailleur
// of the convention with a computed table for the year — a confirmed état des lieux of that year, a rotation rate,
// every code of its file attached to an organisation — and its forecast deductions of the year entered. Each missing
// piece is said in French with who must act and where.
import { fluxErrorMessage } from "../convention/blocks";
import { conventionMessages } from "../convention/messages";
import type { ConventionFlux } from "../convention/scenario";
import type { ConventionState } from "../convention/state";
import { annexMessages } from "./messages";

/** Why the annex of `state.meta.year` cannot be generated; empty when it can. */
export function annexMissing(state: Pick<ConventionState, "meta">, flux: ConventionFlux): string[] {
  if (flux.tables.length === 0) return [conventionMessages.AUCUN_BAILLEUR()];
  const year = state.meta.year;
  return flux.tables.flatMap((table) => {
    // A table that lacks its état des lieux says only that: the rest follows from it.
    if (table.status !== "pret") return table.missing;
    const deductions = table.deductionsEntered ? [] : [annexMessages.DEDUCTIONS_NON_SAISIES(table.bailleur.name, year, state.meta.territory.label)];
    const refused = table.outcome && !table.outcome.ok ? [fluxErrorMessage(table.outcome)!] : [];
    return [...table.missing, ...refused, ...deductions];
  });
}
