// The consolidated table of a convention signed by several bailleurs: each bailleur's apportionment is computed on its
// own inventory; this sums them line by line (exact volumes and whole dwellings), for the text and the synthesis.
import { add, div, isZero, ZERO, type Rational } from "../flux/rational";
import type { FluxCalculation } from "../flux/engine";
import type { ViewLine } from "./view";

export interface ConsolidatedFlux {
  dwellings: number;
  assiette: number;
  liberations: Rational;
  flux: Rational;
  fluxRounded: bigint;
  lines: ViewLine[];
}

/** Sums computed tables; the lines follow the first table's order, then any line another table adds. */
export function consolidate(tables: readonly { calculation: FluxCalculation; view: readonly ViewLine[]; dwellings: number; assiette: number }[]): ConsolidatedFlux {
  let liberations: Rational = ZERO;
  let flux: Rational = ZERO;
  let fluxRounded = 0n;
  let dwellings = 0;
  let assiette = 0;
  const lines = new Map<string, ViewLine>();
  for (const table of tables) {
    liberations = add(liberations, table.calculation.liberations);
    flux = add(flux, table.calculation.flux);
    fluxRounded += table.calculation.fluxRounded;
    dwellings += table.dwellings;
    assiette += table.assiette;
    for (const line of table.view) {
      const current = lines.get(line.key);
      if (!current) lines.set(line.key, { ...line, members: line.members ? [...line.members] : undefined });
      else {
        current.volume = add(current.volume, line.volume);
        current.rounded += line.rounded;
        if (line.members) current.members = [...new Set([...(current.members ?? []), ...line.members])];
      }
    }
  }
  const result = [...lines.values()].map((line) => ({
    ...line,
    share: isZero(flux) ? ZERO : div(line.volume, flux),
    ...(line.key === "bailleur" ? { label: "Non réservé — ensemble des bailleurs" } : {}),
    ...(line.key === "autres" && line.members ? { label: `Autres réservataires (${line.members.length})` } : {}),
  }));
  return { dwellings, assiette, liberations, flux, fluxRounded, lines: result };
}

