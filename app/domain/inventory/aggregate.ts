// Aggregates of an inventory: the assiette and what the flux engine and the yearly bilan need from it. Built row by
// row while the file streams, so that the import never holds a second copy of the rows.
import { EXCLUSION_REASON_CODES, type ExclusionReason } from "./cells";
import type { InventoryRow } from "./row";

/** Counts of one category (a commune, a typologie…): plain numbers keyed by strings, ready for JSON and the database. */
export interface InventoryBreakdown {
  /** Dwellings of the category inside the flux perimeter. */
  assiette: number;
  /** Dwellings of the category excluded from the flux. */
  excluded: number;
  /** Dwellings of the category inside the assiette, per réservataire id. */
  reservedByReservataire: Record<string, number>;
}

/** Everything the flux engine and the bilan need from one inventory, as a plain serialisable object. */
export interface InventoryAggregates {
  /** Rows of the file. */
  dwellings: number;
  /** Dwellings in the flux perimeter: the rows without an exclusion reason. */
  assiette: number;
  /** Excluded dwellings per reason (every reason present, 0 when none). */
  exclusions: Record<ExclusionReason, number>;
  /** Reserved dwellings inside the assiette per réservataire id (keys sorted). */
  reservedByReservataire: Record<string, number>;
  /** Dwellings of the assiette that no réservataire holds. */
  nonReserved: number;
  byDepartement: Record<string, InventoryBreakdown>;
  byCommune: Record<string, InventoryBreakdown>;
  byEpci: Record<string, InventoryBreakdown>;
  byQpv: Record<string, InventoryBreakdown>;
  byTypologie: Record<string, InventoryBreakdown>;
  byFinancement: Record<string, InventoryBreakdown>;
  byHabitat: Record<string, InventoryBreakdown>;
}

interface MutableBreakdown {
  assiette: number;
  excluded: number;
  reserved: Map<string, number>;
}

type BreakdownKey = "byDepartement" | "byCommune" | "byEpci" | "byQpv" | "byTypologie" | "byFinancement" | "byHabitat";

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function sortedRecord<V, W>(map: ReadonlyMap<string, V>, convert: (value: V) => W): Record<string, W> {
  return Object.fromEntries([...map.keys()].sort().map((key) => [key, convert(map.get(key) as V)]));
}

/** Accumulates rows into InventoryAggregates; `add` is called once per valid row, `result` once at the end. */
export class InventoryAggregator {
  private dwellings = 0;
  private assiette = 0;
  private nonReserved = 0;
  private readonly exclusions = new Map<ExclusionReason, number>();
  private readonly reserved = new Map<string, number>();
  private readonly breakdowns: Record<BreakdownKey, Map<string, MutableBreakdown>> = {
    byDepartement: new Map(),
    byCommune: new Map(),
    byEpci: new Map(),
    byQpv: new Map(),
    byTypologie: new Map(),
    byFinancement: new Map(),
    byHabitat: new Map(),
  };

  /** Counts one dwelling. */
  add(row: InventoryRow): void {
    this.dwellings++;
    const excluded = row.exclusion !== null;
    if (excluded) this.exclusions.set(row.exclusion as ExclusionReason, (this.exclusions.get(row.exclusion as ExclusionReason) ?? 0) + 1);
    else {
      this.assiette++;
      if (row.reservataire === null) this.nonReserved++;
      else increment(this.reserved, row.reservataire);
    }
    this.count("byDepartement", row.departement, row, excluded);
    this.count("byCommune", row.commune, row, excluded);
    this.count("byEpci", row.epci, row, excluded);
    this.count("byQpv", row.qpv ? "qpv" : "hors_qpv", row, excluded);
    this.count("byTypologie", row.typologie, row, excluded);
    this.count("byFinancement", row.financement, row, excluded);
    this.count("byHabitat", row.habitat, row, excluded);
  }

  private count(key: BreakdownKey, category: string, row: InventoryRow, excluded: boolean): void {
    const map = this.breakdowns[key];
    let entry = map.get(category);
    if (entry === undefined) {
      entry = { assiette: 0, excluded: 0, reserved: new Map() };
      map.set(category, entry);
    }
    if (excluded) entry.excluded++;
    else {
      entry.assiette++;
      if (row.reservataire !== null) increment(entry.reserved, row.reservataire);
    }
  }

  /** The aggregates of every row added so far, keys sorted so that equal inventories give equal JSON. */
  result(): InventoryAggregates {
    const breakdown = (key: BreakdownKey) =>
      sortedRecord(this.breakdowns[key], (entry) => ({
        assiette: entry.assiette,
        excluded: entry.excluded,
        reservedByReservataire: sortedRecord(entry.reserved, (count) => count),
      }));
    return {
      dwellings: this.dwellings,
      assiette: this.assiette,
      exclusions: Object.fromEntries(
        EXCLUSION_REASON_CODES.map((reason) => [reason, this.exclusions.get(reason) ?? 0]),
      ) as Record<ExclusionReason, number>,
      reservedByReservataire: sortedRecord(this.reserved, (count) => count),
      nonReserved: this.nonReserved,
      byDepartement: breakdown("byDepartement"),
      byCommune: breakdown("byCommune"),
      byEpci: breakdown("byEpci"),
      byQpv: breakdown("byQpv"),
      byTypologie: breakdown("byTypologie"),
      byFinancement: breakdown("byFinancement"),
      byHabitat: breakdown("byHabitat"),
    };
  }
}
