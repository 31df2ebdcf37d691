// Aggregates of an inventory, kept per commune so that any territory (a département, an EPCI, a list of communes) can
// be counted from them without the rows: every figure of a convention is computed on the bailleur's dwellings inside
// its territory (docs/domain.md, "Périmètre"). Built row by row while the file streams; plain JSON for the database.
import { EXCLUSION_REASON_CODES, type ExclusionReason } from "./cells";
import type { InventoryRow } from "./row";

/** Where a dwelling stands: in the flux perimeter ("flux"), or out of it for an exclusion reason. */
export const DWELLING_CLASSES = ["flux", ...EXCLUSION_REASON_CODES] as const;
export type DwellingClass = "flux" | ExclusionReason;

/** Dwellings of one class in one commune, and those of them each réservataire code holds. */
export interface ClassCounts {
  dwellings: number;
  /** Per réservataire code as written in the file (non réservé dwellings are not listed). */
  reserved: Record<string, number>;
}

/** Counts per class of one category (a typologie, a financement…) in one commune. */
export type CategoryCounts = Partial<Record<DwellingClass, number>>;

/** Everything counted in one commune (INSEE code). */
export interface CommuneAggregate {
  departement: string;
  /** The EPCI column as written in the file (informative: membership comes from the official geography). */
  epci: string;
  classes: Partial<Record<DwellingClass, ClassCounts>>;
  typologie: Record<string, CategoryCounts>;
  financement: Record<string, CategoryCounts>;
  qpv: Record<"qpv" | "hors_qpv", CategoryCounts>;
  habitat: Record<string, CategoryCounts>;
  /** The bailleur's rotation rate column: each distinct rate with the number of rows giving it. */
  rotationBailleur: Record<string, number>;
  /** The rate on a réservataire's former stock, per réservataire code: each distinct rate with its row count. */
  rotationLocal: Record<string, Record<string, number>>;
  /**
   * Reserved dwellings per réservataire code and per reservation, a reservation being told apart by its start and end
   * dates ("2014-01-01|2029-12-31", either side empty when the file leaves it blank), counted per class: the list of
   * reservations and their expiry that the collectivités' and Action Logement's annexes print. Absent from the
   * aggregates of imports stored before it was added.
   */
  reservations?: Record<string, Record<string, CategoryCounts>>;
}

/** An inventory's aggregates: the rows counted per commune, and the réservataire codes the file uses. */
export interface InventoryAggregates {
  version: 2;
  /** Rows of the file. */
  dwellings: number;
  /** Rows per réservataire code (every class), to show and map each code before the import is confirmed. */
  codes: Record<string, number>;
  /** Rows per département. */
  departements: Record<string, number>;
  communes: Record<string, CommuneAggregate>;
}

const CLASS_INDEX = new Map<string, number>(DWELLING_CLASSES.map((c, i) => [c, i]));

// Per commune, counts live in arrays indexed by class and by code number while rows stream (this runs 500 000 times
// per import); they become records once, at the end.
class CommuneCounter {
  readonly dwellings = new Array<number>(DWELLING_CLASSES.length).fill(0);
  readonly reserved: number[][] = DWELLING_CLASSES.map(() => []);
  readonly categories = { typologie: new Map<string, number[]>(), financement: new Map<string, number[]>(), qpv: new Map<string, number[]>(), habitat: new Map<string, number[]>() };
  readonly rotationBailleur = new Map<string, number>();
  readonly rotationLocal = new Map<number, Map<string, number>>();
  readonly reservations = new Map<number, Map<string, number[]>>();
  constructor(
    readonly departement: string,
    readonly epci: string,
  ) {}

  add(row: InventoryRow, klass: number, code: number): void {
    this.dwellings[klass]++;
    if (code >= 0) {
      const counts = this.reserved[klass];
      counts[code] = (counts[code] ?? 0) + 1;
      if (row.rotationExReservataire !== null) {
        let rates = this.rotationLocal.get(code);
        if (!rates) this.rotationLocal.set(code, (rates = new Map()));
        rates.set(row.rotationExReservataire, (rates.get(row.rotationExReservataire) ?? 0) + 1);
      }
      let periods = this.reservations.get(code);
      if (!periods) this.reservations.set(code, (periods = new Map()));
      const period = `${row.conventionStart ?? ""}|${row.conventionEnd ?? ""}`;
      let perClass = periods.get(period);
      if (!perClass) periods.set(period, (perClass = new Array<number>(DWELLING_CLASSES.length).fill(0)));
      perClass[klass]++;
    }
    this.count("typologie", row.typologie, klass);
    this.count("financement", row.financement, klass);
    this.count("qpv", row.qpv ? "qpv" : "hors_qpv", klass);
    this.count("habitat", row.habitat, klass);
    this.rotationBailleur.set(row.rotationBailleur, (this.rotationBailleur.get(row.rotationBailleur) ?? 0) + 1);
  }

