// Inventory files are parsed in a worker thread, never on the server's thread: a large workbook takes seconds of CPU
// and a hostile one could take all the memory, while that thread relays every open convention's edits. One worker,
// one file at a time, a short queue; a worker that crashes, runs out of memory or takes too long is replaced and
// its upload refused in French (docs/decisions/0007-inventory-parse-worker.md).
import path from "node:path";
import { Worker, type ResourceLimits } from "node:worker_threads";
import type { InventoryImportResult } from "../domain/inventory/importer";
import { MAX_QUEUED_PARSES, PARSE_TIMEOUT_MS, PARSE_WORKER_HEAP_MB } from "../domain/inventory/limits";
import { inventoryMessages, type InventoryErrorCode } from "../domain/inventory/messages";
import type { InventoryProgress, ProgressListener } from "../domain/inventory/progress";
import { INVENTORY_ROW_COLUMNS } from "../domain/inventory/row-columns";
import type { InventoryRow } from "../domain/inventory/row";
import type { DecompteParseResult } from "../domain/decompte/importer";
import { decompteMessages } from "../domain/decompte/messages";
import { DECOMPTE_ROW_COLUMNS } from "../domain/decompte/row-columns";
import type { DecompteRow } from "../domain/decompte/row";
import { fromColumns, type ColumnarTable } from "../lib/columnar";
import { log } from "../../server/log";

// Resolved from the working directory: this module is bundled into build/, the worker file is not.
const WORKER_ENTRY = path.resolve(process.cwd(), "server/workers/inventory-parse-entry.mjs");

export interface InventoryParserOptions {
  resourceLimits?: ResourceLimits;
  timeoutMs?: number;
  maxQueued?: number;
}

type Parsed = InventoryImportResult | DecompteParseResult;
type WorkerReply =
  | { id: number; result: Exclude<Parsed, { ok: true }> | (Omit<Extract<Parsed, { ok: true }>, "rows"> & { rows: ColumnarTable }) }
  | { id: number; error: string }
  | { id: number; progress: InventoryProgress };

/** The files the worker reads: an état des lieux, or a year's décompte events (app/domain/decompte). */
export type ParseKind = "inventory" | "decompte";

interface Job {
  id: number;
  kind: ParseKind;
  bytes: Uint8Array;
  fileName: string;
  /** Progress of an inventory's parse, for the import page (décompte files report none). */
  onProgress?: ProgressListener;
  // The result's type follows `kind`; the public methods keep it apart.
  resolve(result: InventoryImportResult | DecompteParseResult): void;
  reject(error: Error): void;
  /** Set when the job's worker is stopped on purpose: the refusal its exit stands for. */
  stoppedWith?: InventoryErrorCode;
}

const refusal = (code: InventoryErrorCode, message: string): InventoryImportResult => ({
  ok: false,
  issues: [{ code, message }],
  errorCount: 1,
});

/** The worker's own refusals (queue full, memory, time) in the words of the file being read. */
function workerRefusal(kind: ParseKind, reason: "occupe" | "interrompue" | "trop_longue", seconds: number): InventoryImportResult | DecompteParseResult {
  if (kind === "decompte") {
    const issue =
      reason === "occupe"
        ? { code: "DECOMPTE_ANALYSEUR_OCCUPE" as const, message: decompteMessages.DECOMPTE_ANALYSEUR_OCCUPE() }
        : reason === "trop_longue"
          ? { code: "DECOMPTE_ANALYSE_TROP_LONGUE" as const, message: decompteMessages.DECOMPTE_ANALYSE_TROP_LONGUE(seconds) }
          : { code: "DECOMPTE_ANALYSE_INTERROMPUE" as const, message: decompteMessages.DECOMPTE_ANALYSE_INTERROMPUE() };
    return { ok: false, issues: [issue], errorCount: 1 };
  }
  if (reason === "occupe") return refusal("INVENTAIRE_ANALYSEUR_OCCUPE", inventoryMessages.INVENTAIRE_ANALYSEUR_OCCUPE());
  if (reason === "trop_longue") return refusal("INVENTAIRE_ANALYSE_TROP_LONGUE", inventoryMessages.INVENTAIRE_ANALYSE_TROP_LONGUE(seconds));
  return refusal("INVENTAIRE_ANALYSE_INTERROMPUE", inventoryMessages.INVENTAIRE_ANALYSE_INTERROMPUE());
}

/** A parse worker with its queue. */
export class InventoryParser {
  private worker: Worker | null = null;
  private current: Job | null = null;
  private timer: NodeJS.Timeout | undefined;
  private readonly queue: Job[] = [];
  private nextId = 1;
  private readonly resourceLimits: ResourceLimits;
  private readonly timeoutMs: number;
  private readonly maxQueued: number;

  constructor(options: InventoryParserOptions = {}) {
    this.resourceLimits = options.resourceLimits ?? { maxOldGenerationSizeMb: PARSE_WORKER_HEAP_MB };
    this.timeoutMs = options.timeoutMs ?? PARSE_TIMEOUT_MS;
    this.maxQueued = options.maxQueued ?? MAX_QUEUED_PARSES;
  }

