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

type BreakdownKey = "byDepartement" | "byCommune" | "byEpci" | "byQpv" | "byTypologie" | "byFinancement" | "byHabitat";

// Categories and réservataires get small integer indexes on first sight, so that the per-row work is a handful of
// Map lookups on already-hashed strings plus array increments (this runs 500 000 times per import).
class CategoryCounts {
  readonly index = new Map<string, number>();
  readonly names: string[] = [];
  readonly assiette: number[] = [];
  readonly excluded: number[] = [];
  readonly reserved: number[][] = [];

  add(category: string, reservataire: number, excluded: boolean): void {
    let position = this.index.get(category);
    if (position === undefined) {
      position = this.names.length;
      this.index.set(category, position);
      this.names.push(category);
      this.assiette.push(0);
      this.excluded.push(0);
      this.reserved.push([]);
    }
    if (excluded) this.excluded[position]++;
    else {
      this.assiette[position]++;
      if (reservataire >= 0) {
        const counts = this.reserved[position];
        counts[reservataire] = (counts[reservataire] ?? 0) + 1;
      }
    }
  }
}

function sortedRecord<W>(names: readonly string[], value: (position: number) => W, keep: (position: number) => boolean = () => true): Record<string, W> {
  const positions = names.map((_, position) => position).filter(keep);
  positions.sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0));
  return Object.fromEntries(positions.map((position) => [names[position], value(position)]));
}

/** Accumulates rows into InventoryAggregates; `add` is called once per valid row, `result` once at the end. */
export class InventoryAggregator {
  private dwellings = 0;
  private assiette = 0;
  private nonReserved = 0;
  private readonly exclusions = new Map<ExclusionReason, number>();
  private readonly reservataireIndex = new Map<string, number>();
  private readonly reservataires: string[] = [];
  private readonly reserved: number[] = [];
  private readonly breakdowns: Record<BreakdownKey, CategoryCounts> = {
    byDepartement: new CategoryCounts(),
    byCommune: new CategoryCounts(),
    byEpci: new CategoryCounts(),
    byQpv: new CategoryCounts(),
    byTypologie: new CategoryCounts(),
    byFinancement: new CategoryCounts(),
    byHabitat: new CategoryCounts(),
  };

  /** Counts one dwelling. */
  add(row: InventoryRow): void {
    this.dwellings++;
    const excluded = row.exclusion !== null;
    let reservataire = -1;
    if (row.reservataire !== null) {
      const known = this.reservataireIndex.get(row.reservataire);
      if (known === undefined) {
        reservataire = this.reservataires.length;
        this.reservataireIndex.set(row.reservataire, reservataire);
        this.reservataires.push(row.reservataire);
        this.reserved.push(0);
      } else reservataire = known;
    }
    if (excluded) this.exclusions.set(row.exclusion as ExclusionReason, (this.exclusions.get(row.exclusion as ExclusionReason) ?? 0) + 1);
    else {
      this.assiette++;
      if (reservataire < 0) this.nonReserved++;
      else this.reserved[reservataire]++;
    }
    const b = this.breakdowns;
    b.byDepartement.add(row.departement, reservataire, excluded);
    b.byCommune.add(row.commune, reservataire, excluded);
    b.byEpci.add(row.epci, reservataire, excluded);
    b.byQpv.add(row.qpv ? "qpv" : "hors_qpv", reservataire, excluded);
    b.byTypologie.add(row.typologie, reservataire, excluded);
    b.byFinancement.add(row.financement, reservataire, excluded);
    b.byHabitat.add(row.habitat, reservataire, excluded);
  }

  /** The aggregates of every row added so far, keys sorted so that equal inventories give equal JSON. */
  result(): InventoryAggregates {
    const reservedRecord = (counts: readonly number[]) =>
      sortedRecord(this.reservataires, (position) => counts[position], (position) => (counts[position] ?? 0) > 0);
    const breakdown = (key: BreakdownKey) => {
      const counts = this.breakdowns[key];
      return sortedRecord(counts.names, (position) => ({
        assiette: counts.assiette[position],
        excluded: counts.excluded[position],
        reservedByReservataire: reservedRecord(counts.reserved[position]),
      }));
    };
    return {
      dwellings: this.dwellings,
      assiette: this.assiette,
      exclusions: Object.fromEntries(
        EXCLUSION_REASON_CODES.map((reason) => [reason, this.exclusions.get(reason) ?? 0]),
      ) as Record<ExclusionReason, number>,
      reservedByReservataire: reservedRecord(this.reserved),
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
