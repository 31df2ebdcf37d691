// The all-or-nothing import of a year's events, fed line by line by the inventory's readers (CSV streamed by
// papaparse, XLSX by the streaming sheet reader, within the same bounds): header matching, row validation. Either every
// line is valid and the result carries the rows, or it carries every error (the first MAX_REPORTED_ERRORS described)
// and no row at all. Checks that need the bailleur's état des lieux come after, in complete.ts.
import { detectDelimiter, streamCsvLines } from "../inventory/csv";
import { decodeText } from "../inventory/decode";
import { matchColumns } from "../inventory/columns";
import { looksLikeZip, readSheetInto } from "../inventory/xlsx";
import { scanXlsxBounds } from "../inventory/xlsx-bounds";
import { DECOMPTE_COLUMN_LIST, DECOMPTE_COLUMNS, DECOMPTE_HEADER_SYNONYMS, type DecompteField } from "./columns";
import { MAX_CELL_LENGTH, MAX_DECOMPTE_BYTES, MAX_DECOMPTE_ROWS, MAX_REPORTED_ERRORS } from "./limits";
import { cellLocation, decompteMessages, type DecompteIssue, type DecompteWarning } from "./messages";
import { DecompteRowReader, type DecompteRow } from "./row";

/** Where each field sits in the file, and the header as written: completion names cells with them. */
export interface DecompteHeader {
  positions: Record<DecompteField, number>;
  names: string[];
}

export type DecompteParseResult =
  | { ok: true; rows: DecompteRow[]; header: DecompteHeader; warnings: DecompteWarning[]; source: { format: "csv" | "xlsx"; bytes: number; encoding?: string; delimiter?: string } }
  | { ok: false; issues: DecompteIssue[]; errorCount: number };

export function refuseDecompte(issue: DecompteIssue): DecompteParseResult {
  return { ok: false, issues: [issue], errorCount: 1 };
}

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === "");

/** Consumes the lines of one file: the first non-blank line is the header, then one event per line, then `finish`. */
export class DecompteImporter {
  private readonly issues: DecompteIssue[] = [];
  private errorCount = 0;
  private reader: DecompteRowReader | undefined;
  private header: DecompteHeader | undefined;
  private width = 0;
  private rows: DecompteRow[] = [];
  private dataLines = 0;
  private readonly warnings: DecompteWarning[] = [];
  private fatal: DecompteIssue | undefined;
  private readonly report = (issue: DecompteIssue) => this.fail(issue);

  constructor(private readonly source: { format: "csv" | "xlsx"; bytes: number; encoding?: string; delimiter?: string }) {}

  /** True once a bound made the file unreadable as a whole: the reader stops feeding lines. */
  get stopped(): boolean {
    return this.fatal !== undefined;
  }

  fail(issue: DecompteIssue): void {
    this.errorCount++;
    if (this.issues.length < MAX_REPORTED_ERRORS) this.issues.push(issue);
    // All-or-nothing: once one error refuses the file, its rows are never needed.
    if (this.rows.length > 0) this.rows = [];
  }

  line(cells: readonly string[], line: number): void {
    if (this.fatal) return;
    // Before anything reads the cells: a runaway cell is refused by its length, never trimmed or quoted back.
    const long = cells.findIndex((cell) => cell.length > MAX_CELL_LENGTH);
    if (long >= 0) {
      if (this.header) this.countDataLine(line);
      const name = this.header?.names[long] || "sans intitulé";
      this.fail({
        code: "DECOMPTE_CELLULE_TROP_LONGUE",
        message: decompteMessages.DECOMPTE_CELLULE_TROP_LONGUE(cellLocation(line, long + 1, name.length > MAX_CELL_LENGTH ? "sans intitulé" : name), cells[long].length),
        line,
        column: long + 1,
      });
      return;
    }
    if (isBlank(cells)) return;
    if (!this.header) {
      if (this.errorCount > 0) return;
      this.readHeader(cells);
      return;
    }
    if (!this.countDataLine(line)) return;
    // Strict on purpose: one cell too many or too few shifts every following value into the wrong column.
    if (cells.length !== this.width) {
      this.fail({
        code: "DECOMPTE_NOMBRE_DE_COLONNES",
        message: decompteMessages.DECOMPTE_NOMBRE_DE_COLONNES(line, cells.length, this.width, this.source.delimiter ?? ";"),
        line,
      });
      return;
    }
    const row = this.reader!.read(cells, line, this.report);
    if (row && this.errorCount === 0) this.rows.push(row);
  }

  private readHeader(cells: readonly string[]) {
    const match = matchColumns(cells, DECOMPTE_COLUMN_LIST, DECOMPTE_HEADER_SYNONYMS);
    for (const field of match.missing) {
      const column = DECOMPTE_COLUMNS[field];
      this.fail({
        code: "DECOMPTE_COLONNE_MANQUANTE",
        message: decompteMessages.DECOMPTE_COLONNE_MANQUANTE(column.label, [column.label, ...column.synonyms]),
        line: 1,
        columnName: column.label,
      });
    }
    for (const duplicate of match.duplicates) {
      const column = DECOMPTE_COLUMNS[duplicate.field];
      this.fail({
        code: "DECOMPTE_COLONNE_EN_DOUBLE",
        message: decompteMessages.DECOMPTE_COLONNE_EN_DOUBLE(column.label, duplicate.columns),
        line: 1,
        column: duplicate.columns[1],
        columnName: column.label,
      });
    }
    if (match.missing.length > 0 || match.duplicates.length > 0) return;
    this.width = cells.length;
    this.header = { positions: match.positions, names: match.names };
    this.reader = new DecompteRowReader(match.positions, match.names);
    if (match.ignored.length > 0) this.warnings.push({ code: "DECOMPTE_COLONNE_IGNOREE", message: decompteMessages.DECOMPTE_COLONNE_IGNOREE(match.ignored) });
  }

