// PGlite in a worker thread: the database engine (WebAssembly) runs its queries here, so that a write of the
// collaboration server never blocks the thread that relays edits. The main thread talks to it through
// db/pglite-worker-client.ts with plain messages; see ADR 0006.
import fs from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

const identity = (value) => value;
let db;
try {
  if (workerData.dataDir !== "memory") fs.mkdirSync(path.dirname(path.resolve(workerData.dataDir)), { recursive: true });
  db = workerData.dataDir === "memory" ? new PGlite() : new PGlite(workerData.dataDir);
  await db.waitReady;
  parentPort.postMessage({ type: "ready" });
} catch (error) {
  parentPort.postMessage({ type: "ready", error: serialise(error) });
}

// Open transactions: the client of each, and how to end it.
const transactions = new Map();

function serialise(error) {
  const out = { message: error?.message ?? String(error) };
  for (const key of ["code", "severity", "detail", "hint", "position", "schema", "table", "column", "constraint", "routine"])
    if (error && error[key] !== undefined) out[key] = error[key];
  return out;
}

function options(message) {
  // Parsers are functions and cannot cross threads: the caller names the type ids it wants as raw text.
  return { rowMode: message.rowMode, parsers: Object.fromEntries((message.rawTypes ?? []).map((oid) => [oid, identity])) };
}

parentPort.on("message", async (message) => {
  const reply = (payload) => parentPort.postMessage({ id: message.id, ...payload });
  try {
    switch (message.type) {
      case "query": {
        const target = message.txId ? transactions.get(message.txId)?.client : db;
        if (!target) throw new Error(`transaction ${message.txId} is not open`);
        const result = await target.query(message.sql, message.params, options(message));
        reply({ result: { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows } });
        return;
      }
      case "exec": {
        const target = message.txId ? transactions.get(message.txId)?.client : db;
        const results = await target.exec(message.sql);
        reply({ result: results.map((r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows })) });
        return;
      }
      case "begin": {
        const entry = {};
        const opened = new Promise((resolve, reject) => {
          entry.done = db
            .transaction(async (client) => {
              entry.client = client;
              const commit = await new Promise((end) => {
                entry.end = end;
                resolve();
              });
              if (!commit) await client.rollback();
            })
            .then(
              () => ({ ok: true }),
              (error) => {
                reject(error);
                return { error };
              },
            );
        });
        transactions.set(message.txId, entry);
        try {
          await opened;
        } catch (error) {
          transactions.delete(message.txId);
          throw error;
        }
        reply({ result: true });
        return;
      }
      case "end": {
        const tx = transactions.get(message.txId);
        if (!tx) throw new Error(`transaction ${message.txId} is not open`);
        tx.end(message.commit);
        const outcome = await tx.done;
        transactions.delete(message.txId);
        if (outcome.error && message.commit) throw outcome.error;
        reply({ result: true });
        return;
      }
      case "close": {
        await db.close();
        reply({ result: true });
        return;
      }
      default:
        throw new Error(`unknown message ${message.type}`);
    }
  } catch (error) {
    reply({ error: serialise(error) });
  }
});
