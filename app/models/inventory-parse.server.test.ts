// The parse worker, for real: a worker thread started from its .mjs entry with tsx, as the server does. Limits are
// lowered per test (heap, time, queue) so that each refusal happens on a small file.
import { afterEach, describe, expect, it } from "vitest";
import { encodeWindows1252, generateInventoryCsv } from "../../tests/bench/generate-inventory";
import { importDecompteFile } from "../domain/decompte/importer";
import { importInventoryFile } from "../domain/inventory/import-file";
import { InventoryParser } from "./inventory-parse.server";

const small = encodeWindows1252(generateInventoryCsv(50));
const parsers: InventoryParser[] = [];
const parser = (options: ConstructorParameters<typeof InventoryParser>[0]) => {
  const p = new InventoryParser(options);
  parsers.push(p);
  return p;
};
afterEach(async () => {
  await Promise.all(parsers.splice(0).map((p) => p.close()));
});

describe("inventory parse worker", () => {
  it("gives the same result as parsing on the calling thread, rows included", async () => {
    const bytes = encodeWindows1252(generateInventoryCsv(2_000));
    const offThread = await parser({}).parse(bytes, "edl.csv");
    expect(offThread).toEqual(await importInventoryFile(bytes, "edl.csv"));
    // The caller's bytes are not detached by the transfer.
    expect(bytes.byteLength).toBeGreaterThan(0);
  });

  it("refuses in French when the worker runs out of memory, and replaces it for the next file", async () => {
    const p = parser({ resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } });
    const big = encodeWindows1252(generateInventoryCsv(300_000));
    expect(await p.parse(big, "enorme.csv")).toEqual({
      ok: false,
      errorCount: 1,
      issues: [{ code: "INVENTAIRE_ANALYSE_INTERROMPUE", message: expect.stringMatching(/^L'analyse du fichier a été interrompue/) }],
    });
    expect(await p.parse(small, "petit.csv")).toMatchObject({ ok: true, rows: expect.any(Array) });
  });

  it("stops a parse that takes longer than its time bound", async () => {
    const p = parser({ timeoutMs: 50 });
    expect(await p.parse(encodeWindows1252(generateInventoryCsv(100_000)), "lent.csv")).toMatchObject({
      ok: false,
      issues: [{ code: "INVENTAIRE_ANALYSE_TROP_LONGUE", message: expect.stringContaining("a dépassé 0,05 secondes") }],
    });
  });

  it("refuses an upload when the queue is full, and parses the queued ones in order", async () => {
    const p = parser({ maxQueued: 1 });
    const [first, second, third] = await Promise.all([p.parse(small, "a.csv"), p.parse(small, "b.csv"), p.parse(small, "c.csv")]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: true });
    expect(third).toMatchObject({ ok: false, issues: [{ code: "INVENTAIRE_ANALYSEUR_OCCUPE" }] });
  });
});

describe("the same worker reading décompte events", () => {
  const events = ["Numéro RPLS;Réservataire;Date;Événement", ...Array.from({ length: 3_000 }, (_, i) => `31${String(i).padStart(8, "0")};al;0${1 + (i % 9)}/03/2026;proposition`)].join("\r\n");
  const bytes = new TextEncoder().encode(events);

  it("gives the same rows as reading on the calling thread, and interleaves with inventories", async () => {
    const p = parser({});
    const [decompte, inventory] = await Promise.all([p.parseDecompte(bytes, "evenements.csv"), p.parse(small, "edl.csv")]);
    expect(decompte).toEqual(await importDecompteFile(bytes, "evenements.csv"));
    expect(inventory).toMatchObject({ ok: true });
  });

  it("refuses in the words of a décompte when the worker stops it", async () => {
    const p = parser({ timeoutMs: 1 });
    expect(await p.parseDecompte(new TextEncoder().encode(events.repeat(40)), "lent.csv")).toMatchObject({
      ok: false,
      issues: [{ code: "DECOMPTE_ANALYSE_TROP_LONGUE", message: expect.stringMatching(/^L'analyse du fichier a dépassé .* exportez les événements en CSV/) }],
    });
  });
});
