// npm run bench:xlsx — reading the first sheet of inventory workbooks of growing size: our streaming reader
// (app/domain/inventory/xlsx-sheet.ts) against read-excel-file, the library it replaces, in the same run
// (docs/decisions/0007-inventory-parse-worker.md). It prints, it does not assert.
//
// Each size is a deflated workbook of generated dwellings, as Excel compresses them. Per reader and size: the time to
// read every row into cell values (median of the passes), the time per 1 000 rows (flat when the work is linear), and
// the ratio ours / baseline. read-excel-file may fail on the largest workbooks; its error is printed instead.
import { readSheet } from "read-excel-file/universal";
import { readFirstSheet } from "../../app/domain/inventory/xlsx-sheet";
import { makeXlsx } from "../fixtures/inventory/make-xlsx";
import { generateInventoryCsv } from "./generate-inventory";

const SIZES = (process.env.BENCH_XLSX_ROWS ?? "25000,50000,100000,200000").split(",").map(Number);
const PASSES = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(read: () => Promise<number>): Promise<{ ms: number; rows: number } | { error: string }> {
  const start = performance.now();
  try {
    const rows = await read();
    return { ms: performance.now() - start, rows };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message.slice(0, 80)}` : String(error) };
  }
}

const ours = async (bytes: Uint8Array) => {
  let rows = 0;
  readFirstSheet(bytes, () => void rows++);
  return rows;
};
const baseline = async (bytes: Uint8Array) => (await readSheet(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)).length;

const fmt = (ms: number) => `${Math.round(ms).toLocaleString("fr-FR")} ms`;
console.log(`XLSX first sheet, ${PASSES} passes per size below 200 000 rows, 1 above (medians)`);
for (const size of SIZES) {
  const csv = generateInventoryCsv(size);
  const bytes = makeXlsx(
    csv
      .trimEnd()
      .split("\r\n")
      .map((line) => line.split(";")),
    { deflate: true },
  );
  const passes = size >= 200_000 ? 1 : PASSES;
  const results: Record<string, { ms: number; rows: number } | { error: string }> = {};
  for (const [name, read] of [["baseline", baseline], ["ours", ours]] as const) {
    const runs: number[] = [];
    let last: { ms: number; rows: number } | { error: string } = { error: "not run" };
    for (let pass = 0; pass < passes; pass++) {
      last = await timed(() => read(bytes));
      if ("error" in last) break;
      runs.push(last.ms);
    }
    results[name] = "error" in last ? last : { ms: median(runs), rows: last.rows };
  }
  const line = (name: string, result: { ms: number; rows: number } | { error: string }) =>
    "error" in result ? `${name}: failed (${result.error})` : `${name}: ${fmt(result.ms)} for ${result.rows.toLocaleString("fr-FR")} rows (${(result.ms / (size / 1_000)).toFixed(1)} ms per 1 000)`;
  console.log(`${size.toLocaleString("fr-FR")} dwellings, ${(bytes.byteLength / 1024 / 1024).toFixed(1)} Mo zipped`);
  console.log(`  ${line("baseline read-excel-file", results.baseline)}`);
  console.log(`  ${line("streaming reader", results.ours)}`);
  const [b, o] = [results.baseline, results.ours];
  console.log(`  ratio (ours / baseline): ${"error" in b || "error" in o ? "n/a, a reader failed" : (o.ms / b.ms).toFixed(2)}`);
}
