// The all-or-nothing import of one inventory, fed line by line by the CSV or XLSX reader: header matching, row
// validation, duplicate detection, aggregation. Either every row is valid and the result carries rows and
// aggregates, or it carries every error (up to MAX_REPORTED_ERRORS described) and no row at all.
import { InventoryAggregator, type InventoryAggregates } from "./aggregate";
import { matchHeader } from "./columns";
import { MAX_CELL_LENGTH, MAX_INVENTORY_ROWS, MAX_REPORTED_ERRORS } from "./limits";
import { type InventoryIssue, type InventoryWarning, cellLocation, inventoryMessages } from "./messages";
import { PROGRESS_EVERY_ROWS, type ProgressListener } from "./progress";
import { type InventoryRow, RowReader } from "./row";

/** How the file was read, for the import summary. */
export interface InventorySource {
  format: "csv" | "xlsx";
  bytes: number;
  encoding?: "utf-8" | "windows-1252";
  delimiter?: string;
}

export type InventoryImportResult =
  | {
      ok: true;
      rows: InventoryRow[];
      aggregates: InventoryAggregates;
      warnings: InventoryWarning[];
      source: InventorySource;
    }
  | { ok: false; issues: InventoryIssue[]; errorCount: number };

function isBlank(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== "") return false;
  return true;
}

/** Consumes the lines of one file; `header` first, then `row` for each line, then `finish` once. */
export class InventoryImporter {
  private readonly issues: InventoryIssue[] = [];
  private errorCount = 0;
  private reader: RowReader | undefined;
  private width = 0;
  private rows: InventoryRow[] = [];
  private dataLines = 0;
  private readonly aggregator = new InventoryAggregator();
  private readonly warnings: InventoryWarning[] = [];
  private readonly report = (issue: InventoryIssue) => this.fail(issue);
  private headerNames: readonly string[] = [];
  private fatal: InventoryIssue | undefined;

  constructor(
    private readonly source: InventorySource,
    /** Told every PROGRESS_EVERY_ROWS data lines checked, out of `total` when the reader knows it. */
    private readonly progress?: { listener: ProgressListener; total: number | null },
  ) {}

  /** True once a header was matched; data lines before that are read as the header. */
  get hasHeader(): boolean {
    return this.reader !== undefined;
  }

  /**
   * True once a limit made the file unreadable as a whole (too many lines): the reader should stop feeding lines,
   * and the result is that one refusal.
   */
  get stopped(): boolean {
    return this.fatal !== undefined;
  }

  /** Records an error; the import is then refused, but reading goes on to report every other error. */
  fail(issue: InventoryIssue): void {
    this.errorCount++;
    if (this.issues.length < MAX_REPORTED_ERRORS) this.issues.push(issue);
    // All-or-nothing: no need to keep rows once one error makes the import fail.
    if (this.rows.length > 0) this.rows = [];
  }

  /** Feeds one line of the file (1-based line number). Blank lines are skipped; the first other line is the header. */
  line(cells: readonly string[], line: number): void {
    if (this.fatal) return;
    // Before anything reads the cells: a runaway cell (a missing closing quote, a hostile file) is refused by its
    // length, without being trimmed, parsed or quoted back in a message.
    if (!this.cellsWithinBounds(cells, line)) {
      if (this.reader !== undefined) this.countDataLine(line);
      return;
    }
    if (isBlank(cells)) return;
    if (this.reader === undefined) {
      if (this.errorCount > 0) return; // the header was refused: data lines cannot be interpreted
      const match = matchHeader(cells);
      if (!match.ok) {
        for (const issue of match.issues) this.fail(issue);
        return;
      }
      this.width = cells.length;
      this.headerNames = cells;
      this.reader = new RowReader(match.positions, match.names);
      if (match.ignored.length > 0) {
        this.warnings.push({
          code: "INVENTAIRE_COLONNE_IGNOREE",
          message: inventoryMessages.INVENTAIRE_COLONNE_IGNOREE(match.ignored),
        });
      }
      return;
    }
    if (!this.countDataLine(line)) return;
    // Strict on purpose: one cell too many or too few shifts every following value into the wrong column.
    if (cells.length !== this.width) {
      this.fail({
        code: "INVENTAIRE_NOMBRE_DE_COLONNES",
        message: inventoryMessages.INVENTAIRE_NOMBRE_DE_COLONNES(line, cells.length, this.width, this.source.delimiter ?? ";"),
        line,
      });
      return;
    }
    const row = this.reader.read(cells, line, this.report);
    if (row !== undefined && this.errorCount === 0) {
      this.rows.push(row);
      this.aggregator.add(row);
    }
  }

  private countDataLine(line: number): boolean {
    this.dataLines++;
    if (this.progress && this.dataLines % PROGRESS_EVERY_ROWS === 0) this.progress.listener({ stage: "verification", rows: this.dataLines, total: this.progress.total });
    if (this.dataLines <= MAX_INVENTORY_ROWS) return true;
    this.fatal = { code: "INVENTAIRE_TROP_DE_LIGNES", message: inventoryMessages.INVENTAIRE_TROP_DE_LIGNES(line), line };
    this.rows = [];
    return false;
  }

  private cellsWithinBounds(cells: readonly string[], line: number): boolean {
    let within = true;
    for (let index = 0; index < cells.length; index++) {
      const length = cells[index].length;
      if (length <= MAX_CELL_LENGTH) continue;
      const name = this.reader === undefined ? "en-tête" : this.headerNames[index] || "sans intitulé";
      const location = cellLocation(line, index + 1, name.length > MAX_CELL_LENGTH ? "sans intitulé" : name);
      this.fail({
        code: "INVENTAIRE_CELLULE_TROP_LONGUE",
        message: inventoryMessages.INVENTAIRE_CELLULE_TROP_LONGUE(location, length),
        line,
        column: index + 1,
      });
      within = false;
    }
    return within;
  }

  /** The import result: rows and aggregates when no error occurred, every error otherwise. */
  finish(): InventoryImportResult {
    if (this.fatal) return refuse(this.fatal);
    this.reader?.finish(this.report);
    if (this.errorCount === 0) {
      if (this.reader === undefined) {
        this.fail({ code: "INVENTAIRE_SANS_EN_TETE", message: inventoryMessages.INVENTAIRE_SANS_EN_TETE() });
      } else if (this.dataLines === 0) {
        this.fail({ code: "INVENTAIRE_SANS_LOGEMENT", message: inventoryMessages.INVENTAIRE_SANS_LOGEMENT(), line: 2 });
      }
    }
    if (this.errorCount > 0) {
      const issues = [...this.issues];
      if (this.errorCount > this.issues.length) {
        issues.push({
          code: "INVENTAIRE_ERREURS_TRONQUEES",
          message: inventoryMessages.INVENTAIRE_ERREURS_TRONQUEES(this.issues.length, this.errorCount),
        });
      }
      return { ok: false, issues, errorCount: this.errorCount };
    }
    return {
      ok: true,
      rows: this.rows,
      aggregates: this.aggregator.result(),
      warnings: this.warnings,
      source: this.source,
    };
  }
}

/** A refusal before any line was read (empty file, too large, unreadable encoding…). */
export function refuse(issue: InventoryIssue): InventoryImportResult {
  return { ok: false, issues: [issue], errorCount: 1 };
}