  private countDataLine(line: number): boolean {
    this.dataLines++;
    if (this.dataLines <= MAX_DECOMPTE_ROWS) return true;
    this.fatal = { code: "DECOMPTE_TROP_DE_LIGNES", message: decompteMessages.DECOMPTE_TROP_DE_LIGNES(line), line };
    this.rows = [];
    return false;
  }

  finish(): DecompteParseResult {
    if (this.fatal) return refuseDecompte(this.fatal);
    if (this.errorCount === 0) {
      if (!this.header) this.fail({ code: "DECOMPTE_SANS_EN_TETE", message: decompteMessages.DECOMPTE_SANS_EN_TETE() });
      else if (this.dataLines === 0) this.fail({ code: "DECOMPTE_SANS_EVENEMENT", message: decompteMessages.DECOMPTE_SANS_EVENEMENT(), line: 2 });
    }
    if (this.errorCount > 0) {
      const issues = [...this.issues];
      if (this.errorCount > this.issues.length) {
        issues.push({ code: "DECOMPTE_ERREURS_TRONQUEES", message: decompteMessages.DECOMPTE_ERREURS_TRONQUEES(this.issues.length, this.errorCount) });
      }
      return { ok: false, issues, errorCount: this.errorCount };
    }
    return { ok: true, rows: this.rows, header: this.header!, warnings: this.warnings, source: this.source };
  }
}

function checkSize(bytes: number): DecompteIssue | undefined {
  if (bytes === 0) return { code: "DECOMPTE_FICHIER_VIDE", message: decompteMessages.DECOMPTE_FICHIER_VIDE() };
  if (bytes > MAX_DECOMPTE_BYTES) return { code: "DECOMPTE_TROP_VOLUMINEUX", message: decompteMessages.DECOMPTE_TROP_VOLUMINEUX(bytes) };
  return undefined;
}

/** Reads a decoded CSV text (the bench times it apart from decoding). */
export function importDecompteCsvText(text: string, bytes: number, encoding: string): DecompteParseResult {
  if (text.trim() === "") return refuseDecompte({ code: "DECOMPTE_SANS_EN_TETE", message: decompteMessages.DECOMPTE_SANS_EN_TETE() });
  const delimiter = detectDelimiter(text);
  const importer = new DecompteImporter({ format: "csv", bytes, encoding, delimiter });
  streamCsvLines(text, delimiter, {
    line: (cells, line) => importer.line(cells, line),
    malformed: (line, detail) => importer.fail({ code: "DECOMPTE_CSV_MALFORME", message: decompteMessages.DECOMPTE_CSV_MALFORME(line, detail), line }),
    stopped: () => importer.stopped,
  });
  return importer.finish();
}

export function importDecompteCsv(bytes: Uint8Array): DecompteParseResult {
  const size = checkSize(bytes.byteLength);
  if (size) return refuseDecompte(size);
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    return refuseDecompte(
      decoded.reason === "utf-16"
        ? { code: "DECOMPTE_ENCODAGE_NON_PRIS_EN_CHARGE", message: decompteMessages.DECOMPTE_ENCODAGE_NON_PRIS_EN_CHARGE("UTF-16") }
        : { code: "DECOMPTE_ENCODAGE_INVALIDE", message: decompteMessages.DECOMPTE_ENCODAGE_INVALIDE(decoded.line, decoded.offset), line: decoded.line },
    );
  }
  return importDecompteCsvText(decoded.text, bytes.byteLength, decoded.encoding);
}

export async function importDecompteXlsx(bytes: Uint8Array): Promise<DecompteParseResult> {
  const size = checkSize(bytes.byteLength);
  if (size) return refuseDecompte(size);
  // Before the parser inflates anything: it would unpack a ZIP bomb in full.
  const breach = scanXlsxBounds(bytes, MAX_DECOMPTE_ROWS);
  if (breach?.kind === "unreadable") return refuseDecompte({ code: "DECOMPTE_XLSX_ILLISIBLE", message: decompteMessages.DECOMPTE_XLSX_ILLISIBLE(breach.detail) });
  if (breach?.kind === "unpacked") return refuseDecompte({ code: "DECOMPTE_XLSX_DECOMPRESSE_TROP_VOLUMINEUX", message: decompteMessages.DECOMPTE_XLSX_DECOMPRESSE_TROP_VOLUMINEUX(breach.part) });
  if (breach?.kind === "rows") return refuseDecompte({ code: "DECOMPTE_TROP_DE_LIGNES", message: decompteMessages.DECOMPTE_TROP_DE_LIGNES(MAX_DECOMPTE_ROWS + 2) });
  const importer = new DecompteImporter({ format: "xlsx", bytes: bytes.byteLength });
  const unreadable = readSheetInto(bytes, importer);
  if (unreadable !== undefined) return refuseDecompte({ code: "DECOMPTE_XLSX_ILLISIBLE", message: decompteMessages.DECOMPTE_XLSX_ILLISIBLE(unreadable) });
  return importer.finish();
}

/** Imports an events file (CSV or XLSX, told apart by its bytes) from its raw bytes. */
export async function importDecompteFile(bytes: Uint8Array, fileName = ""): Promise<DecompteParseResult> {
  if (looksLikeZip(bytes) || /\.xlsx$/i.test(fileName)) return importDecompteXlsx(bytes);
  return importDecompteCsv(bytes);
}
