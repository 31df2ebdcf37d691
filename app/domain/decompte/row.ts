// One line of an events file: its type, and its validation from the cells of a file line against a matched header.
import type { Financement, Typologie } from "../inventory/cells";
import { DECOMPTE_COLUMNS, type DecompteField } from "./columns";
import { parseCommune, parseDate, parseEvent, parseFinancement, parseQpv, parseReason, parseReservataire, parseRpls, parseTypologie, parseYesNo } from "./cells";
import { DECOMPTE_EVENTS, REFUSAL_EVENTS, type DecompteEvent, type RefusalReason } from "./events";
import { CELL_CACHE_SIZE } from "../inventory/limits";
import { cellLocation, decompteMessages, type DecompteIssue } from "./messages";

/** One event of the file, validated: a plain serialisable object. Null = the cell was empty. */
export interface DecompteRow {
  /** Line of the source file (1 = header). */
  line: number;
  rpls: string;
  /** Réservataire code as written; null for a dwelling of the bailleur (non réservé). */
  reservataire: string | null;
  /** ISO date. */
  date: string;
  event: DecompteEvent;
  motif: RefusalReason | null;
  adaptee: boolean | null;
  prioritaire: boolean | null;
  dalo: boolean | null;
  premierQuartile: boolean | null;
  /** The dwelling's facts when the file gives them; otherwise read from the état des lieux (complete.ts). */
  commune: string | null;
  qpv: boolean | null;
  typologie: Typologie | null;
  financement: Financement | null;
}

type Report = (issue: DecompteIssue) => void;
const INVALID = Symbol("invalid");
const EMPTY = Symbol("empty");

// One column: trims, parses each distinct text once (files repeat dates, codes and events on every line), and reports
// a missing or invalid cell with its line, column and expected format.
class CellReader<T> {
  private readonly cache = new Map<string, T | typeof INVALID>();
  readonly position: number;
  readonly name: string;

  constructor(
    private readonly field: DecompteField,
    positions: Record<DecompteField, number>,
    names: readonly string[],
    private readonly parse: (text: string) => T | undefined,
    private readonly cached = true,
  ) {
    this.position = positions[field];
    this.name = names[this.position] || DECOMPTE_COLUMNS[field].label;
  }

  location(line: number): string {
    return cellLocation(line, this.position + 1, this.name);
  }

  issue(line: number, code: DecompteIssue["code"], message: string): DecompteIssue {
    return { code, message, line, column: this.position + 1, columnName: this.name };
  }

  read(cells: readonly string[], line: number, report: Report): T | typeof EMPTY | typeof INVALID {
    if (this.position < 0) return EMPTY;
    const text = (cells[this.position] ?? "").trim();
    const column = DECOMPTE_COLUMNS[this.field];
    if (text === "") {
      if (!column.requiredCell) return EMPTY;
      report(this.issue(line, "DECOMPTE_VALEUR_MANQUANTE", decompteMessages.DECOMPTE_VALEUR_MANQUANTE(this.location(line), column.expected)));
      return INVALID;
    }
    let value = this.cached ? this.cache.get(text) : undefined;
    if (value === undefined) {
      const parsed = this.parse(text);
      value = parsed === undefined ? INVALID : parsed;
      if (this.cached && this.cache.size < CELL_CACHE_SIZE) this.cache.set(text, value);
    }
    if (value === INVALID) report(this.issue(line, column.invalidCode, decompteMessages.invalidCell(this.location(line), text, column.expected)));
    return value;
  }
}

const orNull = <T>(value: T | typeof EMPTY): T | null => (value === EMPTY ? null : value);
const isBad = (value: unknown) => value === INVALID;

/** Validates the cells of data lines against a matched header; one reader per file. */
export class DecompteRowReader {
  private readonly rpls: CellReader<string>;
  private readonly reservataire: CellReader<string | null>;
  private readonly date: CellReader<string>;
  private readonly event: CellReader<DecompteEvent>;
  private readonly motif: CellReader<RefusalReason>;
  private readonly adaptee: CellReader<boolean>;
  private readonly prioritaire: CellReader<boolean>;
  private readonly dalo: CellReader<boolean>;
  private readonly premierQuartile: CellReader<boolean>;
  private readonly commune: CellReader<string>;
  private readonly qpv: CellReader<boolean>;
  private readonly typologie: CellReader<Typologie>;
  private readonly financement: CellReader<Financement>;

