import { MessageChannel } from "node:worker_threads";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromColumns, toColumns, type ColumnSpec } from "./columnar";

interface Sample {
  line: number;
  name: string;
  note: string | null;
  flag: boolean | null;
}
const SPEC: ColumnSpec<Sample> = { line: "number", name: "string", note: "string", flag: "boolean" };

const sample = fc.record({
  line: fc.integer({ min: 0, max: 10_000_000 }),
  name: fc.string(),
  note: fc.option(fc.constantFrom("", "a", "é", "x".repeat(50), "emoji 🙂"), { nil: null }),
  flag: fc.option(fc.boolean(), { nil: null }),
});

describe("columnar tables", () => {
  it("give back the same records, whatever the slice size", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sample, { maxLength: 200 }), fc.integer({ min: 1, max: 50 }), async (records, slice) => {
        const { table } = toColumns(records, SPEC);
        expect(await fromColumns(table, SPEC, slice)).toEqual(records);
      }),
    );
  });

  it("store each distinct string once and list every column buffer as transferable", () => {
    const records: Sample[] = Array.from({ length: 1_000 }, (_, i) => ({ line: i, name: i % 2 ? "T3" : "T4", note: null, flag: true }));
    const { table, transfer } = toColumns(records, SPEC);
    expect(table.columns.name).toMatchObject({ kind: "string", joined: "T4T3" });
    expect(table.columns.note).toMatchObject({ kind: "string", joined: "" });
    // line, name (codes + ends), note (codes + ends), flag.
    expect(transfer).toHaveLength(6);
    expect(transfer.every((buffer) => buffer instanceof ArrayBuffer)).toBe(true);
  });

  it("survive a real transfer between threads", async () => {
    const records: Sample[] = [{ line: 2, name: "0310000001", note: "al", flag: false }];
    const { table, transfer } = toColumns(records, SPEC);
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<unknown>((resolve) => port2.once("message", resolve));
    port1.postMessage(table, transfer);
    const copy = (await received) as typeof table;
    port1.close();
    // The sender's buffers were moved, not copied.
    expect((table.columns.line as { values: Float64Array }).values.byteLength).toBe(0);
    expect(await fromColumns(copy, SPEC)).toEqual(records);
  });
});
