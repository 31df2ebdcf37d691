// For this module's tests: the whole file's perimeter, each réservataire code standing for itself.
import { perimeterOf } from "../perimeter/assiette";
import { countTerritory } from "../perimeter/counts";
import { mappingKey, type CodeMapping } from "../perimeter/reservataires";
import type { InventoryAggregates } from "./aggregate";

export function wholeFile(aggregates: InventoryAggregates) {
  const mapping: CodeMapping = {};
  for (const departement of Object.keys(aggregates.departements))
    for (const code of Object.keys(aggregates.codes)) mapping[mappingKey(departement, code)] = { organisationId: code, kind: "autre" };
  const counts = countTerritory(aggregates, () => true, mapping);
  const p = perimeterOf(counts);
  return {
    dwellings: p.dwellings,
    assiette: p.assiette,
    nonReserved: p.nonReserved,
    reserved: Object.fromEntries(Object.entries(p.reserved).map(([key, n]) => [key.slice("autre:".length), n])),
    exclusions: Object.fromEntries(Object.entries(p.exclusions).map(([reason, e]) => [reason, e.count])),
    qpv: Object.fromEntries(Object.entries(counts.qpv).map(([key, c]) => [key, c.flux ?? 0])),
  };
}
