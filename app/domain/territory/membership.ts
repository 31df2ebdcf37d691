// Which communes make up an EPCI or a département, which EPCI a commune belongs to, and whether a commune is inside a
// territory. Bailleurs' files may carry codes that no longer exist (merged communes) or arrondissement codes (Paris,
// Lyon, Marseille): membership follows them to today's commune, and `findCommune` tells the caller which case it met.
import type { FormerCommune, GeoCommune, Geography } from "./geography";
import type { ResolvedTerritory } from "./resolve";

export type CommuneLookup =
  | { status: "actuelle"; commune: GeoCommune }
  | { status: "ancienne" | "arrondissement"; commune: GeoCommune; former: FormerCommune }
  | { status: "inconnue"; code: string };

/**
 * The commune an INSEE code designates today: itself (`actuelle`), the commune it merged into (`ancienne`), the city
 * of an arrondissement municipal (`arrondissement`), or none (`inconnue`: report it with TERRITOIRE_COMMUNE_INCONNUE).
 */
export function findCommune(code: string, geography: Geography): CommuneLookup {
  const commune = geography.communes.get(code);
  if (commune) return { status: "actuelle", commune };
  const former = geography.formerCommunes.get(code);
  const current = former && geography.communes.get(former.current);
  if (former && current) return { status: former.reason === "arrondissement" ? "arrondissement" : "ancienne", commune: current, former };
  return { status: "inconnue", code };
}

/** INSEE codes of the EPCI's member communes (sorted), or undefined for an unknown SIREN. */
export function communesOfEpci(siren: string, geography: Geography): readonly string[] | undefined {
  return geography.epcis.get(siren)?.communes;
}

/** INSEE codes of the département's communes (sorted), or undefined for an unknown code. */
export function communesOfDepartement(code: string, geography: Geography): readonly string[] | undefined {
  return geography.departements.get(code)?.communes;
}

/** SIREN of the EPCI the commune belongs to today (former codes followed); undefined when unknown or in none. */
export function epciOfCommune(code: string, geography: Geography): string | undefined {
  const found = findCommune(code, geography);
  return found.status === "inconnue" ? undefined : (found.commune.epci ?? undefined);
}

// A territory's communes as a set, built once per resolved territory: the inventory aggregates ask once per dwelling.
const communeSets = new WeakMap<ResolvedTerritory, ReadonlySet<string>>();

/** Whether the commune (former codes followed to today's commune) lies inside the territory; false when unknown. */
export function isCommuneInTerritory(code: string, territory: ResolvedTerritory, geography: Geography): boolean {
  let set = communeSets.get(territory);
  if (!set) {
    set = new Set(territory.communes);
    communeSets.set(territory, set);
  }
  if (set.has(code)) return true;
  const found = findCommune(code, geography);
  return found.status !== "inconnue" && set.has(found.commune.code);
}
