// npm run bench:inventory-transfer — what moving 200 000 parsed inventory rows from the parse worker to the server's
// thread costs the server's thread. It prints, it does not assert.
//
// Only the receiving side is timed, since the sending side is the worker. Baseline: the rows posted as they are (an
// array of objects), which the receiver deserialises in one synchronous step. Measured: the rows as typed columns
// (app/lib/columnar.ts), deserialised, then rebuilt into objects in slices with a turn of the event loop between
// them. The figure is the longest synchronous step on the receiving thread (what every open convention would wait),
// read from a timer ticking every millisecond. Serialisation uses v8.serialize, the format postMessage uses; it copies
// the column buffers a real transfer would move, so the measured side is if anything overestimated. Both kinds
// alternate, PASSES times each; medians are printed.
import v8 from "node:v8";
import { importInventoryCsv } from "../../app/domain/inventory/csv";
import type { InventoryRow } from "../../app/domain/inventory/row";
import { INVENTORY_ROW_COLUMNS } from "../../app/domain/inventory/row-columns";
import { fromColumns, toColumns, type ColumnarTable } from "../../app/lib/columnar";
import { encodeWindows1252, generateInventoryCsv } from "./generate-inventory";

const ROWS = 200_000;
const PASSES = 5;

const parsed = importInventoryCsv(encodeWindows1252(generateInventoryCsv(ROWS)));
if (!parsed.ok) throw new Error(parsed.issues[0].message);
const rows = parsed.rows;

/** The longest gap between timer ticks while `receive` runs, and its whole duration. */
async function longestStall(receive: () => Promise<unknown>): Promise<{ stallMs: number; totalMs: number }> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  let last = performance.now();
  let stall = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  const start = performance.now();
  await receive();
  const end = performance.now();
  clearInterval(ticker);
  return { stallMs: Math.max(stall, end - last), totalMs: end - start };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const baseline: number[] = [];
const columnar: number[] = [];
const columnarTotal: number[] = [];
for (let pass = 0; pass < PASSES; pass++) {
  const objects = v8.serialize(rows);
  baseline.push((await longestStall(async () => (v8.deserialize(objects) as InventoryRow[]).length)).stallMs);
  const columns = v8.serialize(toColumns(rows, INVENTORY_ROW_COLUMNS).table);
  const measured = await longestStall(() => fromColumns<InventoryRow>(v8.deserialize(columns) as ColumnarTable, INVENTORY_ROW_COLUMNS));
  columnar.push(measured.stallMs);
  columnarTotal.push(measured.totalMs);
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
console.log(`${ROWS.toLocaleString("fr-FR")} inventory rows, ${PASSES} passes each (medians), receiving thread only`);
console.log(`  baseline, objects by structured clone: longest stall ${fmt(median(baseline))}`);
console.log(`  typed columns rebuilt in slices: longest stall ${fmt(median(columnar))} (whole rebuild ${fmt(median(columnarTotal))})`);
console.log(`  ratio (columns / baseline, longest stall): ${(median(columnar) / median(baseline)).toFixed(2)}`);
