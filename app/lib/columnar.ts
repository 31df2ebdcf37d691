// Many flat records as a few typed arrays, to move them between threads cheaply. Posting 200 000 objects to another
// thread costs a structured clone of each of them, deserialised in one synchronous step on the receiving thread
// (hundreds of milliseconds: a stall of the server). Columns instead cross as transferred buffers (no copy) plus one
// string per text column; the receiver rebuilds the records in slices, yielding between them
// (docs/decisions/0007-inventory-parse-worker.md).

/** The type of each field: numbers (never null), booleans and strings (null allowed). */
export type ColumnKind = "number" | "boolean" | "string";
export type ColumnSpec<T> = { readonly [K in keyof T]-?: ColumnKind };

type Column =
  | { kind: "number"; values: Float64Array }
  /** 0 = false, 1 = true, 2 = null. */
  | { kind: "boolean"; values: Uint8Array }
  /** Distinct values joined in one string, `ends[i]` closing the i-th; `codes[row]` is 0 for null, else index + 1. */
  | { kind: "string"; joined: string; ends: Uint32Array; codes: Uint32Array };

export interface ColumnarTable {
  length: number;
  columns: Record<string, Column>;
}

/** The table of `records`, and the buffers to list as transferable when posting it. */
export function toColumns<T extends object>(records: readonly T[], spec: ColumnSpec<T>): { table: ColumnarTable; transfer: ArrayBuffer[] } {
  const columns: Record<string, Column> = {};
  const transfer: ArrayBuffer[] = [];
  for (const [key, kind] of Object.entries(spec) as [keyof T & string, ColumnKind][]) {
    if (kind === "number") {
      const values = new Float64Array(records.length);
      records.forEach((record, row) => (values[row] = record[key] as number));
      columns[key] = { kind, values };
      transfer.push(values.buffer);
    } else if (kind === "boolean") {
      const values = new Uint8Array(records.length);
      records.forEach((record, row) => {
        const value = record[key] as boolean | null;
        values[row] = value === null ? 2 : value ? 1 : 0;
      });
      columns[key] = { kind, values };
      transfer.push(values.buffer);
    } else {
      const codes = new Uint32Array(records.length);
      const index = new Map<string, number>();
      const distinct: string[] = [];
      records.forEach((record, row) => {
        const value = record[key] as string | null;
        if (value === null) return;
        let code = index.get(value);
        if (code === undefined) {
          distinct.push(value);
          code = distinct.length;
          index.set(value, code);
        }
        codes[row] = code;
      });
      const ends = new Uint32Array(distinct.length);
      let end = 0;
      distinct.forEach((value, i) => (ends[i] = end += value.length));
      columns[key] = { kind, joined: distinct.join(""), ends, codes };
      transfer.push(codes.buffer, ends.buffer);
    }
  }
  return { table: { length: records.length, columns }, transfer };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The records of a table, rebuilt `sliceSize` at a time with a turn of the event loop between slices, so that no
 * single step holds the thread for long.
 */
export async function fromColumns<T extends object>(table: ColumnarTable, spec: ColumnSpec<T>, sliceSize = 2_000): Promise<T[]> {
  const keys = Object.keys(spec) as (keyof T & string)[];
  const dictionaries = new Map<string, (string | null)[]>();
  for (const key of keys) {
    const column = table.columns[key];
    if (column?.kind !== "string") continue;
    const values: (string | null)[] = new Array(column.ends.length + 1);
    values[0] = null;
    let start = 0;
    for (let i = 0; i < column.ends.length; i++) {
      values[i + 1] = column.joined.slice(start, column.ends[i]);
      start = column.ends[i];
      if (i % (sliceSize * 4) === sliceSize * 4 - 1) await nextTurn();
    }
    dictionaries.set(key, values);
  }
  const records: T[] = new Array(table.length);
  for (let start = 0; start < table.length; start += sliceSize) {
    const end = Math.min(start + sliceSize, table.length);
    for (let row = start; row < end; row++) {
      const record: Record<string, unknown> = {};
      for (const key of keys) {
        const column = table.columns[key];
        if (column.kind === "number") record[key] = column.values[row];
        else if (column.kind === "boolean") record[key] = column.values[row] === 2 ? null : column.values[row] === 1;
        else record[key] = dictionaries.get(key)![column.codes[row]];
      }
      records[row] = record as T;
    }
    if (end < table.length) await nextTurn();
  }
  return records;
}
