// What a party approves of an annual annex: its figures as plain text — for each bailleur its table of the year (the
// text a bailleur approves of its own table in the convention) and the year-over-year change. The approval is bound
// to a hash of this text, so that any change of these figures (a re-import, new terms, another base year) asks for
// it again, as for an article (docs/decisions/0401-negotiation.md).
import { bailleurTableText } from "../convention/blocks";
import type { ConventionFlux } from "../convention/scenario";
import type { ConventionState } from "../convention/state";
import { frenchText } from "../typography";
import type { RenderedComparison } from "./comparison";
import { comparisonTableModel, type ComparisonYears } from "./tables";

export function annexApprovalText(state: ConventionState, flux: ConventionFlux, comparison: RenderedComparison, years: ComparisonYears): string {
  const model = comparisonTableModel(comparison, years);
  return [
    frenchText(`Annexe annuelle ${state.meta.year} — ${state.meta.territory.label}`),
    ...flux.tables.map((table) => bailleurTableText(state, table) ?? frenchText(`${table.bailleur.name} : tableau non calculé`)),
    model.title,
    ...model.rows.map((row) => row.cells.join(" | ")),
  ].join("\n");
}
