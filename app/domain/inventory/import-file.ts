// One entry point for an uploaded inventory, whatever its format: the bytes decide (an .xlsx is a ZIP archive), the
// file name only breaks the tie for a ZIP that is not a workbook.
import { importInventoryCsv } from "./csv";
import type { InventoryImportResult } from "./importer";
import type { ProgressListener } from "./progress";
import { importInventoryXlsx, looksLikeZip } from "./xlsx";

/** Imports an inventory file (CSV or XLSX, detected from its content) from its raw bytes. */
export async function importInventoryFile(bytes: Uint8Array, fileName = "", onProgress?: ProgressListener): Promise<InventoryImportResult> {
  if (looksLikeZip(bytes) || /\.xlsx$/i.test(fileName)) return importInventoryXlsx(bytes, onProgress);
  return importInventoryCsv(bytes, onProgress);
}