  private count(dimension: keyof CommuneCounter["categories"], value: string, klass: number) {
    const map = this.categories[dimension];
    let counts = map.get(value);
    if (!counts) map.set(value, (counts = new Array<number>(DWELLING_CLASSES.length).fill(0)));
    counts[klass]++;
  }

  result(codes: readonly string[]): CommuneAggregate {
    const classes: CommuneAggregate["classes"] = {};
    DWELLING_CLASSES.forEach((klass, i) => {
      if (this.dwellings[i] === 0) return;
      classes[klass] = { dwellings: this.dwellings[i], reserved: sortedRecord(this.reserved[i], codes) };
    });
    const categories = (dimension: keyof CommuneCounter["categories"]) =>
      Object.fromEntries(
        [...this.categories[dimension].entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([value, counts]) => [value, Object.fromEntries(DWELLING_CLASSES.flatMap((klass, i) => (counts[i] ? [[klass, counts[i]]] : [])))]),
      );
    return {
      departement: this.departement,
      epci: this.epci,
      classes,
      typologie: categories("typologie"),
      financement: categories("financement"),
      qpv: categories("qpv") as CommuneAggregate["qpv"],
      habitat: categories("habitat"),
      rotationBailleur: Object.fromEntries([...this.rotationBailleur.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
      rotationLocal: Object.fromEntries(
        [...this.rotationLocal.entries()]
          .map(([code, rates]) => [codes[code], Object.fromEntries([...rates.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))] as const)
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
      reservations: Object.fromEntries(
        [...this.reservations.entries()]
          .map(([code, periods]) => [codes[code], Object.fromEntries([...periods.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([period, counts]) => [period, classCounts(counts)]))] as const)
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
    };
  }
}

function classCounts(counts: readonly number[]): CategoryCounts {
  return Object.fromEntries(DWELLING_CLASSES.flatMap((klass, i) => (counts[i] ? [[klass, counts[i]]] : [])));
}

function sortedRecord(counts: readonly number[], codes: readonly string[]): Record<string, number> {
  const entries: [string, number][] = [];
  counts.forEach((count, code) => {
    if (count) entries.push([codes[code], count]);
  });
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

/** Accumulates rows into InventoryAggregates; `add` is called once per valid row, `result` once at the end. */
export class InventoryAggregator {
  private dwellings = 0;
  private readonly codeIndex = new Map<string, number>();
  private readonly codes: string[] = [];
  private readonly codeRows: number[] = [];
  private readonly departements = new Map<string, number>();
  private readonly communes = new Map<string, CommuneCounter>();

  /** Counts one dwelling. */
  add(row: InventoryRow): void {
    this.dwellings++;
    let code = -1;
    if (row.reservataire !== null) {
      const known = this.codeIndex.get(row.reservataire);
      if (known === undefined) {
        code = this.codes.length;
        this.codeIndex.set(row.reservataire, code);
        this.codes.push(row.reservataire);
        this.codeRows.push(0);
      } else code = known;
      this.codeRows[code]++;
    }
    this.departements.set(row.departement, (this.departements.get(row.departement) ?? 0) + 1);
    let commune = this.communes.get(row.commune);
    if (!commune) this.communes.set(row.commune, (commune = new CommuneCounter(row.departement, row.epci)));
    commune.add(row, CLASS_INDEX.get(row.exclusion ?? "flux")!, code);
  }

  /** The aggregates of every row added so far, keys sorted so that equal inventories give equal JSON. */
  result(): InventoryAggregates {
    const byKey = <V>(map: Map<string, V>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      version: 2,
      dwellings: this.dwellings,
      codes: sortedRecord(this.codeRows, this.codes),
      departements: Object.fromEntries(byKey(this.departements)),
      communes: Object.fromEntries(byKey(this.communes).map(([insee, counter]) => [insee, counter.result(this.codes)])),
    };
  }
}

/** Recomputes the aggregates from stored rows (an import stored before the per-commune format). */
export function aggregateRows(rows: Iterable<InventoryRow>): InventoryAggregates {
  const aggregator = new InventoryAggregator();
  for (const row of rows) aggregator.add(row);
  return aggregator.result();
}