  /** Parses and validates an inventory file (CSV or XLSX) off the server's thread; same result as importInventoryFile. */
  parse(bytes: Uint8Array, fileName: string, onProgress?: ProgressListener): Promise<InventoryImportResult> {
    return this.submit("inventory", bytes, fileName, onProgress) as Promise<InventoryImportResult>;
  }

  /** Parses and validates a year's décompte events off the server's thread; same result as importDecompteFile. */
  parseDecompte(bytes: Uint8Array, fileName: string): Promise<DecompteParseResult> {
    return this.submit("decompte", bytes, fileName) as Promise<DecompteParseResult>;
  }

  private submit(kind: ParseKind, bytes: Uint8Array, fileName: string, onProgress?: ProgressListener): Promise<InventoryImportResult | DecompteParseResult> {
    if (this.queue.length >= this.maxQueued) return Promise.resolve(workerRefusal(kind, "occupe", 0));
    return new Promise((resolve, reject) => {
      // A copy is transferred (moved, not cloned) to the worker, so the caller's bytes stay usable.
      this.queue.push({ id: this.nextId++, kind, bytes: bytes.slice(), fileName, onProgress, resolve, reject });
      this.pump();
    });
  }

  /** Stops the worker (pending uploads are refused); a later parse starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (worker) await worker.terminate();
  }

  private pump() {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.current = job;
    const worker = this.worker ?? this.start();
    this.timer = setTimeout(() => {
      job.stoppedWith = "INVENTAIRE_ANALYSE_TROP_LONGUE";
      void worker.terminate();
    }, this.timeoutMs);
    worker.postMessage({ id: job.id, kind: job.kind, bytes: job.bytes, fileName: job.fileName }, [job.bytes.buffer as ArrayBuffer]);
  }

  private start(): Worker {
    // execArgv: [] — the entry registers tsx itself; a parent's `--import tsx` would register it twice.
    const worker = new Worker(WORKER_ENTRY, { execArgv: [], resourceLimits: this.resourceLimits });
    // An idle worker must not keep a CLI or a test process alive; the server keeps itself alive.
    worker.unref();
    worker.on("message", (reply: WorkerReply) => this.settle(reply));
    // ERR_WORKER_OUT_OF_MEMORY and uncaught errors: logged here, the exit that follows refuses the upload.
    worker.on("error", (error) => log.warn("inventory parse worker failed", { fileName: this.current?.fileName, error }));
    worker.on("exit", (code) => {
      if (this.worker === worker) this.worker = null;
      const job = this.current;
      if (!job) return;
      log.warn("inventory parse worker stopped during a parse", { fileName: job.fileName, code, reason: job.stoppedWith ?? "crash" });
      this.finish();
      job.resolve(workerRefusal(job.kind, job.stoppedWith === "INVENTAIRE_ANALYSE_TROP_LONGUE" ? "trop_longue" : "interrompue", this.timeoutMs / 1000));
      this.pump();
    });
    this.worker = worker;
    return worker;
  }

  private finish() {
    clearTimeout(this.timer);
    this.current = null;
  }

  private settle(reply: WorkerReply) {
    const job = this.current;
    if (!job || reply.id !== job.id) return;
    if ("progress" in reply) {
      // A listener's failure (a closed page) must not stop the parse.
      try {
        job.onProgress?.(reply.progress);
      } catch (error) {
        log.warn("inventory progress listener failed", { fileName: job.fileName, error });
      }
      return;
    }
    this.finish();
    this.pump();
    if ("error" in reply) return job.reject(new Error(`analyse de l'inventaire : ${reply.error}`));
    const result = reply.result;
    if (!result.ok) return job.resolve(result);
    const rebuilt = job.kind === "decompte" ? fromColumns<DecompteRow>(result.rows, DECOMPTE_ROW_COLUMNS) : fromColumns<InventoryRow>(result.rows, INVENTORY_ROW_COLUMNS);
    rebuilt.then(
      (rows) => job.resolve({ ...result, rows } as InventoryImportResult | DecompteParseResult),
      (error: Error) => job.reject(error),
    );
  }
}

let shared: InventoryParser | undefined;

/**
 * Parses an uploaded inventory in the server's parse worker: the rows and aggregates, or every error in French —
 * including the refusals of the worker's own limits (memory, time, queue).
 */
export function parseInventoryOffThread(bytes: Uint8Array, fileName: string, onProgress?: ProgressListener): Promise<InventoryImportResult> {
  shared ??= new InventoryParser();
  return shared.parse(bytes, fileName, onProgress);
}

/**
 * Parses an uploaded file of décompte events in the same worker, within the same bounds: the rows, or every error in
 * French — including the worker's own refusals (docs/decisions/0007-inventory-parse-worker.md).
 */
export function parseDecompteOffThread(bytes: Uint8Array, fileName: string): Promise<DecompteParseResult> {
  shared ??= new InventoryParser();
  return shared.parseDecompte(bytes, fileName);
}
