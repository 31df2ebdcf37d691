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
class ColumnReader<T> {
  private readonly cache = new Map<string, T | typeof INVALID>();
  private readonly name: string;
  readonly position: number;

  constructor(
    private readonly field: InventoryField,
    positions: ColumnPositions,
    names: readonly string[],
    private readonly parse: (text: string) => T | undefined,
    private readonly cached = true,
  ) {
    this.position = positions[field];
    this.name = names[this.position] || INVENTORY_COLUMNS[field].label;
  }

  location(line: number): string {
    return cellLocation(line, this.position + 1, this.name);
  }

  issue(line: number, code: InventoryIssue["code"], message: string): InventoryIssue {
    return { code, message, line, column: this.position + 1, columnName: this.name };
  }

  read(cells: readonly string[], line: number, report: Report): T | typeof EMPTY | typeof INVALID {
    if (this.position < 0) return EMPTY;
    const raw = cells[this.position];
    const text = raw === undefined ? "" : raw.trim();
    const column = INVENTORY_COLUMNS[this.field];
    if (text === "") {
      if (!column.requiredCell) return EMPTY;
      report(this.issue(line, "INVENTAIRE_VALEUR_MANQUANTE",
        inventoryMessages.INVENTAIRE_VALEUR_MANQUANTE(this.location(line), column.expected)));
      return INVALID;
    }
    let value: T | typeof INVALID | undefined = this.cached ? this.cache.get(text) : undefined;
    if (value === undefined) {
      const parsed = this.parse(text);
      value = parsed === undefined ? INVALID : parsed;
      if (this.cached && this.cache.size < CELL_CACHE_SIZE) this.cache.set(text, value);
    }
    if (value === INVALID) {
      report(this.issue(line, column.invalidCode, inventoryMessages.invalidCell(this.location(line), text, column.expected)));
    }
    return value;
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
  private readonly firstLineOfRpls = new Map<string, number>();

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

  /** The row of a data line, or undefined after reporting every problem of the line. */
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
    if (typeof rpls === "string") {
      const firstLine = this.firstLineOfRpls.get(rpls);
      if (firstLine === undefined) this.firstLineOfRpls.set(rpls, line);
      else {
        valid = false;
        report(this.rpls.issue(line, "INVENTAIRE_RPLS_EN_DOUBLE",
          inventoryMessages.INVENTAIRE_RPLS_EN_DOUBLE(this.rpls.location(line), rpls, firstLine)));
      }
    }
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
