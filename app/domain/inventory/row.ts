// One inventory row: its type, and its validation from the cells of a file line.
import {
  type ExclusionReason,
  type Financement,
  type Habitat,
  type Typologie,
  communeInDepartement,
  parseCommune,
  parseDate,
  parseDepartement,
  parseEpci,
  parseExclusion,
  parseFinancement,
  parseHabitat,
  parseQpv,
  parseRate,
  parseReservataire,
  parseRpls,
  parseTypologie,
} from "./cells";
import { type ColumnPositions, INVENTORY_COLUMNS, type InventoryField } from "./columns";
import { CELL_CACHE_SIZE } from "./limits";
import { type InventoryIssue, cellLocation, inventoryMessages } from "./messages";

/** One dwelling of an inventory, validated: a plain serialisable object (the database stores it as is). */
export interface InventoryRow {
  /** Line of the source file (1 = header). */
  line: number;
  rpls: string;
  /** Réservataire id as written in the file; null when the dwelling is non réservé. */
  reservataire: string | null;
  departement: string;
  epci: string;
  /** INSEE code. */
  commune: string;
  qpv: boolean;
  typologie: Typologie;
  financement: Financement;
  habitat: Habitat;
  /** Decimal string with a point, between 0 and 1 ("0.075"). */
  rotationBailleur: string;
  rotationExReservataire: string | null;
  /** ISO dates "yyyy-mm-dd". */
  conventionStart: string | null;
  conventionEnd: string | null;
  /** Null when the dwelling is in the flux perimeter. */
  exclusion: ExclusionReason | null;
}

type Report = (issue: InventoryIssue) => void;

const INVALID = Symbol("invalid");
const EMPTY = Symbol("empty");

// Reads one column: trims, applies the column's parser once per distinct text (inventories repeat communes,
// typologies and dates on every line), and reports a missing or invalid cell with its location and expected format.
// The first few distinct texts are compared directly: for columns with a handful of values (QPV, typologie,
// financement…) a short scan is cheaper than hashing a freshly parsed string for a Map lookup.
const SMALL_CACHE = 8;

class ColumnReader<T> {
  private readonly smallKeys: string[] = [];
  private readonly smallValues: Array<T | typeof INVALID> = [];
  private readonly cache = new Map<string, T | typeof INVALID>();
  private readonly name: string;
  private readonly requiredCell: boolean;
  private readonly invalidCode: InventoryIssue["code"];
  private readonly expected: string;
  readonly position: number;

  constructor(
    field: InventoryField,
    positions: ColumnPositions,
    names: readonly string[],
    private readonly parse: (text: string) => T | undefined,
    private readonly cached = true,
  ) {
    const column = INVENTORY_COLUMNS[field];
    this.position = positions[field];
    this.name = names[this.position] || column.label;
    this.requiredCell = column.requiredCell;
    this.invalidCode = column.invalidCode;
    this.expected = column.expected;
  }

  location(line: number): string {
    return cellLocation(line, this.position + 1, this.name);
  }

  issue(line: number, code: InventoryIssue["code"], message: string): InventoryIssue {
    return { code, message, line, column: this.position + 1, columnName: this.name };
  }

  private lookup(text: string): T | typeof INVALID {
    if (!this.cached) {
      const parsed = this.parse(text);
      return parsed === undefined ? INVALID : parsed;
    }
    const keys = this.smallKeys;
    for (let index = 0; index < keys.length; index++) if (keys[index] === text) return this.smallValues[index];
    let value = keys.length < SMALL_CACHE ? undefined : this.cache.get(text);
    if (value === undefined) {
      const parsed = this.parse(text);
      value = parsed === undefined ? INVALID : parsed;
      if (keys.length < SMALL_CACHE) {
        keys.push(text);
        this.smallValues.push(value);
      } else if (this.cache.size < CELL_CACHE_SIZE) this.cache.set(text, value);
    }
    return value;
  }