  constructor(positions: Record<DecompteField, number>, names: readonly string[]) {
    const reader = <T>(field: DecompteField, parse: (text: string) => T | undefined, cached = true) => new CellReader<T>(field, positions, names, parse, cached);
    this.rpls = reader("rpls", parseRpls, false);
    this.reservataire = reader("reservataire", parseReservataire);
    this.date = reader("date", parseDate);
    this.event = reader("evenement", parseEvent);
    this.motif = reader("motif", parseReason);
    this.adaptee = reader("adaptee", parseYesNo);
    this.prioritaire = reader("prioritaire", parseYesNo);
    this.dalo = reader("dalo", parseYesNo);
    this.premierQuartile = reader("premierQuartile", parseYesNo);
    this.commune = reader("commune", parseCommune);
    this.qpv = reader("qpv", parseQpv);
    this.typologie = reader("typologie", parseTypologie);
    this.financement = reader("financement", parseFinancement);
  }

  /** The row of a data line, or undefined after reporting every problem of the line. */
  read(cells: readonly string[], line: number, report: Report): DecompteRow | undefined {
    const rpls = this.rpls.read(cells, line, report);
    const reservataire = this.reservataire.read(cells, line, report);
    const date = this.date.read(cells, line, report);
    const event = this.event.read(cells, line, report);
    const motif = this.motif.read(cells, line, report);
    const adaptee = this.adaptee.read(cells, line, report);
    const prioritaire = this.prioritaire.read(cells, line, report);
    const dalo = this.dalo.read(cells, line, report);
    const premierQuartile = this.premierQuartile.read(cells, line, report);
    const commune = this.commune.read(cells, line, report);
    const qpv = this.qpv.read(cells, line, report);
    const typologie = this.typologie.read(cells, line, report);
    const financement = this.financement.read(cells, line, report);

    let valid = true;
    if (typeof event === "string") {
      // A reason or an « adapted » flag on an event that is not the refusal it qualifies is a column mix-up.
      if (motif !== EMPTY && motif !== INVALID && !REFUSAL_EVENTS.has(event)) {
        valid = false;
        report(this.motif.issue(line, "DECOMPTE_MOTIF_HORS_REFUS", decompteMessages.DECOMPTE_MOTIF_HORS_REFUS(this.motif.location(line), DECOMPTE_EVENTS[event].label)));
      }
      if (adaptee !== EMPTY && adaptee !== INVALID && event !== "refus_candidat") {
        valid = false;
        report(this.adaptee.issue(line, "DECOMPTE_ADAPTEE_HORS_REFUS", decompteMessages.DECOMPTE_ADAPTEE_HORS_REFUS(this.adaptee.location(line), DECOMPTE_EVENTS[event].label)));
      }
    }
    const values = [rpls, reservataire, date, event, motif, adaptee, prioritaire, dalo, premierQuartile, commune, qpv, typologie, financement];
    if (!valid || values.some(isBad) || rpls === EMPTY || date === EMPTY || event === EMPTY) return undefined;
    return {
      line,
      rpls: rpls as string,
      reservataire: orNull(reservataire as string | null | typeof EMPTY),
      date: date as string,
      event: event as DecompteEvent,
      motif: orNull(motif as RefusalReason | typeof EMPTY),
      adaptee: orNull(adaptee as boolean | typeof EMPTY),
      prioritaire: orNull(prioritaire as boolean | typeof EMPTY),
      dalo: orNull(dalo as boolean | typeof EMPTY),
      premierQuartile: orNull(premierQuartile as boolean | typeof EMPTY),
      commune: orNull(commune as string | typeof EMPTY),
      qpv: orNull(qpv as boolean | typeof EMPTY),
      typologie: orNull(typologie as Typologie | typeof EMPTY),
      financement: orNull(financement as Financement | typeof EMPTY),
    };
  }
}

/** The location of a cell of `field` on a line, for issues found after reading (completion against the inventory). */
export function fieldLocation(field: DecompteField, positions: Record<DecompteField, number>, names: readonly string[], line: number) {
  const position = positions[field];
  const name = names[position] || DECOMPTE_COLUMNS[field].label;
  return { location: position >= 0 ? cellLocation(line, position + 1, name) : `Ligne ${line}`, column: position >= 0 ? position + 1 : undefined, columnName: name };
}
