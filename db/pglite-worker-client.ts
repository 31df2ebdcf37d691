import path from "node:path";
import { Worker } from "node:worker_threads";
import { types } from "@electric-sql/pglite";

interface QueryOptions {
  rowMode?: "array" | "object";
  parsers?: Record<number, unknown>;
}
interface Result {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

/** An error from the worker, with PostgreSQL's fields (code, detail, constraint…) as the driver would give them. */
export class PGliteWorkerError extends Error {
  constructor(fields: Record<string, unknown>) {
    super(String(fields.message));
    Object.assign(this, fields);
  }
}

/**
 * The part of PGlite's client that drizzle's pglite driver uses (`query`, `exec`, `transaction`, `close`), served by
 * a worker thread. Transactions hold PGlite's lock in the worker; queries outside them wait there, as they would in
 * process.
 */
export class PGliteWorkerClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  /** Set when the worker has stopped: every later call fails at once instead of waiting for an answer. */
  private stopped: Error | null = null;
  readonly ready: Promise<void>;

  constructor(dataDir: string | "memory") {
    this.worker = new Worker(path.resolve(process.cwd(), "db/pglite-worker.mjs"), { workerData: { dataDir } });
    this.ready = new Promise((resolve, reject) => {
      const onReady = (message: { type?: string; error?: Record<string, unknown> }) => {
        if (message.type !== "ready") return;
        this.worker.off("message", onReady);
        if (message.error) reject(new PGliteWorkerError(message.error));
        else resolve();
      };
      this.worker.on("message", onReady);
      this.worker.once("error", reject);
      this.worker.once("exit", (code) => reject(new Error(`la base embarquée n'a pas démarré (code ${code})`)));
    });
    this.worker.on("message", (message: { id?: number; result?: unknown; error?: Record<string, unknown> }) => {
      if (message.id === undefined) return;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.error) waiting.reject(new PGliteWorkerError(message.error));
      else waiting.resolve(message.result);
    });
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => this.fail(new Error(`la base embarquée s'est arrêtée (code ${code})`)));
  }

  private fail(error: Error) {
    this.stopped ??= error;
    for (const w of this.pending.values()) w.reject(error);
    this.pending.clear();
  }

  private call<T>(message: Record<string, unknown>): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  private queryIn(txId: number | undefined, sql: string, params: unknown[] = [], options: QueryOptions = {}) {
    // Only identity parsers cross the boundary (drizzle keeps dates and intervals as text); their type ids suffice.
    const rawTypes = Object.keys(options.parsers ?? {}).map(Number);
    return this.call<Result>({ type: "query", txId, sql, params: params.map(toTransferable), rowMode: options.rowMode, rawTypes });
  }

  query(sql: string, params?: unknown[], options?: QueryOptions) {
    return this.queryIn(undefined, sql, params, options);
  }

  exec(sql: string) {
    return this.call<Result[]>({ type: "exec", sql });
  }

  async transaction<T>(fn: (tx: { query: PGliteWorkerClient["query"]; exec: PGliteWorkerClient["exec"]; rollback(): Promise<void> }) => Promise<T>): Promise<T> {
    const txId = this.nextId++;
    await this.call({ type: "begin", txId });
    const tx = {
      query: (sql: string, params?: unknown[], options?: QueryOptions) => this.queryIn(txId, sql, params, options),
      exec: (sql: string) => this.call<Result[]>({ type: "exec", sql, txId }),
      rollback: async () => {
        throw new Error("rollback");
      },
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (error) {
      await this.call({ type: "end", txId, commit: false }).catch(() => undefined);
      throw error;
    }
    await this.call({ type: "end", txId, commit: true });
    return result;
  }

  async close() {
    if (this.stopped) return;
    try {
      await this.call({ type: "close" });
    } finally {
      this.stopped = new Error("la base embarquée est fermée");
      await this.worker.terminate();
    }
  }
}

function toTransferable(value: unknown): unknown {
  // Buffers arrive in the worker as plain Uint8Arrays, which PGlite sends as bytea.
  if (Buffer.isBuffer(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return value;
}

export { types };