  read(cells: readonly string[], line: number, report: Report): T | typeof EMPTY | typeof INVALID {
    if (this.position < 0) return EMPTY;
    let text = cells[this.position] ?? "";
    const last = text.length - 1;
    // trim() only when needed: most cells have no surrounding spaces and this runs millions of times.
    if (last >= 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(last) <= 32)) text = text.trim();
    if (text === "") {
      if (!this.requiredCell) return EMPTY;
      report(this.issue(line, "INVENTAIRE_VALEUR_MANQUANTE",
        inventoryMessages.INVENTAIRE_VALEUR_MANQUANTE(this.location(line), this.expected)));
      return INVALID;
    }
    const value = this.lookup(text);
    if (value === INVALID) {
      report(this.issue(line, this.invalidCode, inventoryMessages.invalidCell(this.location(line), text, this.expected)));
    }
    return value;
  }
}

// RPLS numbers are 10 base-36 digits: 36^10 < 2^53, so each is exactly one double. Keeping them in a typed array and
// sorting it once at the end finds duplicates several times faster than a Map of 500 000 strings.
class DuplicateFinder {
  private keys = new Float64Array(1 << 16);
  private lines = new Int32Array(1 << 16);
  private count = 0;

  add(rpls: string, line: number): void {
    if (this.count === this.keys.length) {
      const keys = new Float64Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
      const lines = new Int32Array(this.lines.length * 2);
      lines.set(this.lines);
      this.lines = lines;
    }
    this.keys[this.count] = parseInt(rpls, 36);
    this.lines[this.count] = line;
    this.count++;
  }

  /** Every repeated occurrence, in file order, with the line of the first occurrence. */
  duplicates(): { rpls: string; line: number; firstLine: number }[] {
    const keys = this.keys.subarray(0, this.count);
    const sorted = keys.slice().sort();
    const repeated = new Set<number>();
    for (let index = 1; index < sorted.length; index++) if (sorted[index] === sorted[index - 1]) repeated.add(sorted[index]);
    if (repeated.size === 0) return [];
    const firstLine = new Map<number, number>();
    const found: { rpls: string; line: number; firstLine: number }[] = [];
    for (let index = 0; index < this.count; index++) {
      const key = keys[index];
      if (!repeated.has(key)) continue;
      const first = firstLine.get(key);
      if (first === undefined) firstLine.set(key, this.lines[index]);
      else found.push({ rpls: key.toString(36).toUpperCase().padStart(10, "0"), line: this.lines[index], firstLine: first });
    }
    return found;
  }
}

const orNull = <T>(value: T | typeof EMPTY): T | null => (value === EMPTY ? null : value);

/** Validates the cells of data lines against a matched header; one reader per file. */
export class RowReader {
  private readonly rpls: ColumnReader<string>;
  private readonly reservataire: ColumnReader<string | null>;
  private readonly departement: ColumnReader<string>;
  private readonly epci: ColumnReader<string>;
  private readonly commune: ColumnReader<string>;
  private readonly qpv: ColumnReader<boolean>;
  private readonly typologie: ColumnReader<Typologie>;
  private readonly financement: ColumnReader<Financement>;
  private readonly habitat: ColumnReader<Habitat>;
  private readonly rotationBailleur: ColumnReader<string>;
  private readonly rotationExReservataire: ColumnReader<string>;
  private readonly conventionStart: ColumnReader<string>;
  private readonly conventionEnd: ColumnReader<string>;
  private readonly exclusion: ColumnReader<ExclusionReason>;
  private readonly rplsSeen = new DuplicateFinder();

  constructor(positions: ColumnPositions, names: readonly string[]) {
    const reader = <T>(field: InventoryField, parse: (text: string) => T | undefined, cached = true) =>
      new ColumnReader<T>(field, positions, names, parse, cached);
    this.rpls = reader("rpls", parseRpls, false);
    this.reservataire = reader("reservataire", parseReservataire);
    this.departement = reader("departement", parseDepartement);
    this.epci = reader("epci", parseEpci);
    this.commune = reader("commune", parseCommune);
    this.qpv = reader("qpv", parseQpv);
    this.typologie = reader("typologie", parseTypologie);
    this.financement = reader("financement", parseFinancement);
    this.habitat = reader("habitat", parseHabitat);
    this.rotationBailleur = reader("rotationBailleur", parseRate);
    this.rotationExReservataire = reader("rotationExReservataire", parseRate);
    this.conventionStart = reader("conventionStart", parseDate);
    this.conventionEnd = reader("conventionEnd", parseDate);
    this.exclusion = reader("exclusion", parseExclusion);
  }

