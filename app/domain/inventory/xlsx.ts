// XLSX inventories, read row by row by our streaming sheet reader (xlsx-sheet.ts), which needs no Node API. Cells are
// turned into the text a CSV export would carry, then go through the same importer as CSV lines.
import { checkSize } from "./csv";
import { type InventoryImportResult, InventoryImporter, refuse } from "./importer";
import { MAX_INVENTORY_ROWS } from "./limits";
import { inventoryMessages } from "./messages";
import type { ProgressListener } from "./progress";
import { inventoryBreachIssue, scanXlsxBounds } from "./xlsx-bounds";
import { readFirstSheet, type SheetCell, XlsxUnreadable } from "./xlsx-sheet";

/** The text of a spreadsheet cell as the importer reads it: dates as ISO, numbers without float noise. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "oui" : "non";
  if (typeof value === "number") {
    // 0.07100000000000001 is what a spreadsheet shows as 7,1 %: keep the digits a human typed.
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  }
  if (value instanceof Date) {
    // The reader builds dates in UTC from the serial number; the UTC fields are the typed calendar date.
    return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  }
  return String(value);
}

/** True when the bytes start like a ZIP archive, which is what an .xlsx file is. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Feeds the rows of a workbook's first sheet to `line` as texts, with their row numbers. A sheet has no line width of
 * its own: the header's cells, up to its last non-empty one, set it; a shorter row is padded with empty cells, and a
 * row with a value beyond the header keeps its length, so that the importer refuses it by its number of values.
 * `line` returns false to stop. Throws XlsxUnreadable.
 */
function readSheetLines(bytes: Uint8Array, line: (cells: string[], row: number) => boolean | void): void {
  let width: number | undefined;
  readFirstSheet(bytes, (cells: SheetCell[], row: number) => {
    const texts = cells.map(cellText);
    let length = texts.length;
    while (length > 0 && texts[length - 1].trim() === "") length--;
    if (length === 0) return line([], row);
    texts.length = length;
    if (width === undefined) width = length;
    while (texts.length < width) texts.push("");
    return line(texts, row);
  });
}

/**
 * Feeds a workbook's first sheet to an importer (inventory or décompte) until it stops; returns why the workbook is
 * unreadable, in French, or undefined once it was read.
 */
export function readSheetInto(bytes: Uint8Array, importer: { line(cells: readonly string[], line: number): void; readonly stopped: boolean }): string | undefined {
  try {
    readSheetLines(bytes, (cells, row) => {
      importer.line(cells, row);
      return !importer.stopped;
    });
    return undefined;
  } catch (error) {
    if (error instanceof XlsxUnreadable) return error.detail;
    throw error;
  }
}

/** Imports the first sheet of an XLSX inventory from its raw bytes: rows and aggregates, or every error in French. */
export async function importInventoryXlsx(bytes: Uint8Array, onProgress?: ProgressListener): Promise<InventoryImportResult> {
  const sizeIssue = checkSize(bytes.byteLength);
  if (sizeIssue) return refuse(sizeIssue);
  onProgress?.({ stage: "lecture", rows: 0, total: null });
  // Before anything is parsed: a ZIP bomb is never inflated in full, and the rows counted give the progress its total.
  let rows = 0;
  const breach = scanXlsxBounds(bytes, MAX_INVENTORY_ROWS, (counted) => (rows = counted));
  if (breach) return refuse(inventoryBreachIssue(breach));
  // Rows stored in the sheet, the header apart: empty ones are not lines, so the checks end at or below this total.
  const total = Math.max(0, rows - 1);
  onProgress?.({ stage: "verification", rows: 0, total });
  const importer = new InventoryImporter({ format: "xlsx", bytes: bytes.byteLength }, onProgress && { listener: onProgress, total });
  const unreadable = readSheetInto(bytes, importer);
  if (unreadable !== undefined) return refuse({ code: "INVENTAIRE_XLSX_ILLISIBLE", message: inventoryMessages.INVENTAIRE_XLSX_ILLISIBLE(unreadable) });
  return importer.finish();
}
