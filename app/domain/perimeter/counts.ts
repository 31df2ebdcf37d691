// Counting a bailleur's inventory on a territory: every figure of a convention is computed on the bailleur's dwellings
// inside the convention's territory (docs/domain.md, "Périmètre"). Pure: the territory comes as a predicate on the
// communes (the official geography decides it, server side), the holders as the mapping of the inventory's codes.
import type { CategoryCounts, DwellingClass, InventoryAggregates } from "../inventory/aggregate";
import { LOCAL_KINDS, mappingKey, reservataireKey, type CodeMapping } from "./reservataires";

/** Dwellings of one class on the territory, and those each holder (by reservataireKey) holds. */
export interface TerritoryClassCounts {
  dwellings: number;
  reserved: Record<string, number>;
}

/** A bailleur's inventory counted on one territory. */
export interface TerritoryCounts {
  /** Rows inside the territory, before any exclusion. */
  dwellings: number;
  classes: Partial<Record<DwellingClass, TerritoryClassCounts>>;
  /** Rows inside the territory whose code no holder matches (an import leaves none once confirmed). */
  unmapped: Record<string, number>;
  /** Per commune (INSEE code), its rows per class. */
  communes: Record<string, CategoryCounts>;
  typologie: Record<string, CategoryCounts>;
  financement: Record<string, CategoryCounts>;
  qpv: Record<string, CategoryCounts>;
  habitat: Record<string, CategoryCounts>;
  /** The bailleur's rate column on the territory's rows: rate → rows. */
  rotationBailleur: Record<string, number>;
  /** The rate on former stock of local réservataires (communes, EPCIs) on the territory's rows: rate → rows. */
  rotationLocal: Record<string, number>;
  /** True when every commune of the territory with dwellings gives such a rate: the territory then has a rate of its own. */
  rotationLocalComplete: boolean;
  /**
   * Reserved dwellings per holder (reservataireKey), commune (INSEE code) and reservation ("start|end" dates), per
   * class: what the reservations annexe lists. Absent when the import's aggregates predate it.
   */
  reservations?: Record<string, Record<string, Record<string, CategoryCounts>>>;
}

const bump = <K extends string>(record: Record<K, number>, key: K, by: number) => {
  record[key] = (record[key] ?? 0) + by;
};

function mergeCategories(into: Record<string, CategoryCounts>, from: Record<string, CategoryCounts>) {
  for (const [value, counts] of Object.entries(from)) {
    const target = (into[value] ??= {});
    for (const [klass, n] of Object.entries(counts) as [DwellingClass, number][]) bump(target as Record<string, number>, klass, n);
  }
}

const sortKeys = <V>(record: Record<string, V>): Record<string, V> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Counts an inventory's rows inside a territory (`inTerritory` decides per commune), with each code turned into its
 * holder through `mapping`. Sums of per-commune counts: a commune is wholly in or out of a territory.
 */
export function countTerritory(
  aggregates: InventoryAggregates,
  inTerritory: (insee: string, departement: string) => boolean,
  mapping: CodeMapping,
): TerritoryCounts {
  const counts: TerritoryCounts = {
    dwellings: 0,
    classes: {},
    unmapped: {},
    communes: {},
    typologie: {},
    financement: {},
    qpv: {},
    habitat: {},
    rotationBailleur: {},
    rotationLocal: {},
    rotationLocalComplete: true,
  };
  let communesSeen = 0;
  let reservations: TerritoryCounts["reservations"];
  for (const [insee, commune] of Object.entries(aggregates.communes)) {
    if (!inTerritory(insee, commune.departement)) continue;
    const perCommune: CategoryCounts = {};
    for (const [klass, cell] of Object.entries(commune.classes) as [DwellingClass, { dwellings: number; reserved: Record<string, number> }][]) {
      counts.dwellings += cell.dwellings;
      perCommune[klass] = cell.dwellings;
      const target = (counts.classes[klass] ??= { dwellings: 0, reserved: {} });
      target.dwellings += cell.dwellings;
      for (const [code, n] of Object.entries(cell.reserved)) {
        const holder = mapping[mappingKey(commune.departement, code)];
        if (holder === undefined) bump(counts.unmapped, code, n);
        else if (holder !== null) bump(target.reserved, reservataireKey(holder), n);
      }
    }
    counts.communes[insee] = perCommune;
    mergeCategories(counts.typologie, commune.typologie);
    mergeCategories(counts.financement, commune.financement);
    mergeCategories(counts.qpv, commune.qpv);
    mergeCategories(counts.habitat, commune.habitat);
    for (const [rate, n] of Object.entries(commune.rotationBailleur)) bump(counts.rotationBailleur, rate, n);
    let local = false;
    for (const [code, rates] of Object.entries(commune.rotationLocal)) {
      const holder = mapping[mappingKey(commune.departement, code)];
      if (!holder || !LOCAL_KINDS.has(holder.kind)) continue;
      for (const [rate, n] of Object.entries(rates)) {
        bump(counts.rotationLocal, rate, n);
        local = true;
      }
    }
    if (commune.reservations) {
      reservations ??= {};
      for (const [code, periods] of Object.entries(commune.reservations)) {
        const holder = mapping[mappingKey(commune.departement, code)];
        if (!holder) continue;
        const byCommune = (reservations[reservataireKey(holder)] ??= {});
        mergeCategories((byCommune[insee] ??= {}), periods);
      }
    }
    communesSeen++;
    if (!local) counts.rotationLocalComplete = false;
  }
  if (communesSeen === 0) counts.rotationLocalComplete = false;
  for (const cell of Object.values(counts.classes)) if (cell) cell.reserved = sortKeys(cell.reserved);
  return {
    ...counts,
    unmapped: sortKeys(counts.unmapped),
    communes: sortKeys(counts.communes),
    typologie: sortKeys(counts.typologie),
    financement: sortKeys(counts.financement),
    qpv: sortKeys(counts.qpv),
    habitat: sortKeys(counts.habitat),
    rotationBailleur: sortKeys(counts.rotationBailleur),
    rotationLocal: sortKeys(counts.rotationLocal),
    ...(reservations ? { reservations: sortKeys(Object.fromEntries(Object.entries(reservations).map(([key, byCommune]) => [key, sortKeys(byCommune)]))) } : {}),
  };
}
