// Many rows into one table, cheaply for the server's thread (docs/decisions/0007-inventory-parse-worker.md).
//
// drizzle's `insert().values(rows)` builds one bound parameter per cell, with type checks on every piece of SQL: a
// profile of a 200 000-dwelling import showed 20 s of the server's thread spent building those statements (about
// 100 µs per row) against a few seconds for everything else. Here each column travels as one PostgreSQL array
// literal and `unnest` turns the arrays back into rows: a chunk of thousands of rows is a handful of strings built in
// one pass. Same transaction, same constraints: a bad row still fails its whole statement.
import { getTableColumns, sql, type InferInsertModel } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db, DbTransaction } from "./client";

/** Rows of `T` with every column given (null where empty): a column left out would not get its default here. */
export type CompleteRow<T extends PgTable> = { [K in keyof InferInsertModel<T>]-?: InferInsertModel<T>[K] | null };

/** The column types this writer spells in array literals. */
const ELEMENT_TYPES = new Set(["text", "integer", "boolean"]);

/** One element of a PostgreSQL array literal: NULL, a boolean, a number, or a double-quoted string. */
export function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`bulkInsert: ${value} is not a number PostgreSQL can store`);
    return String(value);
  }
  if (typeof value === "string") return value.includes('"') || value.includes("\\") ? `"${value.replace(/[\\"]/g, "\\$&")}"` : `"${value}"`;
  throw new Error(`bulkInsert: cannot write a ${typeof value} in an array literal`);
}

/**
 * Inserts `rows` into `table`, `chunk` rows per statement. Under the profiler, 5 000 rows of an état des lieux
 * (16 columns) took the server's thread about 37 ms to spell: 2 000 keep each statement's share of a stall near 15 ms.
 */
export async function bulkInsert<T extends PgTable>(db: Db | DbTransaction, table: T, rows: readonly CompleteRow<T>[], chunk = 2_000): Promise<void> {
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => {
    const type = column.getSQLType();
    if (!ELEMENT_TYPES.has(type)) throw new Error(`bulkInsert: column ${column.name} is ${type}, not one of ${[...ELEMENT_TYPES].join(", ")}`);
    return { key, name: column.name, type };
  });
  const names = sql.join(
    columns.map((column) => sql.identifier(column.name)),
    sql`, `,
  );
  for (let start = 0; start < rows.length; start += chunk) {
    const slice = rows.slice(start, start + chunk) as readonly Record<string, unknown>[];
    const arrays = columns.map((column) => {
      const literal = `{${slice.map((row) => arrayElement(row[column.key])).join(",")}}`;
      return sql`${literal}::${sql.raw(column.type)}[]`;
    });
    await db.execute(sql`insert into ${table} (${names}) select * from unnest(${sql.join(arrays, sql`, `)})`);
  }
}
