// XLSX inventories, through read-excel-file's "universal" entry: it reads an ArrayBuffer in the browser and in Node
// alike, so this module stays free of Node APIs. Cells are turned into the text a CSV export would carry, then go
// through the same importer as CSV lines.
import { readSheet } from "read-excel-file/universal";

import { checkSize } from "./csv";
import { type InventoryImportResult, InventoryImporter, refuse } from "./importer";
import { inventoryMessages } from "./messages";
import type { ProgressListener } from "./progress";
import { checkXlsxBounds } from "./xlsx-bounds";

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
    // read-excel-file builds dates in UTC from the serial number; the UTC fields are the typed calendar date.
    return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  }
  return String(value);
}

/** True when the bytes start like a ZIP archive, which is what an .xlsx file is. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Imports the first sheet of an XLSX inventory from its raw bytes: rows and aggregates, or every error in French. */
export async function importInventoryXlsx(bytes: Uint8Array, onProgress?: ProgressListener): Promise<InventoryImportResult> {
  const sizeIssue = checkSize(bytes.byteLength);
  if (sizeIssue) return refuse(sizeIssue);
  // Before the parser inflates anything: it would unpack a ZIP bomb in full.
  const boundsIssue = checkXlsxBounds(bytes);
  if (boundsIssue) return refuse(boundsIssue);
  let sheet: unknown[][];
  onProgress?.({ stage: "lecture", rows: 0, total: null });
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    sheet = (await readSheet(buffer)) as unknown[][];
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return refuse({ code: "INVENTAIRE_XLSX_ILLISIBLE", message: inventoryMessages.INVENTAIRE_XLSX_ILLISIBLE(detail) });
  }
  const total = Math.max(0, sheet.length - 1);
  onProgress?.({ stage: "verification", rows: 0, total });
  const importer = new InventoryImporter({ format: "xlsx", bytes: bytes.byteLength }, onProgress && { listener: onProgress, total });
  for (let index = 0; index < sheet.length && !importer.stopped; index++) importer.line(sheet[index].map(cellText), index + 1);
  return importer.finish();
}