  /** Reports every RPLS number seen twice; called once after the last line. */
  finish(report: Report): void {
    for (const duplicate of this.rplsSeen.duplicates()) {
      report(this.rpls.issue(duplicate.line, "INVENTAIRE_RPLS_EN_DOUBLE",
        inventoryMessages.INVENTAIRE_RPLS_EN_DOUBLE(this.rpls.location(duplicate.line), duplicate.rpls, duplicate.firstLine)));
    }
  }

  /** The row of a data line, or undefined after reporting every problem of the line (duplicates: see finish). */
  read(cells: readonly string[], line: number, report: Report): InventoryRow | undefined {
    const rpls = this.rpls.read(cells, line, report);
    const reservataire = this.reservataire.read(cells, line, report);
    const departement = this.departement.read(cells, line, report);
    const epci = this.epci.read(cells, line, report);
    const commune = this.commune.read(cells, line, report);
    const qpv = this.qpv.read(cells, line, report);
    const typologie = this.typologie.read(cells, line, report);
    const financement = this.financement.read(cells, line, report);
    const habitat = this.habitat.read(cells, line, report);
    const rotationBailleur = this.rotationBailleur.read(cells, line, report);
    const rotationExReservataire = this.rotationExReservataire.read(cells, line, report);
    const conventionStart = this.conventionStart.read(cells, line, report);
    const conventionEnd = this.conventionEnd.read(cells, line, report);
    const exclusion = this.exclusion.read(cells, line, report);

    let valid = true;
    if (typeof rpls === "string") this.rplsSeen.add(rpls, line);
    if (typeof commune === "string" && typeof departement === "string" && !communeInDepartement(commune, departement)) {
      valid = false;
      report(this.commune.issue(line, "INVENTAIRE_COMMUNE_HORS_DEPARTEMENT",
        inventoryMessages.INVENTAIRE_COMMUNE_HORS_DEPARTEMENT(this.commune.location(line), commune, departement)));
    }
    if (typeof conventionStart === "string" && typeof conventionEnd === "string" && conventionEnd < conventionStart) {
      valid = false;
      report(this.conventionEnd.issue(line, "INVENTAIRE_DATES_INCOHERENTES",
        inventoryMessages.INVENTAIRE_DATES_INCOHERENTES(this.conventionEnd.location(line), conventionStart, conventionEnd)));
    }
    if (
      !valid ||
      rpls === INVALID || rpls === EMPTY ||
      reservataire === INVALID ||
      departement === INVALID || departement === EMPTY ||
      epci === INVALID || epci === EMPTY ||
      commune === INVALID || commune === EMPTY ||
      qpv === INVALID || qpv === EMPTY ||
      typologie === INVALID || typologie === EMPTY ||
      financement === INVALID || financement === EMPTY ||
      habitat === INVALID || habitat === EMPTY ||
      rotationBailleur === INVALID || rotationBailleur === EMPTY ||
      rotationExReservataire === INVALID ||
      conventionStart === INVALID ||
      conventionEnd === INVALID ||
      exclusion === INVALID
    ) {
      return undefined;
    }
    return {
      line,
      rpls,
      reservataire: orNull(reservataire),
      departement,
      epci,
      commune,
      qpv,
      typologie,
      financement,
      habitat,
      rotationBailleur,
      rotationExReservataire: orNull(rotationExReservataire),
      conventionStart: orNull(conventionStart),
      conventionEnd: orNull(conventionEnd),
      exclusion: orNull(exclusion),
    };
  }
}
