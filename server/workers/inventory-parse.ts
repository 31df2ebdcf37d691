// The inventory parse worker: bytes in (transferred), the import result out, its rows as transferred typed columns.
// One message at a time; the thread's memory is bounded by the resourceLimits its owner gives it, so a hostile file
// that passes every other bound ends this thread, not the server (docs/decisions/0007-inventory-parse-worker.md).
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { importDecompteFile } from "../../app/domain/decompte/importer";
import { DECOMPTE_ROW_COLUMNS } from "../../app/domain/decompte/row-columns";
import { importInventoryFile } from "../../app/domain/inventory/import-file";
import type { InventoryProgress } from "../../app/domain/inventory/progress";
import { INVENTORY_ROW_COLUMNS } from "../../app/domain/inventory/row-columns";
import { toColumns } from "../../app/lib/columnar";

export interface ParseRequest {
  id: number;
  /** What the file is (absent: an inventory, as before décompte files existed). */
  kind?: "inventory" | "decompte";
  bytes: Uint8Array;
  fileName: string;
}

const port = parentPort;
if (!port) throw new Error("inventory-parse.ts runs as a worker thread only");

// Below the server's thread in the scheduler's eyes: on Linux a thread's nice value is its own, and the threads this one
// starts (fflate's inflaters) inherit it, so a long parse never delays the relay of edits for a CPU.
try {
  setPriority(10);
} catch {
  // Not permitted on this platform: the parse still runs, at the server's priority.
}

port.on("message", (request: ParseRequest) => {
  if (request.kind === "decompte") {
    void importDecompteFile(request.bytes, request.fileName).then(
      (result) => {
        if (!result.ok) return port.postMessage({ id: request.id, result });
        const { table, transfer } = toColumns(result.rows, DECOMPTE_ROW_COLUMNS);
        port.postMessage({ id: request.id, result: { ...result, rows: table } }, transfer);
      },
      (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  // Progress goes out while the parse runs (the main thread receives it at once): the import page's progress bar.
  const onProgress = (progress: InventoryProgress) => port.postMessage({ id: request.id, progress });
  void importInventoryFile(request.bytes, request.fileName, onProgress).then(
    (result) => {
      if (!result.ok) return port.postMessage({ id: request.id, result });
      const { table, transfer } = toColumns(result.rows, INVENTORY_ROW_COLUMNS);
      port.postMessage({ id: request.id, result: { ...result, rows: table } }, transfer);
    },
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
